"""eventwire: news articles to explainable event data."""
