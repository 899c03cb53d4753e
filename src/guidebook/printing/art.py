"""The district's emblem and cover picture for the print files.

The district names its own files in ``extra.guidebook.print`` (``emblem``,
``cover_image``: SVG or PNG). Without them the print files use the neutral
pictures drawn here: a roundel with a cross and a river, and a river and
skyline band. They are drawn in the profile's inks (device-cmyk in the CMYK
files), so they never add RGB to a PDF/X file; a district's own SVG or PNG is
in RGB and is separated by Ghostscript (see pdf.py).
"""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup, escape

RGB = {"accent": "#00695c", "mid": "#4f9d93", "light": "#d8ece9", "paper": "#ffffff"}
CMYK = {"accent": "device-cmyk(1 0 0.45 0.45)", "mid": "device-cmyk(0.6 0 0.27 0.15)",
        "light": "device-cmyk(0.15 0 0.07 0)", "paper": "device-cmyk(0 0 0 0)"}


def _inks(cmyk: bool) -> dict[str, str]:
    return CMYK if cmyk else RGB


def default_emblem(cmyk: bool, label: str) -> Markup:
    """A neutral roundel: white ring, a cross and a river line, on the accent."""
    c = _inks(cmyk)
    return Markup(  # noqa: S704 - drawn here, the label escaped
        f'<svg viewBox="0 0 100 100" role="img" aria-label="{escape(label)}">'
        f'<circle cx="50" cy="50" r="47" fill="{c["paper"]}"/>'
        f'<circle cx="50" cy="50" r="41" fill="{c["accent"]}"/>'
        f'<path d="M43 22h14v17h17v14H57v17H43V53H26V39h17z" fill="{c["paper"]}"/>'
        f'<path d="M20 78c10-6 20 6 30 0s20 6 30 0" fill="none" stroke="{c["light"]}" '
        f'stroke-width="4" stroke-linecap="round"/></svg>')


def default_cover(cmyk: bool) -> Markup:
    """A river and skyline band (decorative: no text, hidden from readers)."""
    c = _inks(cmyk)
    blocks = "".join(
        f'<rect x="{x}" y="{60 - h}" width="{w}" height="{h}" fill="{c["mid"]}"/>'
        for x, w, h in ((8, 10, 22), (20, 7, 34), (29, 12, 18), (43, 8, 40), (53, 14, 26),
                        (69, 9, 46), (80, 12, 30), (94, 8, 20), (104, 11, 36), (117, 9, 24),
                        (128, 12, 30), (142, 6, 18)))
    return Markup(  # noqa: S704 - drawn here
        f'<svg viewBox="0 0 150 80" aria-hidden="true">{blocks}'
        f'<rect x="0" y="60" width="150" height="20" fill="{c["light"]}"/>'
        f'<path d="M0 68c12-4 25 4 37 0s25 4 38 0 25 4 37 0 25 4 38 0" fill="none" '
        f'stroke="{c["paper"]}" stroke-width="2"/></svg>')


def picture(path: Path, alt: str) -> Markup:
    """A district's own SVG or PNG as an image (embedded, so the HTML stands alone)."""
    kind = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return Markup(f'<img src="data:{kind};base64,{data}" alt="{escape(alt)}">')  # noqa: S704


def emblem(path: Path | None, cmyk: bool, label: str) -> Markup:
    return picture(path, label) if path else default_emblem(cmyk, label)


def cover(path: Path | None, cmyk: bool) -> Markup:
    return picture(path, "") if path else default_cover(cmyk)
