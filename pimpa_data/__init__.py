"""Pimpa's library: reading teachers' spreadsheets, storing them in DuckDB, and the indicators."""

__version__ = "0.1.0"
