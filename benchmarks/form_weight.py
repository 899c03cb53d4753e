"""Weight of a medical form on a phone, and how many QR codes its answers take.

1. Bytes a phone downloads on first view of a form page (HTML, CSS, JS, the
   QR library included, fonts and images), gzip-compressed as a web server
   would send them, measured in Debian's Chromium at 390 px with an empty
   cache (page_weight.py's method). Budget: 100 KB.
2. The hand-over of a fully answered form (every item answered, conditions
   met so every conditional item shows too, every option of a multi chosen,
   300 characters of the patient's own script in each free-text field, or
   the field's limit): the characters after '#', and the QR codes it takes
   at version <= pages.QR_MAX_VERSION, level M (sized by the page's own QR
   library in Node), against the target of two codes. Beside it, what the
   format of round 1 (positions, percent-encoded text, byte mode) would
   have taken, as the baseline.

Last line::

    form_kb=X budget_kb=100 codes_max=N codes_target=2

Run from the project root: ``.venv/bin/python benchmarks/form_weight.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
import json
import re
import subprocess
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python, timed  # noqa: E402
from page_weight import weigh  # noqa: E402
from search import FLAGS, serve  # noqa: E402

from guidebook.forms.model import Form, load_forms  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.texts import prose  # noqa: E402
from guidebook.forms import handover  # noqa: E402
from guidebook.forms.pages import QR_MAX_CODES, QR_MAX_VERSION  # noqa: E402
from guidebook.data.settings import load_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUDGET_KB = 100
READER = "https://guide.example.org/forms/read/#"
PAGES = ["/mn/forms/history/", "/ar/forms/registration/", "/forms/history/"]


def answers(form: Form, lang: str, every_option: bool = False) -> dict[str, object]:
    """Every item answered, 300 characters (or the limit) in each text field;
    of a multi, two options as the browser suite ticks them, or all of them."""
    out: dict[str, object] = {}
    text, offset = prose(lang), 2000
    for item in form.items:
        if item.type == "choice":
            out[item.id] = item.options[-1].code
        elif item.type == "multi":
            out[item.id] = [o.code for o in item.options][:None if every_option else 2]
        elif item.type == "yesno":
            out[item.id] = "yes"
        elif item.type == "date":
            out[item.id] = "2026-03-09"
        elif item.type in ("number", "scale"):
            out[item.id] = str(int(item.max or 100))
        else:
            n = min(300, item.text_limit)
            out[item.id] = ("BATBAYAR " * 40)[:n] if item.latin else text[offset:offset + n]
            offset += n + 100
    return out


def old_fragment(form: Form, answered: dict[str, object]) -> str:
    """Round 1's format: answers by position, text percent-encoded."""
    parts = ["1", form.id, "xx"]
    for index, item in enumerate(form.items):
        value = answered[item.id]
        if item.type == "multi":
            value = ",".join(str(n) for n in range(len(item.options)))
        elif item.type == "choice":
            value = str(len(item.options) - 1)
        elif item.type == "text":
            value = quote(str(value), safe="-_.!~*'()")
        parts.append(f"{index}:{value}")
    return "/".join(parts)


NODE_SIZES = """
const qrcode = require(process.argv[1] + "/node_modules/qrcode-generator/dist/qrcode.js");
const [prefix, ...fragments] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(fragments.map((f) => {
  const q = qrcode(0, "M"); q.addData(prefix, "Byte"); q.addData(f, "Alphanumeric");
  try { q.make(); } catch (e) { return 99; }
  return (q.getModuleCount() - 17) / 4;
})));
"""


def codes_needed(fragments_for) -> tuple[int, list[int]]:
    """The fewest parts whose codes are all at most QR_MAX_VERSION, and their versions."""
    for n in range(1, 9):
        fragments = fragments_for(n)
        out = subprocess.run(["node", "-e", NODE_SIZES, str(ROOT)], input=json.dumps([READER, *fragments]),
                             capture_output=True, text=True, check=True)
        versions = json.loads(out.stdout)
        if max(versions) <= QR_MAX_VERSION:
            return n, versions
    return 99, []


def main() -> int:
    from playwright.sync_api import sync_playwright

    languages = load_settings(ROOT / "mkdocs.yml", {}).languages
    forms = load_forms(ROOT / "data" / "forms", languages).forms
    with tempfile.TemporaryDirectory(prefix="guidebook-form-weight-") as tmp:
        project = make_project(Path(tmp) / "project", 1, 0)
        (project / "data" / "institutions.yaml").write_text(
            (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        timed("build", [python(), "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")],
              project, {"GUIDEBOOK_PDF": "0"})
        httpd, base = serve(project / "site")
        heaviest = 0.0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for path in PAGES:
                kb, sizes, elsewhere = weigh(browser, base + path)
                heaviest = max(heaviest, kb)
                print(f"{path}: {kb:.1f} KB in {len(sizes)} responses, {elsewhere} to other hosts"
                      f" ({'within' if kb <= BUDGET_KB else 'OVER'} the {BUDGET_KB} KB budget)")
                for name, size in sorted(sizes, key=lambda x: -x[1])[:8]:
                    print(f"    {size / 1024:6.1f} KB  {name}")
            browser.close()
        httpd.shutdown()
    worst = 0
    print(f"Hand-over of a fully answered form ({READER}…): characters after '#', codes at "
          f"version <= {QR_MAX_VERSION} (at most {QR_MAX_CODES}; target 2), round 1's bytes:")
    for every_option in (False, True):
        print("  every option of each multi ticked (beyond the target):" if every_option else
              "  two options of each multi ticked (the target, as tests/browser/test_forms.py):")
        for form in forms:
            for lang in languages:
                answered = answers(form, lang, every_option)
                record = handover.Record(form.id, handover.version(form), lang, 1_765_000_000,
                                         answered)
                n, versions = codes_needed(lambda parts: handover.encode(record, parts))
                chars = sum(len(f) for f in handover.encode(record, max(n, 1)))
                old = len((READER + old_fragment(form, answered)).encode())
                if not every_option:
                    worst = max(worst, n)
                print(f"    {form.id} {lang}: {chars} characters, {n} code(s) (versions {versions}); "
                      f"round 1: {old} bytes, {-(-old // 1000)} code(s) of 1,000 bytes")
    print(f"form_kb={heaviest:.1f} budget_kb={BUDGET_KB} codes_max={worst} codes_target=2")
    return 0 if heaviest <= BUDGET_KB and worst <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
