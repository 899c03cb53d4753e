"""Hostile input in content pages, titles, catalogs and print pictures: each
refused with its file and line, in English and Korean, never a traceback."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from guidebook.checks import content_safety
from guidebook.checks.inputs import check_catalogs, check_content
from tests.conftest import LANGS, ROOT

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script upper case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "form": '<form action="https://evil.example/"><input name="q"></form>',
    "style element": "<style>body{display:none}</style>",
    "svg with script": "<svg><script>alert(1)</script></svg>",
    "math": "<math><mi>x</mi></math>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "quoted handler": '<span onclick="alert(1)">x</span>',
    "unquoted handler": "<span onmouseover=alert(1)>x</span>",
    "handler in upper case": '<p ONLOAD="x">x</p>',
    "style attribute": '<p style="color:red">x</p>',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link with entities": '<a href="jav&#x61;script:alert(1)">x</a>',
    "javascript link with a tab": '<a href="java\tscript:alert(1)">x</a>',
    "data link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "markdown javascript link": "[click](javascript:alert(1))",
    "markdown javascript reference": "[click][x]\n\n[x]: javascript:alert(1)",
    "markdown image from another host": "![map](https://evil.example/map.png)",
    "protocol-relative image": '<img src="//evil.example/x.png" alt="">',
    "image srcset from another host": '<img src="a.png" srcset="https://evil.example/x.png 2x" alt="">',
    "attr_list handler": "[x](https://example.org/){ onclick=\"alert(1)\" }",
    "attr_list style": "Text\n{: style=\"display:none\" }",
    "unknown element": "<marquee>x</marquee>",
    "processing instruction": "<?php echo 1 ?>",
    "frame": '<frameset><frame src="https://evil.example/"></frameset>',
    "portal": '<portal src="https://evil.example/"></portal>',
    "data image": '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    "vbscript image": '<img src="vbscript:msgbox(1)" alt="">',
    "image from another host in an attribute list": '![x](a.png){ srcset="https://evil.example/x.png 2x" }',
    "script after a closing code span": "`a` `b` <script>alert(1)</script>",
    "id the theme's script reads": '<span id="__config">{"search": "x"}</span>',
    "id the forms' script reads": "Text\n{: #gb-answers }",
}


def write_page(folder: Path, body: str, name: str = "help.en.md", front: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(front + "Some text.\n\n" + body + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_html_is_refused_at_its_line(tmp_path: Path, case: str) -> None:
    docs = tmp_path / "content"
    write_page(docs, HOSTILE[case], front="---\ntitle: Help\n---\n")
    errors = check_content(docs, LANGS, "content", print_texts=False)
    assert errors, f"{case} was accepted"
    for error in errors:
        assert error.file == "content/help.en.md"
        assert error.line >= 6, (case, error.format())  # the body's line, not 1
        assert error.fix_en and error.fix_ko and any("\uac00" <= c <= "\ud7a3" for c in error.ko)


def test_what_pages_use_today_is_accepted(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_page(docs, textwrap.dedent("""\
        <div class="gb-card" markdown>
        **Call 119** <bdi dir="ltr">119</bdi> <span lang="ko">응급</span>
        </div>

        [Kakao Map](https://map.kakao.com/?q=x) · [mail](mailto:a@example.org) · [call](tel:+8221234567)
        · [help](../help/) · ![map](images/map.png)

        | a | b |
        |---|---|
        | <abbr title="x">1</abbr> | <time datetime="2026-01-01">1 Jan</time> |

        !!! note "Note"
            Text with `<script>` in code, and:

                <script>an indented code block</script>

        <p hidden class="x" data-gb="1" aria-label="y">p</p>
        """))
    assert check_content(docs, LANGS, "content", print_texts=False) == []


def test_the_sample_pages_pass() -> None:
    assert check_content(ROOT / "content", LANGS, "content") == []


def test_markup_in_a_title_is_refused_at_its_line(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_page(docs, "", front='---\ndescription: x\ntitle: "<img src=x onerror=alert(1)>"\n---\n')
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert (error.file, error.line, error.path) == ("content/help.en.md", 3, "title")


def test_a_byte_order_mark_before_the_front_matter(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "help.en.md").write_bytes("\ufeff---\ntitle: Help\n---\nText\n".encode())
    assert check_content(docs, LANGS, "content", print_texts=False) == []
    (docs / "help.en.md").write_bytes("\ufeff---\ntitle: [Help\n---\nText\n".encode())
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert error.line == 2


def test_a_page_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    secret = tmp_path / "secret.md"
    secret.write_text("passwords\n", encoding="utf-8")
    os.symlink(secret, docs / "help.en.md")
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert error.file == "content/help.en.md" and "symlink" in error.ko


def test_a_huge_page_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_page(docs, "- item\n" * 40_000)
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert "KB" in error.en


CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, python-format
msgid "Updated %(date)s"
msgstr "{updated}"

msgid "Help"
msgstr "{help}"
"""


@pytest.mark.parametrize("updated, help_, bad", [
    ("更新于 %(date)s", "帮助", None),
    ("更新于 %(date)s 100%", "帮助", 6),  # a lone % would crash the build
    ("更新于 %(data)s", "帮助", 6),
    ("更新于 %(date)s", "<script>alert(1)</script>", 9),
    ("更新于 %(date)s", "<b>帮助</b>", 9),
])
def test_catalog_strings_that_would_break_a_page(tmp_path: Path, updated: str, help_: str,
                                                 bad: int | None) -> None:
    root = tmp_path / "translations"
    for lang in LANGS[1:]:
        folder = root / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        text = CATALOG.format(updated=updated, help=help_) if lang == "zh" else CATALOG.format(
            updated="%(date)s", help="x")
        (folder / "messages.po").write_text(text, encoding="utf-8")
    errors = check_catalogs(root, LANGS)
    if bad is None:
        assert errors == []
    else:
        assert [(e.file, e.line) for e in errors] == [("translations/zh/LC_MESSAGES/messages.po", bad)]


def test_an_unclosed_quote_in_a_catalog_is_found_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "translations"
    for lang in LANGS[1:]:
        folder = root / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        text = CATALOG.format(updated="%(date)s", help="x")
        if lang == "mn":
            text = text.replace('msgstr "x"', 'msgstr "Тусламж')
        (folder / "messages.po").write_text(text, encoding="utf-8")
    errors = check_catalogs(root, LANGS)
    assert [(e.file, e.line) for e in errors] == [("translations/mn/LC_MESSAGES/messages.po", 10)]


def test_a_bad_translation_falls_back_to_english_in_the_build(tmp_path: Path) -> None:
    from guidebook.common import i18n

    root = tmp_path / "translations"
    folder = root / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(CATALOG.format(updated="更新于 %(date)s 100%",
                                                       help="<b>帮助</b>"), encoding="utf-8")
    tr = i18n.translations("zh", root)
    assert tr.gettext("Updated %(date)s") % {"date": "1"} == "Updated 1"  # no crash
    assert tr.gettext("Help") == "Help"


@pytest.mark.parametrize("name, content, ok", [
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', True),
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', False),
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', False),
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>', False),
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg" style="fill:url(https://evil.example/#a)"/>', False),
    ("emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="file:///etc/passwd"/></svg>', False),
    ("emblem.svg", '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', False),
    ("emblem.gif", "GIF89a", False),
    ("emblem.png", "not a png", False),
    ("emblem.png", lambda: _picture("PNG"), True),
    ("emblem.png", lambda: _png_header(100_000, 100_000), False),
])
def test_print_pictures(tmp_path: Path, name: str, content, ok: bool) -> None:  # noqa: ANN001
    if callable(content):
        (tmp_path / name).write_bytes(content())
    else:
        (tmp_path / name).write_text(content, encoding="utf-8")
    problems = content_safety.picture_problems(tmp_path, name, "emblem", "mkdocs.yml")
    assert (problems == []) == ok, [p.format() for p in problems]


def test_a_print_picture_outside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "x.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    for value in ("../x.png", str(outside)):
        [problem] = content_safety.picture_problems(project, value, "emblem", "mkdocs.yml")
        assert "outside" in problem.en
    os.symlink(outside, project / "link.png")
    [problem] = content_safety.picture_problems(project, "link.png", "emblem", "mkdocs.yml")
    assert "outside" in problem.en


def test_a_huge_list_in_a_record_is_refused_at_its_line(tmp_path: Path) -> None:
    import yaml

    from guidebook.data.load import load_file

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "institutions.yaml").read_text(encoding="utf-8"))
    data["institutions"][0]["languages"] = ["en"] * 50_000  # a 500 KB list
    path = tmp_path / "institutions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    errors = load_file(path, LANGS).errors
    assert [e.path for e in errors] == ["institutions[0].languages"]
    assert "at most 40" in errors[0].en and errors[0].line > 1


# ---- as a browser parses it; what else the content folder may hold -----------

@pytest.mark.parametrize("html, attribute", [
    ('<img src="x.png"/onerror="alert(1)" alt="">', "'onerror'"),  # '/' separates attributes
    ('<img src="x.png"onerror="alert(1)" alt="">', "'onerror'"),  # so does a closing quote
    ("<p>x</p><body onload=alert(1)>", "<body>"),  # lends its attribute to the page's body
])
def test_html_is_judged_as_a_browser_parses_it(html: str, attribute: str) -> None:
    assert content_safety.html_problems(html.replace("onerror", "title")) == [] or "body" in html
    assert any(attribute in unsafe.en for unsafe in content_safety.html_problems(html))


def test_svg_is_refused_at_its_start_and_its_parts_at_theirs(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_page(docs, '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>')
    errors = check_content(docs, LANGS, "content", print_texts=False)
    assert (errors[0].line, errors[0].column, "<svg>" in errors[0].en) == (3, 1, True)
    assert all(e.line == 3 and e.column > 1 for e in errors[1:])


def _one_page(docs: Path, raw: bytes) -> list:
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "help.en.md").write_bytes(raw)
    return check_content(docs, LANGS, "content", print_texts=False)


def test_front_matter_is_split_where_mkdocs_splits_it(tmp_path: Path) -> None:
    # MkDocs also ends front matter at '...': what follows is the page
    errors = _one_page(tmp_path / "a", b"---\ntitle: Help\n...\n<script>alert(1)</script>\n---\nx\n")
    assert errors and all(e.line >= 2 for e in errors)
    assert _one_page(tmp_path / "b", b"---\ntitle: Help\n...\nText\n") == []
    # a lone CR ends a line for MkDocs (universal newlines): the same lines here
    [error] = _one_page(tmp_path / "c", b"---\rtitle: Help\r---\rText\r\r<script>x</script>\r")
    assert (error.line, "<script>" in error.en) == (6, True)


def test_a_first_line_mkdocs_would_take_as_a_setting(tmp_path: Path) -> None:
    [error] = _one_page(tmp_path / "content", "Title: <b>Help</b>\n\nText\n".encode())
    assert (error.line, error.path) == (1, "(front matter)") and "MkDocs" in error.en
    assert "머리말" in error.fix_ko


def test_a_nul_character_in_a_page(tmp_path: Path) -> None:
    [error] = _one_page(tmp_path / "content", b"---\ntitle: Help\n---\nText\x00\n")
    assert (error.line, error.path) == (4, "(file)")


def _picture(kind: str, size: tuple[int, int] = (4, 3)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, kind)
    return out.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def _pdf(script: bool = False) -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if script:
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, data, ok", [
    ("map.png", lambda: _picture("PNG"), True),
    ("map.jpg", lambda: _picture("JPEG"), True),
    ("leaflet.pdf", _pdf, True),
    ("map.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', True),
    ("page.html", lambda: b"<script>alert(1)</script>", False),  # published as it is, at the guide's address
    ("app.js", lambda: b"alert(1)", False),
    ("site.css", lambda: b"body{}", False),
    ("map.png", lambda: b"<svg onload=alert(1)>", False),  # not what its name says
    ("map.png", lambda: _picture("JPEG"), False),
    ("map.png", lambda: b"\x89PNG\r\n\x1a\nrest", False),  # not a picture after all
    ("map.png", lambda: _png_header(100_000, 100_000), False),  # 30 GB once decoded
    ("leaflet.pdf", lambda: _pdf(script=True), False),
    ("leaflet.pdf", lambda: b"%PDF-1.7\nbroken", False),
    ("map.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', False),
    ("map.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                        b'<a x:href="&#106;avascript:alert(1)"><rect/></a></svg>', False),
    ("map.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" '
                        b'to="alert(1)"/></svg>', False),
    ("map.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/'
                        b'x.css";</style></svg>', False),
    ("map.svg", lambda: b"<svg><rect", False),  # not well-formed
])
def test_files_beside_the_pages(tmp_path: Path, name: str, data, ok: bool) -> None:  # noqa: ANN001
    docs = tmp_path / "content"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / name).write_bytes(data())
    errors = check_content(docs, LANGS, "content", print_texts=False)
    assert (errors == []) == ok, [e.format() for e in errors]
    for error in errors:
        assert error.file == f"content/images/{name}" and error.fix_ko


def test_the_csp_never_hashes_a_script_inside_a_page_s_content() -> None:
    from guidebook.serving.policy import Inline, csp_hash

    theme = '__md_scope=new URL("..",location),__md_hash=e=>0'
    found = Inline()
    found.add(f'<head><script>{theme}</script></head><body><article class="md-content__inner '
              'md-typeset"><p>x</p><script>alert(1)</script></article></body>', "help/index.html")
    assert found.scripts == {csp_hash(theme)}
    assert found.problems == ["help/index.html: inline script in the page's content"]


def test_the_build_judges_the_html_mkdocs_rendered_once_more(tmp_path: Path) -> None:
    source = tmp_path / "help.zh.md"
    source.write_text("---\ntitle: 帮助\n---\n文字\n\n<video src=x></video>\n", encoding="utf-8")
    [error] = content_safety.rendered_problems('<p>文字</p><video src="x"></video>', source,
                                                "content/help.zh.md")
    assert (error.file, error.line, error.column) == ("content/help.zh.md", 6, 1)
    assert content_safety.rendered_problems("<p>文字</p>", source, "content/help.zh.md") == []


# ---- paths confined to the project; nothing fetched for print -----------------

def _project(tmp_path: Path, guidebook: str) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: content\nplugins:\n  - i18n:\n      languages:\n"
        "        - locale: en\n          default: true\nextra:\n  guidebook:\n" + guidebook,
        encoding="utf-8")
    return project


@pytest.mark.parametrize("guidebook, key, line", [
    ("    data: ../elsewhere.yaml\n", "extra.guidebook.data", 10),
    ("    forms: /etc\n", "extra.guidebook.forms", 10),
    ("    search_words: ../words.yaml\n", "extra.guidebook.search_words", 10),
    ("    print:\n      output_icc: /usr/share/color/icc/x.icc\n", "extra.guidebook.print.output_icc", 11),
])
def test_paths_from_the_settings_stay_in_the_project(tmp_path: Path, guidebook: str, key: str,
                                                     line: int) -> None:
    from guidebook.checks.inputs import check_all
    from guidebook.data.settings import load_settings

    project = _project(tmp_path, guidebook)
    checked = check_all(load_settings(project / "mkdocs.yml", environ={}))
    assert [(e.path, e.line) for e in checked.errors] == [(key, line)]
    assert "프로젝트 폴더" in checked.errors[0].ko


def test_a_content_folder_linked_from_elsewhere_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from guidebook.build import prepare
    from guidebook.data.settings import load_settings

    project = _project(tmp_path, "    data: data.yaml\n")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", project / "content")
    with pytest.raises(prepare.DataError) as raised:
        prepare.prepare(load_settings(project / "mkdocs.yml", environ={}))
    assert [(e.path, e.line) for e in raised.value.errors] == [("docs_dir", 2)]


def test_print_fetches_nothing(tmp_path: Path) -> None:
    import http.server
    import threading

    from weasyprint import HTML

    from guidebook.printing.pdf import no_fetching

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    url = f"http://127.0.0.1:{server.server_port}"
    html = (f'<link rel="stylesheet" href="{url}/x.css"><img src="{url}/x.png">'
            f'<img src="{secret.as_uri()}"><p style="background: url({url}/y.png)">x</p>')
    try:
        HTML(string=html).render()
        assert asked, "the test's server is not reached without the fetcher"
        asked.clear()
        HTML(string=html, url_fetcher=no_fetching()).render()
        assert asked == []
    finally:
        server.shutdown()
    fetcher = no_fetching((secret,))  # the profile's ICC profile is read so, and nothing else
    fetcher.fetch(secret.as_uri()).close()
    other = tmp_path / "other.png"
    other.write_bytes(secret.read_bytes())
    for url in (other.as_uri(), (tmp_path / "x" / ".." / "other.png").as_uri(), f"{url}/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# ---- catalogs checked like gettext; the build never stops on one --------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
GOOD = ('\n#, python-format\nmsgid "Updated %(date)s"\nmsgstr "更新 %(date)s"\n\n'
        'msgid "Search this guide"\nmsgstr "搜索"\n')


def _catalogs(tmp_path: Path, zh: str | bytes) -> Path:
    root = tmp_path / "translations"
    for lang in LANGS[1:]:
        folder = root / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        data = zh if lang == "zh" else HEADER + GOOD
        (folder / "messages.po").write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


@pytest.mark.parametrize("zh, line, english_in_build", [
    (HEADER + GOOD.replace('"搜索"', '"搜索\\" onfocus=\\"alert(1)"'), 9, "Search this guide"),  # ends an attribute
    (HEADER + GOOD.replace('"更新 %(date)s"', '"更新"'), 6, "Updated %(date)s"),  # the date left out
    (HEADER + GOOD.replace('"更新 %(date)s"', '"更新 %(date)999999999s"'), 6, "Updated %(date)s"),  # gigabytes
    (HEADER + '\n#, python-format\nmsgid "%s of %s"\nmsgstr "%s"\n', 6, None),
    (HEADER + '\nmsgid "Search this guide"\nmsgstr "搜索 100%"\n', 5, None),  # Jinja formats it
    (HEADER + '\nmsgid "{count} found"\nmsgstr "找到"\n', 5, None),
    (HEADER + GOOD + GOOD, 13, None),  # twice: msgfmt refuses the catalog
    (HEADER.replace("UTF-8", "NOPE") + GOOD, 3, None),  # Python knows no such codec
    (HEADER.replace("UTF-8", "ISO-8859-1") + GOOD, 3, None),
    (HEADER + '"Plural-Forms: nplurals=2; plural=__import__(\'os\').system(\'id\');\\n"\n' + GOOD, 4, None),
    (HEADER + '"Plural-Forms: nplurals=x; plural=((;\\n"\n' + GOOD, 4, None),
    (HEADER.encode() + b'\nmsgid "Search this guide"\nmsgstr "\xff\xfe"\n', 6, None),  # not UTF-8
])
def test_catalog_mistakes_are_found_at_their_line_and_never_stop_the_build(
        tmp_path: Path, zh: str | bytes, line: int, english_in_build: str | None) -> None:
    from guidebook.common import i18n

    root = _catalogs(tmp_path, zh)
    errors = check_catalogs(root, LANGS)
    assert [(e.file, e.line) for e in errors][:1] == [("translations/zh/LC_MESSAGES/messages.po", line)]
    assert all(e.fix_en and e.fix_ko for e in errors)
    tr = i18n.translations("zh", root)  # compiles; must not raise
    shown = tr.gettext("Search this guide")
    assert '"' not in shown
    if english_in_build is not None:  # the bad entry falls back to its English text
        assert tr.gettext(english_in_build) == english_in_build
    assert (tr.gettext("Updated %(date)s") % {"date": "1"}).endswith("1")


def test_a_catalog_of_another_folder_is_checked_too(tmp_path: Path) -> None:
    root = _catalogs(tmp_path, HEADER + GOOD)
    (root / "en" / "LC_MESSAGES").mkdir(parents=True)  # the build would compile and use it
    (root / "en" / "LC_MESSAGES" / "messages.po").write_text(
        HEADER + '\nmsgid "Search this guide"\nmsgstr "<img src=x onerror=alert(1)>"\n', encoding="utf-8")
    [error] = check_catalogs(root, LANGS)
    assert (error.file, error.line) == ("translations/en/LC_MESSAGES/messages.po", 5)


def test_the_guide_s_own_catalogs_pass() -> None:
    assert check_catalogs(ROOT / "translations", LANGS) == []


# ---- front matter in every language --------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_broken_front_matter_is_found_at_its_line_in_every_language(tmp_path: Path, lang: str,
                                                                   bom: str) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / f"help.{lang}.md").write_text(bom + "---\ntitle: Help\ndescription: 'unclosed\n---\n\nText\n",
                                          encoding="utf-8")
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert (error.file, error.line) == (f"content/help.{lang}.md", 3)
    assert error.fix_ko
    (docs / f"help.{lang}.md").write_text(bom + "---\r\ntitle: Help\r\n---\r\n\r\nText\r\n",
                                          encoding="utf-8")
    assert check_content(docs, LANGS, "content", print_texts=False) == []


def test_front_matter_that_is_not_a_group_of_fields(tmp_path: Path) -> None:
    for number, front in enumerate(("- a\n- b\n", "just words\n", "title: x\ntitle: y\n")):
        [error] = _one_page(tmp_path / str(number), f"---\n{front}---\nText\n".encode())
        assert error.line in (2, 3) and error.path != "(page)"


def test_a_release_reads_front_matter_as_mkdocs_does(tmp_path: Path) -> None:
    from guidebook.checks.quality import front_matter

    path = tmp_path / "help.zh.md"
    path.write_bytes("\ufeff---\r\ntitle: 帮助\r\ntranslation_review: reviewed\r\n...\r\nText\r\n".encode())
    assert front_matter(path) == {"title": "帮助", "translation_review": "reviewed"}


# ---- limits ----------------------------------------------------------------------

@pytest.mark.parametrize("field, value, words", [
    ("website", "https://example.org/" + "x" * 3000, "longer than 2000"),
    ("phone", "+82 2 " + "1" * 500, "longer than 40"),
    ("email", "a" * 300 + "@example.org", "longer than 254"),
])
def test_a_huge_string_in_a_record_is_refused_at_its_line(tmp_path: Path, field: str, value: str,
                                                          words: str) -> None:
    import yaml

    from guidebook.data.load import load_file

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "institutions.yaml").read_text(encoding="utf-8"))
    data["institutions"][0].setdefault("contact", {})[field] = value
    path = tmp_path / "institutions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")
    errors = load_file(path, LANGS).errors
    assert [e.path for e in errors] == [f"institutions[0].contact.{field}"]
    assert words in errors[0].en and errors[0].line > 1 and errors[0].ko


def test_a_long_title_is_refused(tmp_path: Path) -> None:
    [error] = _one_page(tmp_path / "content", ("---\ntitle: " + "긴 제목 " * 60 + "\n---\nText\n").encode())
    assert (error.line, error.path) == (2, "title") and "200" in error.en


def test_a_page_too_deep_to_render(tmp_path: Path) -> None:
    body = "".join("    " * depth + "- x\n" for depth in range(300))
    [error] = _one_page(tmp_path / "content", ("---\ntitle: Help\n---\n" + body).encode())
    assert error.line == 303 and "too deeply" in error.en


def test_a_page_too_slow_to_render(tmp_path: Path, monkeypatch) -> None:
    import time

    monkeypatch.setattr(content_safety, "RENDER_SECONDS", 0.5)
    started = time.monotonic()
    [error] = _one_page(tmp_path / "content", ("---\ntitle: Help\n---\n" + "[" * 20_000).encode())
    assert time.monotonic() - started < 5  # Markdown alone would take a minute
    assert error.line == 4 and "seconds to render" in error.en and error.fix_ko


@pytest.mark.parametrize("name", ['a"onmouseover=x.en.md', "<b>.en.md", "help me.en.md", "도움.en.md",
                                  "a%2f.en.md", "x#y.en.md"])
def test_a_file_name_that_would_break_an_address(tmp_path: Path, name: str) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / name).write_text("---\ntitle: Help\n---\nText\n", encoding="utf-8")
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert (error.file, error.path) == (f"content/{name}", "(file name)")


def test_links_to_nothing_and_loops_of_links(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    os.symlink(docs / "gone.en.md", docs / "help.en.md")
    os.symlink(docs / "b.png", docs / "a.png")
    os.symlink(docs / "a.png", docs / "b.png")
    errors = check_content(docs, LANGS, "content", print_texts=False)
    assert sorted(e.file for e in errors) == ["content/a.png", "content/b.png", "content/help.en.md"]
    assert all("symlink" in e.ko for e in errors)


def test_an_unforeseen_build_failure_is_a_message_and_leaves_the_site(tmp_path: Path, monkeypatch,
                                                                      capsys) -> None:
    from guidebook.build import parallel
    from guidebook.cli.commands import main
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    monkeypatch.chdir(project)

    def broken(config, jobs):  # noqa: ANN001, ANN202 - the real signature
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(parallel, "build_site", broken)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" in err and "바뀌지 않았습니다" in err
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(project.glob(".site-*"))


def test_the_second_opinion_sees_attributes_and_values() -> None:
    assert content_safety.second_opinion('<p class="x">x <a href="https://a.example/">a</a></p>')
    assert not content_safety.second_opinion('<a href="foo:bar">x</a>')  # ammonia drops the URL
    assert not content_safety.second_opinion('<p onclick="x()">x</p>')  # and the handler


def test_a_pipe_in_the_content_folder_is_reported_not_read(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    os.mkfifo(docs / "help.en.md")  # reading it would wait forever
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert (error.file, "ordinary file" in error.en) == ("content/help.en.md", True)


@pytest.mark.parametrize("text", ["- a\n- b\n", "just words\n"])
def test_settings_that_are_not_a_mapping(tmp_path: Path, text: str) -> None:
    from guidebook.data.settings import SettingsError, load_settings

    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError):  # a message, not a TypeError
        load_settings(tmp_path / "mkdocs.yml", environ={})


def test_a_message_never_carries_a_terminal_escape(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "a\x1b]0;pwned\x07.en.md").write_text("---\ntitle: x\n---\nText\n", encoding="utf-8")
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert "\x1b" not in error.format() and "\x07" not in error.format()
    assert "<U+001B>" in error.format()


def test_a_compiled_catalog_the_build_did_not_write_is_checked_too(tmp_path: Path) -> None:
    import time

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from guidebook.common import i18n

    root = _catalogs(tmp_path, HEADER + GOOD)
    time.sleep(0.01)
    hostile = Catalog(locale="zh_Hans_CN")
    hostile.add("Search this guide", '<img src=x onerror=alert(1)>')
    hostile.add("Updated %(date)s", "更新 %(date)s 100%")
    hostile.add("Help", "帮助")
    with (root / "zh" / "LC_MESSAGES" / "messages.mo").open("wb") as f:  # newer than its .po
        write_mo(f, hostile)
    tr = i18n.translations("zh", root)
    assert tr.gettext("Search this guide") == "Search this guide"
    assert tr.gettext("Updated %(date)s") % {"date": "1"} == "Updated 1"
    assert tr.gettext("Help") == "帮助"


def test_a_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "images").mkdir(parents=True)
    os.symlink(docs, docs / "images" / "again")  # MkDocs follows links to folders: without end
    [error] = check_content(docs, LANGS, "content", print_texts=False)
    assert (error.file, "symlink" in error.ko) == ("content/images/again", True)
