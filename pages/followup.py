"""Placeholder until this page is written."""

from pimpa_data import ui

ui.page_header("page_followup", ui.current_scope())
