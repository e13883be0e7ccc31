"""The HTTP API and the web UI (``eventwire serve``)."""

from eventwire.web.app import create_app
from eventwire.web.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
