"""Where the package's own files are: templates, print stylesheet, ICC profile."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
ICC = PACKAGE / "icc"
