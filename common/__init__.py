"""Bottom layer every Dalel package may import: translated messages, problem errors,
the allowlisted HTTP fetcher and JSON input limits. Imports third-party libraries only."""
