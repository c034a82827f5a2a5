"""The command line, `python -m pimpa_data`: options in, library calls, messages and exit codes out."""

from .commands import build_parser
from .running import main

__all__ = ["build_parser", "main"]
