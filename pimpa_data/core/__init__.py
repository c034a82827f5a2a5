"""The base every wing may use: record kinds, units, dates and Thai text, errors, PDPA rules,
the reference centres and the DuckDB file with its declared schema. Imports nothing above it."""
