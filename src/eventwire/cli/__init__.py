"""The ``eventwire`` command line: a thin shell over the library.

``app`` holds the command group and what commands share; each other module registers its
commands on it when imported here (no module imports this package back, so there is no cycle).
"""

from eventwire.cli import commands, evaluate, serve, spark  # noqa: F401  (register commands)
from eventwire.cli.app import main

__all__ = ["main"]
