"""The Thai font of the reports: Sarabun (OFL, the family behind TH Sarabun New) from the
`fontpkg-sarabun` package, for the PDF and the charts; TH Sarabun New by name in the DOCX.

Sarabun's glyphs map back to their characters, so text copied or searched in the PDF keeps
its tone marks (TLWG Laksaman's do not). A DOCX names the font Thai government PCs have.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..core.errors import PimpaError

FAMILY = "Sarabun"
DOCX_FONT = "TH Sarabun New"  # what Word on a Thai government PC has; 16 pt is the official size
WEIGHTS = {"regular": "Sarabun-Regular.ttf", "bold": "Sarabun-Bold.ttf", "italic": "Sarabun-Italic.ttf"}


@functools.cache
def font_files() -> dict[str, Path]:
    """The regular, bold and italic Sarabun TTF files inside the installed package."""
    try:
        import fontpkg_sarabun
    except ImportError as error:
        raise _missing() from error
    folder = Path(fontpkg_sarabun.ROOT) / "files"
    found = {weight: folder / name for weight, name in WEIGHTS.items()}
    if not all(path.is_file() for path in found.values()):
        raise _missing()
    return found


def _missing() -> PimpaError:
    return PimpaError(
        "ไม่พบฟอนต์ Sarabun ให้ติดตั้งด้วย python -m pip install -r requirements.txt",
        "the Sarabun font is missing; install it with python -m pip install -r requirements.txt",
    )


@functools.cache
def register_with_matplotlib() -> str:
    """Make matplotlib know Sarabun (once per process); returns the family name to use."""
    from matplotlib import font_manager

    for path in font_files().values():
        font_manager.fontManager.addfont(str(path))
    return FAMILY
