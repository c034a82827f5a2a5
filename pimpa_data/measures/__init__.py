"""The standard's measures: per-enrolment facts, indicators 1.1–1.3 against targets, impact,
evidence and the queries behind the pages. Uses only `core`."""
