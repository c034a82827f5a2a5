"""A file uploader that speaks the page's language.

Streamlit writes an uploader's button ("Upload") and its limits ("50MB per file • XLSX, …") in
English whatever the page's language. In the Thai UI both are shown in Thai: CSS over the one
widget (Streamlit gives it the class `st-key-<key>`) hides Streamlit's words and shows ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from . import ui

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def file_uploader(label: str, *, key: str, types: Sequence[str], limit_mb: int, **options: object) -> object:
    """st.file_uploader limited to `types` and `limit_mb` megabytes a file, its own words in Thai
    when the page is."""
    chosen = st.file_uploader(label, type=list(types), key=key, max_upload_size=limit_mb, **options)
    if ui.lang() == "th":
        st.html(thai_style(key, limit_mb, types))
    return chosen


def thai_style(key: str, limit_mb: int, types: Sequence[str]) -> str:
    """The CSS that relabels the uploader of `key` in Thai."""
    scope = f".st-key-{re.sub(r'[^A-Za-z0-9_-]', '-', key)} {_DROPZONE}"
    limits = f"ไม่เกิน {limit_mb} MB ต่อไฟล์ • {', '.join(kind.upper() for kind in types)}"
    return (
        "<style>"
        f"{scope} button p {{font-size: 0}}"
        f"{scope} button p::after {{content: 'เลือกไฟล์'; font-size: 0.875rem}}"
        f"{scope} {_INSTRUCTIONS} {{font-size: 0}}"
        f"{scope} {_INSTRUCTIONS}::after {{content: '{limits}'; font-size: 0.875rem}}"
        "</style>"
    )
