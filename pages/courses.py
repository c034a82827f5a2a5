"""Placeholder until this page is written."""

from pimpa_data import ui

ui.page_header("page_courses", ui.current_scope())
