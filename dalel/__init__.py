"""Composition: settings, database and migrations, the app factory and the command line."""

__version__ = "0.1.0"
