"""Reports a centre writes: the Best Practice report and the SAR's standard-1 part, as DOCX or
PDF, numbered from the same queries as the dashboard (gather → compose → render)."""

from .build import FORMATS, KINDS, ReportFile, build_report, compose, render
from .data import ReportData, gather

__all__ = ["FORMATS", "KINDS", "ReportData", "ReportFile", "build_report", "compose", "gather", "render"]
