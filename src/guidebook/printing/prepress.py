"""What a print shop's preflight looks at, done after WeasyPrint wrote a PDF.

WeasyPrint writes the CMYK files itself (PDF/X-4, device-cmyk inks, tagged),
so no Ghostscript conversion has to run on them: a conversion would turn the
RGB black of an SVG into four-colour black and drop the structure tree, /Lang
and the metadata. What is left to do here:

- the output intent names the shop's printing condition (the ICC registry's
  identifier, e.g. FOGRA39) with its profile, not the profile's file name;
- the document information dictionary and the XMP packet say the same
  (producer, dates, title), as PDF/X requires;
- crop and fold marks outside the bleed, in 100 % K only;
- a scan of the content streams (used by the build and the tests) for RGB
  colour operators and four-colour black.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
MARK_LENGTH_MM = 5.0
MARK_SPACE_MM = MARK_LENGTH_MM + 3.0  # room outside the bleed for the marks
REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class OutputIntent:
    """A printing condition: the registry's identifier, a description and its profile."""

    identifier: str
    info: str
    icc: Path


def set_output_intent(pdf, intent: OutputIntent) -> None:
    """Replace the PDF's output intents by ``intent`` (GTS_PDFX, registry named)."""
    import pikepdf

    profile = pikepdf.Stream(pdf, intent.icc.read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(intent.identifier),
        OutputCondition=pikepdf.String(intent.info), Info=pikepdf.String(intent.info),
        RegistryName=pikepdf.String(REGISTRY), DestOutputProfile=pdf.make_indirect(profile)))])


def pdf_date(day: _dt.date) -> str:
    """A PDF date string at noon UTC of ``day`` (a build date, never the clock).

    >>> pdf_date(_dt.date(2026, 3, 9))
    "D:20260309120000+00'00'"
    """
    return f"D:{day:%Y%m%d}120000+00'00'"


def set_metadata(pdf, *, title: str, lang: str, created: _dt.date, producer: str,
                 pdfx: bool) -> None:
    """The same title, producer and dates in the Info dictionary and in XMP;
    language and title display kept in the catalog."""
    import pikepdf

    stamp = f"{created:%Y-%m-%d}T12:00:00+00:00"
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["pdf:Producer"] = producer
        meta["xmp:CreatorTool"] = producer
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        meta["dc:language"] = [lang]
        if pdfx:
            meta["pdf:Trapped"] = "False"
    info = pdf.docinfo
    info["/Title"] = pikepdf.String(title)
    info["/Producer"] = pikepdf.String(producer)
    info["/Creator"] = pikepdf.String(producer)
    info["/CreationDate"] = pikepdf.String(pdf_date(created))
    info["/ModDate"] = pikepdf.String(pdf_date(created))
    if pdfx:
        info["/Trapped"] = pikepdf.Name("/False")
    pdf.Root.Lang = pikepdf.String(lang)
    prefs = pdf.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
    prefs.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = prefs


def remove_annotations(pdf) -> int:
    """Drop every annotation (links are for the screen PDFs); returns how many."""
    count = 0
    for page in pdf.pages:
        if "/Annots" in page.obj:
            count += len(page.obj.Annots)
            del page.obj["/Annots"]
    return count


def crop_mark_lines(trim: tuple[float, float, float, float],
                    offset: float, length: float) -> list[tuple[float, float, float, float]]:
    """The eight crop-mark lines of a trim box, ``offset`` away from its corners.

    >>> crop_mark_lines((0, 0, 100, 50), 3, 5)[:2]
    [(-3, 0, -8, 0), (0, -3, 0, -8)]
    """
    x0, y0, x1, y1 = trim
    lines = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append((x + dx * offset, y, x + dx * (offset + length), y))
        lines.append((x, y + dy * offset, x, y + dy * (offset + length)))
    return lines


def fold_mark_lines(trim: tuple[float, float, float, float], folds_mm: tuple[float, ...],
                    offset: float, length: float) -> list[tuple[float, float, float, float]]:
    """Short vertical lines above and below the trim at each fold (mm from the
    trim's left edge), outside the bleed like the crop marks.

    >>> fold_mark_lines((0, 0, 100, 50), (10,), 3, 5)[0][0] == 10 * MM
    True
    """
    x0, y0, _, y1 = trim
    lines = []
    for fold in folds_mm:
        x = x0 + fold * MM
        lines.append((x, y0 - offset, x, y0 - offset - length))
        lines.append((x, y1 + offset, x, y1 + offset + length))
    return lines


def add_marks(pdf, bleed_mm: float, folds_mm: list[tuple[float, ...]], cmyk: bool) -> None:
    """Crop marks (and fold marks, dashed, where a page has folds) outside the
    bleed, in black only: 100 % K in the CMYK files.

    WeasyPrint's own ``marks: crop`` draws them inside the bleed, over the
    artwork that runs into it; print shops expect them beyond the bleed.
    """
    import pikepdf

    ink = b"0 0 0 1 K" if cmyk else b"0 G"
    offset, length = bleed_mm * MM, MARK_LENGTH_MM * MM
    for number, page in enumerate(pdf.pages):
        trim = tuple(float(v) for v in page.TrimBox)
        bleed = [float(v) for v in page.obj.get("/BleedBox", page.TrimBox)]
        space = MARK_SPACE_MM * MM
        media = [bleed[0] - space, bleed[1] - space, bleed[2] + space, bleed[3] + space]
        page.obj.MediaBox = pikepdf.Array(media)
        page.obj.CropBox = pikepdf.Array(media)
        ops = b" ".join(b"%.3f %.3f m %.3f %.3f l" % line
                        for line in crop_mark_lines(trim, offset, length))
        stream = b"Q q " + ink + b" 0.25 w " + ops + b" S"
        folds = folds_mm[number] if number < len(folds_mm) else ()
        if folds:
            fold_ops = b" ".join(b"%.3f %.3f m %.3f %.3f l" % line
                                 for line in fold_mark_lines(trim, folds, offset, length))
            stream += b" [1.5 1] 0 d " + fold_ops + b" S"
        page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, stream + b" Q"))


# ---- Colour scan -------------------------------------------------------------

RGB_OPERATORS = {"rg", "RG"}
CMYK_OPERATORS = {"k", "K"}


def _streams(pdf) -> Iterator[object]:
    seen = set()

    def walk(obj):
        yield obj
        resources = obj.get("/Resources")
        for xobj in ((resources or {}).get("/XObject") or {}).values():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                yield from walk(xobj)

    for page in pdf.pages:
        yield from walk(page.obj)


def colour_problems(path: Path) -> list[str]:
    """RGB colours, RGB or calibrated-RGB colour spaces and images, and
    four-colour black (C, M and Y with K at 80 % or more) anywhere in the PDF.

    A scan of the operators, the colour spaces they select and the images:
    what a preflight's "no RGB, no rich black" check reports.
    """
    import pikepdf

    problems = []
    with pikepdf.open(path) as pdf:
        for obj in _streams(pdf):
            resources = obj.get("/Resources") or {}
            spaces = resources.get("/ColorSpace") or {}
            for name, space in spaces.items():
                kind = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
                if kind == "/ICCBased" and int(space[1].get("/N", 0)) == 3 or "RGB" in kind:
                    problems.append(f"colour space {name} is {kind} (RGB)")
            for name, xobj in ((resources.get("/XObject") or {}).items()):
                if xobj.get("/Subtype") == "/Image":
                    cs = xobj.get("/ColorSpace")
                    if cs is not None and "RGB" in repr(cs) or (
                            isinstance(cs, pikepdf.Array) and str(cs[0]) == "/ICCBased"
                            and int(cs[1].get("/N", 0)) == 3):
                        problems.append(f"image {name} is RGB")
            current: dict[bool, str] = {True: "", False: ""}  # stroke?, fill space
            for operands, op in pikepdf.parse_content_stream(obj):
                op = str(op)
                if op in RGB_OPERATORS:
                    problems.append(f"RGB colour {op} {[float(v) for v in operands]}")
                elif op in ("cs", "CS"):
                    current[op == "CS"] = str(operands[0])
                    if str(operands[0]) == "/DeviceRGB":
                        problems.append("DeviceRGB colour space selected")
                elif op in CMYK_OPERATORS or (op in ("sc", "scn", "SC", "SCN") and len(operands) == 4):
                    c, m, y, k = (float(v) for v in operands[:4])
                    if k >= 0.8 and (c > 0 or m > 0 or y > 0):
                        problems.append(f"four-colour black {op} {c:g} {m:g} {y:g} {k:g}")
    return problems


def annotation_count(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return sum(len(page.obj.get("/Annots") or []) for page in pdf.pages)

