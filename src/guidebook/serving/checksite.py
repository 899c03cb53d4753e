"""``guidebook check-site URL``: is a deployment serving the guide as deploy/nginx.conf would?

After a deployment (or a change to the server, the CDN or a proxy in front
of it), the IT department runs this against the public address. For each
language it fetches the home page and a page that does not exist, and
checks what a reader's browser depends on: status, language, the security
headers (a CSP without 'unsafe-inline' for scripts), revalidated HTML,
compression, the language's own 404 page, a year's caching of a
fingerprinted stylesheet, and HSTS over HTTPS. Standard library only (the
brotli package, when present, to read a Brotli answer).
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from guidebook.common.i18n import html_lang, site_language

MISSING_PAGE = "guidebook-check-site-missing-page/"
REQUIRED = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
            "Permissions-Policy")


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes  # decoded from its Content-Encoding


Fetch = Callable[[str], Fetched]


def fetch(url: str, timeout: float = 20) -> Fetched:
    """GET ``url`` as a browser would ask (gzip or Brotli), without raising on 4xx."""
    request = urllib.request.Request(url, headers={
        "Accept-Encoding": "br, gzip" if _brotli() else "gzip",
        "User-Agent": "guidebook-check-site"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - an admin's URL
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
        headers = {k.lower(): v for k, v in response.headers.items()}
        status = response.status if hasattr(response, "status") else response.code
    encoding = headers.get("content-encoding", "")
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br" and _brotli():
        body = _brotli().decompress(body)
    return Fetched(url, status, headers, body)


def _brotli():  # noqa: ANN202
    try:
        import brotli
    except ImportError:
        return None
    return brotli


_LANG = re.compile(rb'<html[^>]*\slang="([^"]+)"')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*main\.[0-9a-f]{8}\.min\.css)"')


def check_page(page: Fetched, lang: str, status: int) -> list[str]:
    """What is wrong with one page: ``status`` expected, in language ``lang``.

    >>> ok = Fetched("u", 200, {"content-type": "text/html; charset=utf-8",
    ...     "content-security-policy": "script-src 'self'", "x-content-type-options": "nosniff",
    ...     "referrer-policy": "same-origin", "permissions-policy": "camera=()",
    ...     "cache-control": "no-cache", "content-encoding": "gzip"}, b'<html lang="zh-Hans">')
    >>> check_page(ok, "zh", 200)
    []
    >>> check_page(Fetched("u", 200, {"content-type": "text/html"}, b'<html lang="en">'), "zh", 404)
    ... # doctest: +NORMALIZE_WHITESPACE
    ['u: status 200, expected 404', 'u: <html lang="en">, expected "zh-Hans"',
     'u: no Content-Security-Policy header', 'u: no X-Content-Type-Options header',
     'u: no Referrer-Policy header', 'u: no Permissions-Policy header',
     'u: Cache-Control None: browsers may show an old page after a deployment']
    """
    problems = []
    url, headers = page.url, page.headers
    if page.status != status:
        problems.append(f"{url}: status {page.status}, expected {status}")
    found = _LANG.search(page.body)
    want = html_lang(lang)
    if not found or found.group(1).decode() != want:
        got = f'<html lang="{found.group(1).decode()}">' if found else "no <html lang>"
        problems.append(f'{url}: {got}, expected "{want}"')
    if not headers.get("content-type", "").startswith("text/html"):
        problems.append(f"{url}: Content-Type {headers.get('content-type')}")
    for name in REQUIRED:
        if name.lower() not in headers:
            problems.append(f"{url}: no {name} header")
    directives = {d.strip().split(" ")[0]: d.strip()
                  for d in headers.get("content-security-policy", "").split(";") if d.strip()}
    scripts = directives.get("script-src", directives.get("default-src", ""))
    if "'unsafe-inline'" in scripts:
        problems.append(f"{url}: the CSP allows inline scripts")
    if headers.get("x-content-type-options", "nosniff").lower() != "nosniff":
        problems.append(f"{url}: X-Content-Type-Options is not nosniff")
    cache = headers.get("cache-control")
    if not cache or not ("no-cache" in cache or "max-age=0" in cache):
        problems.append(f"{url}: Cache-Control {cache}: browsers may show an old page "
                        "after a deployment")
    if status == 200 and headers.get("content-encoding") not in ("gzip", "br"):
        problems.append(f"{url}: not compressed (expected Content-Encoding gzip or br)")
    if urlparse(url).scheme == "https" and "strict-transport-security" not in headers:
        problems.append(f"{url}: no Strict-Transport-Security header over HTTPS")
    return problems


def check_site(url: str, languages: Sequence[str], get: Fetch = fetch) -> tuple[list[str], list[str]]:
    """Check the deployment at ``url`` (the site_url) of a guide in ``languages``
    (the default first); return (what was checked, problems)."""
    root = url if url.endswith("/") else url + "/"
    checked, problems = [], []
    for lang in languages:
        home = urljoin(root, site_language(lang).url_prefix(languages[0]))
        page = get(home)
        problems += check_page(page, lang, 200)
        missing = get(home + MISSING_PAGE)
        problems += check_page(missing, lang, 404)
        checked += [f"{home} (home, {lang})", f"{missing.url} (404 page, {lang})"]
        if lang == languages[0]:
            stylesheet = _STYLESHEET.search(page.body.decode("utf-8", "replace"))
            if stylesheet is None:
                problems.append(f"{home}: no fingerprinted stylesheet found")
                continue
            asset = get(urljoin(home, stylesheet.group(1)))
            checked.append(f"{asset.url} (fingerprinted)")
            cache = asset.headers.get("cache-control", "")
            if asset.status != 200 or "immutable" not in cache or "max-age=31536000" not in cache:
                problems.append(f"{asset.url}: status {asset.status}, Cache-Control {cache or None}"
                                " (expected a year, immutable)")
    return checked, problems
