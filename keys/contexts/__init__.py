"""Pinned JSON-LD context documents (package data; see SOURCES.md and index.json)."""
