"""Hostile input written by an editor or translator, through the real
`guidebook build`: a clear message with the file and line, no traceback,
exit 1, and the previous site/ untouched (nothing unsafe published)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.website.test_site import tree_digest


def _page(project: Path, text: str) -> str:
    path = project / "content" / "help.zh.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")
    return "content/help.zh.md:"


def _title(project: Path) -> str:
    path = project / "content" / "help.ru.md"
    text = path.read_text(encoding="utf-8").replace("title:", 'title: "<script>x</script>"\nx_title:', 1)
    path.write_text(text.replace("\nx_title:", "\n# was:", 1), encoding="utf-8")
    return "content/help.ru.md:"


def _catalog(project: Path) -> str:
    linked = project / "translations"  # copy_project links the repository's catalogs: copy them
    source = linked.resolve()
    linked.unlink()
    shutil.copytree(source, linked, ignore=shutil.ignore_patterns("*.mo"))
    path = linked / "zh" / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    at = text.index('msgstr "', text.index("python-format"))
    path.write_text(text[:at] + 'msgstr "100% <b>x</b> ' + text[at + 8:], encoding="utf-8")
    return "translations/zh/LC_MESSAGES/messages.po:"


def _emblem(project: Path) -> str:
    (project / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><image '
                                      'href="https://evil.example/x.png"/></svg>', encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    print:\n", "    print:\n      emblem: evil.svg\n", 1)
                      if "    print:\n" in text else text + "", encoding="utf-8")
    return "mkdocs.yml:"


def _site_url(project: Path) -> str:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    lines = ["site_url: javascript:alert(1)" if line.startswith("site_url:") else line for line in lines]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "mkdocs.yml:"


def _symlink(project: Path) -> str:
    secret = project.parent / "secret.md"
    secret.write_text("---\ntitle: x\n---\nsecret\n", encoding="utf-8")
    os.symlink(secret, project / "content" / "secret.en.md")
    return "content/secret.en.md:"


def _front_matter(project: Path) -> str:
    path = project / "content" / "help.ar.md"
    text = path.read_text(encoding="utf-8").replace("title:", "title: [unclosed\nx_title:", 1)
    path.write_bytes("\ufeff".encode() + text.encode())
    return "content/help.ar.md:"


def _html_file(project: Path) -> str:
    (project / "content" / "offer.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    return "content/offer.html:1:1"


def _plural_rule(project: Path) -> str:
    where = _catalog(project)  # the catalogs copied, as there
    path = project / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Plural-Forms: nplurals=3; plural=(',
                                 '"Plural-Forms: nplurals=3; plural=__import__(\'os\') + (', 1),
                    encoding="utf-8")
    return where.replace("/zh/", "/ru/")


def _data_outside(project: Path) -> str:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    data: data/institutions.yaml", "    data: /etc/passwd", 1),
                      encoding="utf-8")
    return "mkdocs.yml:"


def _svg_in_content(project: Path) -> str:
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    return "content/images/map.svg:1:1"


CASES = {
    "nesting too deep for Markdown": lambda p: _page(p, "".join("    " * n + "- x\n" for n in range(300))),
    "svg with a handler in the content folder": _svg_in_content,
    "id a script looks up": lambda p: _page(p, '<span id="__config">{}</span>'),
    "front matter with a byte-order mark": _front_matter,
    "html file in the content folder": _html_file,
    "plural rule": _plural_rule,
    "data file outside the project": _data_outside,
    "script": lambda p: _page(p, "<script>alert(1)</script>"),
    "unquoted handler": lambda p: _page(p, "<span onmouseover=alert(1)>x</span>"),
    "javascript link": lambda p: _page(p, "[x](javascript:alert(1))"),
    "image from another host": lambda p: _page(p, "![x](https://evil.example/x.png)"),
    "iframe": lambda p: _page(p, '<iframe src="https://evil.example/"></iframe>'),
    "attr_list handler": lambda p: _page(p, 'Text\n{: onclick="alert(1)" }'),
    "title markup": _title,
    "catalog percent and markup": _catalog,
    "svg emblem fetching": _emblem,
    "site_url": _site_url,
    "symlink out of the project": _symlink,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_refused_and_the_site_kept(tmp_path: Path, case: str) -> None:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    before = tree_digest(site)
    where = CASES[case](project)
    out = subprocess.run([sys.executable, "-m", "guidebook.cli", "build"], cwd=project,
                         capture_output=True, text=True, env={**os.environ, "GUIDEBOOK_PDF": "1"},
                         timeout=600)
    assert out.returncode == 1, (case, out.stdout[-500:], out.stderr[-1500:])
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    lines = [line for line in out.stderr.splitlines() if where in line]
    assert lines, (case, where, out.stderr[-2000:])
    assert any("고치는 법" in line for line in out.stderr.splitlines()), out.stderr[-1500:]
    assert tree_digest(site) == before
