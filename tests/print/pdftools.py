"""Reading real PDFs in tests: poppler-utils, zbar and pikepdf/fontTools."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

MM = 72 / 25.4


def boxes(path: Path, page: int = 0) -> dict[str, list[float]]:
    with pikepdf.open(path) as pdf:
        obj = pdf.pages[page].obj
        return {name: [float(v) for v in obj.get(f"/{name}", obj.MediaBox)]
                for name in ("MediaBox", "BleedBox", "TrimBox")}


def size_mm(box: list[float]) -> tuple[float, float]:
    return round((box[2] - box[0]) / MM, 1), round((box[3] - box[1]) / MM, 1)


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb, sub."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        m = re.match(r"(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        assert m, line
        rows.append({"name": m[1], "type": m[2], "emb": m[4], "sub": m[5]})
    return rows


def text(path: Path) -> str:
    """The text of the PDF, without the bidi controls pdftotext adds, whitespace folded."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    out = "".join(ch for ch in out if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", out)


def page_text(path: Path, page: int) -> str:
    """The text of one page (1-based), bidi controls removed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in out if unicodedata.category(ch) != "Cf")


def qr_payloads(path: Path, page: int) -> set[str]:
    """Every QR code on a page (1-based), decoded by zbarimg from a 300 dpi render."""
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page"
        # No anti-aliasing: grey module edges at 300 dpi make zbar miss a code
        # that a phone camera reads (a 20 mm code on paper is printed at 2400 dpi).
        subprocess.run(["pdftoppm", "-r", "300", "-aa", "no", "-aaVector", "no", "-png",
                        "-singlefile", "-f", str(page),
                        "-l", str(page), str(path), str(png)], check=True)
        done = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                               str(png) + ".png"], capture_output=True, text=True)
    return {line for line in done.stdout.splitlines() if line}


def render_png(path: Path, page: int, target: Path, dpi: int = 60) -> Path:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(path), str(target)], check=True)
    return target.with_suffix(".png")


def _glyph_checker(descendant: pikepdf.Dictionary):
    """A function cid -> bool: does the embedded font program have that glyph?"""
    descriptor = descendant.FontDescriptor
    if "/FontFile2" in descriptor:
        font = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        count = font["maxp"].numGlyphs
        return lambda cid: 0 < cid < count
    program = descriptor.FontFile3
    data = program.read_bytes()
    if program.get("/Subtype") == "/OpenType":
        font = TTFont(io.BytesIO(data))
        cff = font["CFF "].cff
    else:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    names = set(top.charset)
    if getattr(top, "ROS", None):  # CID-keyed: glyph names are cidNNNNN
        return lambda cid: cid != 0 and f"cid{cid:05d}" in names
    return lambda cid: 0 < cid < len(top.charset)


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(cid, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int(uni, 16)
            for offset, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[cid] = chr(start + offset)
    return mapping


def missing_glyphs(path: Path) -> dict[str, set[str]]:
    """Characters drawn with a glyph the embedded font does not have, per font.

    A character no font covers is drawn with a glyph id outside the font (or
    .notdef): its ToUnicode entry still names the character.
    """
    missing: dict[str, set[str]] = {}
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                if font.objgen in seen or "/DescendantFonts" not in font:
                    continue
                seen.add(font.objgen)
                has_glyph = _glyph_checker(font.DescendantFonts[0])
                for cid, chars in _to_unicode(font).items():
                    if not has_glyph(cid) and chars.strip():
                        missing.setdefault(str(font.BaseFont), set()).add(chars)
    return missing


def low_resolution_images(path: Path, minimum: int = 300) -> list[tuple[int, int, int]]:
    """(page, x ppi, y ppi) of each raster image printed below ``minimum`` ppi."""
    lines = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    found = []
    for line in lines:  # page num type width height color comp bpc enc interp object ID x-ppi y-ppi
        cells = line.split()
        x_ppi, y_ppi = int(cells[12]), int(cells[13])
        if min(x_ppi, y_ppi) < minimum:
            found.append((int(cells[0]), x_ppi, y_ppi))
    return found


def words_outside_trim(path: Path) -> list[tuple[int, str]]:
    """(page, word) for every word that reaches past the trim box, where the
    shop's knife would cut it (pdftotext's boxes, in points from the top left
    of the media box; the trim box from the PDF itself)."""
    with pikepdf.open(path) as pdf:
        trims = [(float(page.trimbox[0]) - float(page.mediabox[0]),
                  float(page.mediabox[2]) - float(page.trimbox[2])) for page in pdf.pages]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    outside, page, width = [], 0, 0.0
    for line in out.splitlines():
        if m := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(m[1])
        elif m := re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*)</word>', line):
            left, right = trims[page - 1]
            if float(m[1]) < left - 0.5 or float(m[2]) > width - right + 0.5:
                outside.append((page, m[3]))
    return outside


def word_tops_mm(path: Path, word: str) -> list[tuple[int, float]]:
    """(page, distance in mm from the trim box's top edge to the word's top)
    for every occurrence of ``word`` (pdftotext's boxes, from the media box's
    top left; the trim box from the PDF itself)."""
    with pikepdf.open(path) as pdf:
        offsets = [float(page.mediabox[3]) - float(page.trimbox[3]) for page in pdf.pages]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        elif m := re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*)</word>', line):
            if m[2] == word:
                found.append((page, round((float(m[1]) - offsets[page - 1]) / MM, 2)))
    return found
