"""Composition: settings, database and migrations, the app factory and the command line."""

__version__ = "0.1.0"

from dalel import problems as _problems  # noqa: F401 - the problem titles, declared with the package
