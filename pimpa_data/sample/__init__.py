"""Sample data: the deterministic generator (district or national) and the first-run filling of
a new database. Uses `core` and `ingest`."""
