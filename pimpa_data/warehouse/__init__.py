"""The national warehouse: the indicators of quality standard 1 on Apache Spark, over snapshot
folders, from the same SQL declarations as DuckDB (see spark_sql.py). Needs PySpark and Java."""
