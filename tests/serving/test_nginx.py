"""deploy/nginx.conf with the build's _server/nginx-site.conf, in Debian's nginx:
headers and caching per file type, a 404 page per language, and the
precompressed files sent as they are (checked with curl, as an admin would)."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import brotli
import pytest

from guidebook.serving import policy as serving
from tests.serving.http import get

LANG_PREFIXES = {"en": "", "zh": "zh/", "mn": "mn/", "ru": "ru/", "ar": "ar/"}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "mn": "mn", "ru": "ru", "ar": "ar"}
IMMUTABLE, REVALIDATE = serving.IMMUTABLE, serving.REVALIDATE


def one(site: Path, pattern: str) -> str:
    """The site path of the one file matching ``pattern`` (a fingerprinted name)."""
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0].relative_to(site).as_posix()


def file_types(site: Path) -> list[tuple[str, str, str]]:
    """(path, Content-Type, Cache-Control) for each kind of file the site has."""
    return [
        ("", "text/html; charset=utf-8", REVALIDATE),
        ("zh/institutions/test-clinic/", "text/html; charset=utf-8", REVALIDATE),
        ("assets/guidebook.css", "text/css; charset=utf-8", REVALIDATE),
        ("assets/search.js", "application/javascript; charset=utf-8", REVALIDATE),
        (one(site, "assets/javascripts/bundle.*.min.js"),
         "application/javascript; charset=utf-8", IMMUTABLE),
        (one(site, "assets/stylesheets/main.*.min.css"), "text/css; charset=utf-8", IMMUTABLE),
        ("assets/images/favicon.png", "image/png", REVALIDATE),
        ("sitemap.xml", "text/xml; charset=utf-8", REVALIDATE),
        ("pagefind/pagefind.js", "application/javascript; charset=utf-8", REVALIDATE),
        ("pagefind/pagefind-worker.js", "application/javascript; charset=utf-8", REVALIDATE),
        ("pagefind/pagefind-entry.json", "application/json; charset=utf-8", REVALIDATE),
        ("pagefind/wasm.en.pagefind", "application/octet-stream", REVALIDATE),
        (one(site, "pagefind/pagefind.en_*.pf_meta"), "application/octet-stream", IMMUTABLE),
        (one(site, "pagefind/fragment/en_*.pf_fragment"), "application/octet-stream", IMMUTABLE),
        (one(site, "pagefind/index/en_*.pf_index"), "application/octet-stream", IMMUTABLE),
        ("ar/downloads/leaflet-ar.pdf", "application/pdf", REVALIDATE),
        ("ar/downloads/leaflet.html", "text/html; charset=utf-8", REVALIDATE),
        ("app.webmanifest", "application/manifest+json; charset=utf-8", REVALIDATE),
        ("zh/sw.js", "application/javascript; charset=utf-8", REVALIDATE),
    ]


def expected_headers(site: Path) -> list[tuple[str, str]]:
    return serving.security_headers(serving.scan(site))


def check_security_headers(response, site: Path) -> None:
    for name, value in expected_headers(site):
        assert response.header(name) == value, name
    csp = response.header("Content-Security-Policy")
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    # Over plain HTTP no HSTS (deploy/nginx.conf sends it over HTTPS only).
    assert response.header("Strict-Transport-Security") is None


def test_every_file_type_has_its_type_caching_and_the_security_headers(nginx, nginx_root) -> None:
    wrong = []
    for path, content_type, cache in file_types(nginx_root):
        response = get(f"{nginx.url}/{path}", accept_encoding="gzip")
        check_security_headers(response, nginx_root)
        got = (response.status, response.header("Content-Type"), response.header("Cache-Control"))
        if got != (200, content_type, cache):
            wrong.append((path, got))
        if path.startswith("pagefind/") and not path.endswith((".js", ".json")):
            # Pagefind's chunks are gzip data it unpacks itself.
            assert response.header("Content-Encoding") is None, path
    assert wrong == []


def test_fingerprinted_files_are_all_the_build_lists_in_headers(nginx_root) -> None:
    """_headers (Netlify, Cloudflare) gives a year's caching to the same files."""
    text = (nginx_root / "_headers").read_text(encoding="utf-8")
    bundle = one(nginx_root, "assets/javascripts/bundle.*.min.js")
    assert f"/{bundle}\n  Cache-Control: {IMMUTABLE}" in text
    assert f"/pagefind/fragment/*\n  Cache-Control: {IMMUTABLE}" in text
    assert "/assets/search.js" not in text and "index.html" not in text
    for name, value in expected_headers(nginx_root):
        assert f"\n  {name}: {value}\n" in text
    assert "Strict-Transport-Security: max-age=" in text  # HTTPS-only hosts


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_a_missing_page_gets_its_languages_404_page(nginx, nginx_root, lang: str) -> None:
    prefix = LANG_PREFIXES[lang]
    response = get(f"{nginx.url}/{prefix}no-such-page/")
    assert response.status == 404
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.body == (nginx_root / prefix / "404.html").read_bytes()
    assert f'<html lang="{HTML_LANG[lang]}"' in response.body.decode("utf-8")
    check_security_headers(response, nginx_root)
    # ...also compressed, and deeper down
    deep = get(f"{nginx.url}/{prefix}institutions/no-such-clinic/x.html", accept_encoding="gzip")
    assert deep.status == 404 and deep.header("Content-Encoding") == "gzip"
    assert gzip.decompress(deep.body) == response.body


def test_folders_redirect_relatively_and_deploy_files_are_not_served(nginx) -> None:
    moved = get(f"{nginx.url}/zh")
    assert (moved.status, moved.header("Location")) == (301, "/zh/")
    folder = get(f"{nginx.url}/assets/")  # no index.html: the 404 page, not 403
    assert folder.status == 404 and b'<html lang="en"' in folder.body
    for path in ("_headers", "_redirects", "_server/nginx-site.conf"):
        assert get(f"{nginx.url}/{path}").status == 404, path


def curl(url: str, tmp_path: Path, encoding: str | None) -> tuple[dict[str, str], bytes]:
    """The headers and body bytes curl receives (curl does not decode them)."""
    head, body = tmp_path / "head", tmp_path / "body"
    command = ["curl", "--silent", "--show-error", "--fail", "-D", str(head), "-o", str(body), url]
    if encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {encoding}"]
    subprocess.run(command, check=True, timeout=30)
    headers = {}
    for line in head.read_text(encoding="latin-1").splitlines()[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return headers, body.read_bytes()


@pytest.mark.parametrize("path, file", [
    ("", "index.html"),
    ("ar/institutions/test-eye-hospital/", "ar/institutions/test-eye-hospital/index.html"),
    ("assets/guidebook.css", "assets/guidebook.css"),
    ("pagefind/pagefind.js", "pagefind/pagefind.js"),
    ("BUNDLE", "BUNDLE"),
])
def test_curl_gets_the_precompressed_bytes(nginx, nginx_root, tmp_path: Path,
                                           path: str, file: str) -> None:
    if path == "BUNDLE":
        path = file = one(nginx_root, "assets/javascripts/bundle.*.min.js")
    raw = (nginx_root / file).read_bytes()
    for encoding, suffix, decode in (("br", ".br", brotli.decompress),
                                     ("gzip", ".gz", gzip.decompress)):
        stored = (nginx_root / (file + suffix)).read_bytes()
        assert decode(stored) == raw
        headers, body = curl(f"{nginx.url}/{path}", tmp_path, encoding)
        assert headers.get("content-encoding") == encoding
        assert "Accept-Encoding" in headers.get("vary", "")
        assert body == stored, f"{path} with {encoding}: not the file the build wrote"
    headers, body = curl(f"{nginx.url}/{path}", tmp_path, None)
    assert "content-encoding" not in headers and body == raw
