"""Sample data and real data never mix: while the sample is in, real uploads wait.

The sample numbers its courses as teachers do, so a real course saved beside it would merge
with a sample course of the same code (two courses becoming one, and the indicators wrong).
"""

from __future__ import annotations

import duckdb

from .problems import Problem, file_problem


def sample_present(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM batches WHERE source = 'sample' AND status = 'active'").fetchone()[0] > 0


def sample_problem(file_name: str) -> Problem:
    return file_problem(
        file_name, "sample_present",
        "ฐานข้อมูลนี้ยังมีข้อมูลตัวอย่างอยู่ จึงยังไม่รับข้อมูลจริง (หลักสูตรจริงจะปนกับหลักสูตรตัวอย่างที่ใช้รหัสเดียวกัน)"
        " ให้ผู้ดูแลระบบลบข้อมูลตัวอย่างก่อน ที่ปุ่ม 'ลบข้อมูลตัวอย่าง' ในหน้านำเข้าข้อมูล หรือคำสั่ง"
        " python -m pimpa_data sample --remove แล้วนำเข้าไฟล์นี้อีกครั้ง",
        "this database still holds the sample data, so real data is not taken yet (a real course would merge"
        " with a sample course of the same code); an administrator removes the sample first (the 'remove the"
        " sample' button on the upload page, or python -m pimpa_data sample --remove), then upload this file again",
    )
