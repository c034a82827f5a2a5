"""Files in: reading spreadsheets and CSV, finding their tables, validating every cell, and
storing each file as one batch that can be undone. Uses only `core`."""
