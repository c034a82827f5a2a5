"""Files that leave Pimpa: every download and `python -m pimpa_data export`, through one layer
that neutralises formulas and keeps names and ID digits out. Uses `core` and `measures`."""
