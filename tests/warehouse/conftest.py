"""Spark in tests: one local session per run (two cores, two shuffle partitions, no UI, on
127.0.0.1), skipped with the reason where Java or PySpark is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs Apache Spark in local mode (needs Java and PySpark)")


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime (java not on PATH): install default-jre-headless, as scripts/test.sh does")
    pytest.importorskip("pyspark", reason="PySpark is not installed: pip install -r requirements-dev.txt")
    from pimpa_data.warehouse.engine import local_session

    session = local_session("pimpa-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
