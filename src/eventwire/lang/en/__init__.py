"""English language data (see :mod:`eventwire.lang`)."""
