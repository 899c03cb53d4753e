"""How the built site is served: one policy, written for nginx, Netlify and Cloudflare Pages.

The policy (security headers, caching, content types, per-language 404 pages)
is defined once here and written by the build into the site folder, so the
headers always match the pages they go with (the CSP carries hashes of the
pages' inline scripts) and change with them in the atomic swap:

- ``_server/nginx-site.conf``: the locations, included by ``deploy/nginx.conf``;
- ``_headers`` and ``_redirects``: read by Netlify and Cloudflare Pages.

Content-Security-Policy: no ``'unsafe-inline'``. Material's own inline
scripts (``__md_scope`` with the page's relative base, the tab/anchor
script) cannot be moved without copying its templates; their SHA-256 hashes
are read from the built pages and listed instead. Inline ``<style>``
elements (the printable leaflet's) are hashed the same way. Inline event
handlers (``onclick=``) and ``style=`` attributes cannot be allowed by a hash
without ``'unsafe-hashes'``: ``problems`` reports them, and the build fails
in strict mode. ``'wasm-unsafe-eval'`` lets Pagefind compile its
WebAssembly (it allows no JavaScript eval). Workers, the web manifest and a
service worker at a language root are allowed from the site itself
(``worker-src``, ``manifest-src``).

No module here imports MkDocs; the hook calls ``write_server_files``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guidebook.common.i18n import site_language

SERVER_DIR = "_server"  # in the site folder: not served (nginx denies it; see README)
NGINX_FILE = f"{SERVER_DIR}/nginx-site.conf"
NOT_PUBLISHED = ("_headers", "_redirects", SERVER_DIR)  # deploy files, not pages

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # stored, but checked (ETag / Last-Modified) before each use

# Files whose name changes when their content does: cached for a year.
# Material's bundles and stylesheets (bundle.a5f9d56c.min.js and their source
# maps), Pagefind's index chunks, fragments and metadata (content hashes).
# Everything else, pages, our own assets, pagefind.js, pagefind-entry.json,
# the wasm files and a future service worker, is revalidated.
_FINGERPRINTED = re.compile(r"""^(?:
      assets/(?:javascripts|stylesheets)/(?:.+/)?[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?
    | pagefind/(?:fragment|index)/[^/]+
    | pagefind/pagefind\.[^/]+_[0-9a-f]+\.pf_meta
    )$""", re.X)

# nginx's mime.types (Debian 12) lacks the web manifest's type. Pagefind's
# .pf_* and .pagefind files are gzip data that it unpacks itself: served as
# application/octet-stream, with no Content-Encoding.
WEBMANIFEST_TYPE = "application/manifest+json"

# Everything the guide never uses, turned off for the pages and anything
# they embed. Only features Chromium knows: an unknown one is logged as a
# console error on every page.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
    "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
    "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
    "usb", "xr-spatial-tracking"))

# For HTTPS servers only (a browser ignores it over HTTP): two years, as the
# HSTS preload list asks. Written into _headers (Netlify and Cloudflare Pages
# serve only HTTPS); for nginx, deploy/nginx.conf shows where it goes.
HSTS = "max-age=63072000"


def is_fingerprinted(path: str) -> bool:
    """Whether a site-relative path has a content hash in its name.

    >>> is_fingerprinted("assets/javascripts/bundle.a5f9d56c.min.js")
    True
    >>> is_fingerprinted("assets/javascripts/workers/search.a7633da7.min.js")
    True
    >>> is_fingerprinted("pagefind/fragment/ar_2110f4c.pf_fragment")
    True
    >>> is_fingerprinted("pagefind/pagefind.zh-hans_3df8347e7f7bd36.pf_meta")
    True
    >>> [is_fingerprinted(p) for p in ("assets/search.js", "pagefind/pagefind.js",
    ...                                "pagefind/wasm.en.pagefind", "index.html", "zh/sw.js")]
    [False, False, False, False, False]
    """
    return bool(_FINGERPRINTED.match(path))


def cache_control(path: str) -> str:
    return IMMUTABLE if is_fingerprinted(path) else REVALIDATE


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=\s*["']""", re.I)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*["']""", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}


@functools.lru_cache(maxsize=1024)  # the same scripts on every page
def csp_hash(text: str) -> str:
    """A CSP hash source for an inline element's text, as the browser computes it.

    >>> csp_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class Inline:
    """What a set of pages has inline, as CSP needs to know it."""
    scripts: set[str] = field(default_factory=set)  # hash sources
    styles: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)  # what no CSP hash can allow

    def add(self, html: str, where: str) -> None:
        """Record the inline scripts and styles of one page.

        >>> found = Inline()
        >>> found.add('<script>__md_scope=new URL("..",location),__md_hash=x</script>'
        ...           '<script src="x.js"></script>'
        ...           '<script type="application/ld+json">{}</script><style>p{}</style>'
        ...           '<form onsubmit="return false"><p style="color:red">', "p.html")
        >>> len(found.scripts), len(found.styles), found.problems
        (1, 1, ['p.html: inline event handler onsubmit=', 'p.html: style= attribute'])
        >>> found.add('<article class="md-content__inner"><script>evil()</script></article>', "q.html")
        >>> len(found.scripts), found.problems[-1]
        (1, "q.html: inline script in the page's content")
        >>> found.add('<head><script>evil()</script></head>', "r.html")
        >>> len(found.scripts), found.problems[-1]
        (1, "r.html: inline script the theme does not write ('evil()')")
        """
        content = _content_span(html)
        for match in _SCRIPT.finditer(html):
            attrs, body = match.group(1), match.group(2)
            kind = _TYPE.search(attrs)
            if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _JS_TYPES):
                continue  # a file, or data (JSON, JSON-LD) that is never run
            if content[0] <= match.start() < content[1]:
                # Written in a page, not by the theme: never allowed by a hash
                # (guidebook check refuses it first; this is the second lock).
                self.problems.append(f"{where}: inline script in the page's content")
                continue
            if not THEME_SCRIPTS.match(body):
                self.problems.append(f"{where}: inline script the theme does not write "
                                     f"({body.strip()[:40]!r})")
                continue
            self.scripts.add(csp_hash(body))
        for _attrs, body in _STYLE.findall(html):
            self.styles.add(csp_hash(body))
        # Only in tags, outside scripts (a script may contain "onload=" as text).
        markup = _SCRIPT.sub("", _STYLE.sub("", html))
        for tag in _TAG.findall(markup):
            self.problems += [f"{where}: {problem}" for problem in _tag_problems(tag)]


# The inline scripts Material's templates write (the only ones the CSP
# allows by hash): the page's base for its bundle, and the script that opens
# the content tab a link points to. Another inline script is reported and
# blocked; after a Material update that changes these, add the new start here.
THEME_SCRIPTS = re.compile(r'__md_scope=new URL\("[./]*",location\),__md_hash=|'
                           r"var target=document\.getElementById\(location\.hash\.slice\(1\)\)")
_ARTICLE = re.compile(r"<article\b[^>]*\bmd-content__inner\b[^>]*>", re.I)


def _content_span(html: str) -> tuple[int, int]:
    """Where the page's own content is in a built page: Material's
    ``<article class="md-content__inner">`` (what the page's Markdown became),
    or nowhere. Only scripts outside it, the theme's, are hashed.

    >>> _content_span('<p><article class="md-content__inner md-typeset">x</article></p>')
    (3, 50)
    """
    start = _ARTICLE.search(html)
    if start is None:
        return (0, 0)
    end = html.rfind("</article>")
    return (start.start(), end if end > start.start() else len(html))


@functools.lru_cache(maxsize=1 << 16)
def _tag_problems(tag: str) -> tuple[str, ...]:
    """What the policy blocks in one tag. Cached: a site repeats its tags
    (navigation, header, footer) on every page."""
    handlers = [f"inline event handler {name.lower()}=" for name in _HANDLER.findall(tag)]
    return (*handlers, *(["style= attribute"] if _STYLE_ATTR.search(tag) else []))



def scan(site_dir: Path) -> Inline:
    """The inline scripts and styles of every page in ``site_dir``."""
    found = Inline()
    for page in sorted(site_dir.rglob("*.html")):
        found.add(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix())
    return found


def content_security_policy(scripts: Iterable[str] = (), styles: Iterable[str] = ()) -> str:
    """The CSP for the site's pages, allowing exactly the given inline hashes.

    >>> content_security_policy(["'sha256-x'"])  # doctest: +NORMALIZE_WHITESPACE
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; style-src 'self';
     img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self';
     manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';
     frame-ancestors 'none'"
    """
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(scripts)])
    style_src = " ".join(["'self'", *sorted(styles)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its CSS
        "font-src 'self'",
        "connect-src 'self'",  # Pagefind's index, fragments and wasm
        "worker-src 'self'",  # Pagefind's worker; a service worker
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",  # no page of the guide inside another site's frame
    ])


def security_headers(inline: Inline) -> list[tuple[str, str]]:
    """The headers every response of the site carries (404 pages included)."""
    return [
        ("Content-Security-Policy", content_security_policy(inline.scripts, inline.styles)),
        ("X-Content-Type-Options", "nosniff"),
        # Links to hospitals and map services do not learn which page of the
        # guide (which clinic, which condition) a reader came from.
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]


def language_prefixes(base_path: str, languages: Sequence[str]) -> list[tuple[str, str]]:
    """(language, URL prefix) of each language site, the other languages first
    and the default language (at the base path itself) last.

    >>> language_prefixes("/guide/", ("en", "zh", "ar"))[-2:]
    [('ar', '/guide/ar/'), ('en', '/guide/')]
    """
    default = languages[0]
    others = [(lang, base_path + site_language(lang).url_prefix(default))
              for lang in languages if lang != default]
    return [*others, (default, base_path)]


def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Compressible text types, sent with "; charset=utf-8" (nginx adds it to
# text/html by itself).
CHARSET_TYPES = ("text/css", "text/plain", "text/xml", "application/javascript",
                 "application/json", "application/xml", "image/svg+xml",
                 "application/manifest+json")


def nginx_conf(base_path: str, headers: Sequence[tuple[str, str]],
               languages: Sequence[str]) -> str:
    """The nginx location of a site served at ``base_path``, for deploy/nginx.conf.

    Everything sits inside ``location <base_path>``, so the rest of a server
    that hosts the guide under a sub-path is left alone. nginx's
    ``add_header`` in a location drops every header set around it, so each
    nested location repeats the whole set (``always``: 404 pages too).
    ``$guidebook_hsts`` is defined by deploy/nginx.conf (HSTS over HTTPS only).
    """
    def headers_for(cache: str, indent: str = "        ") -> list[str]:
        lines = [f"{indent}add_header {name} {_nginx_quote(value)} always;" for name, value in headers]
        lines.append(f"{indent}add_header Strict-Transport-Security $guidebook_hsts always;")
        lines.append(f"{indent}add_header Cache-Control {_nginx_quote(cache)} always;")
        return lines

    quoted = re.escape(base_path)
    prefixes = language_prefixes(base_path, languages)
    out = [
        "# Written by `guidebook build` (guidebook/serving.py) for a site at the URL path",
        f"# {base_path}: do not edit, it changes with the pages (the CSP lists the hashes of",
        "# their inline scripts). deploy/nginx.conf includes it inside server {}.",
        f"location {base_path} {{",
        "    default_type application/octet-stream;  # Pagefind's .pf_* and .pagefind files",
        "    charset utf-8;",
        f"    charset_types {' '.join(CHARSET_TYPES)};",
        "    gzip_static on;  # page.html.gz, written by the build",
        "    gzip_vary on;",
        "    index index.html;",
        "    absolute_redirect off;  # /zh -> /zh/ as a relative redirect (right behind a proxy or CDN)",
        f"    error_page 403 404 =404 {base_path}404.html;",
        *headers_for(REVALIDATE, "    "),
        "",
    ]
    for lang, prefix in prefixes[:-1]:
        # A miss under /zh/ gets the Chinese 404 page (a folder without
        # index.html, a 403, too).
        out += [f"    location {prefix} {{",
                f"        error_page 403 404 =404 {prefix}404.html;",
                *headers_for(REVALIDATE),
                "    }"]
    out += [
        "    # Names with a content hash: cached for a year (quoted: nginx reads { as a block).",
        f'    location ~ "^{quoted}(assets/(javascripts|stylesheets)/(.+/)?[^/]+\\.[0-9a-f]{{8}}'
        f'\\.min\\.(js|css)(\\.map)?|pagefind/(fragment|index)/[^/]+'
        f'|pagefind/pagefind\\.[^/]+_[0-9a-f]+\\.pf_meta)$" {{',
        *headers_for(IMMUTABLE),
        "    }",
        "    location ~ \\.webmanifest$ {",
        "        types { }",
        f"        default_type {WEBMANIFEST_TYPE};",
        *headers_for(REVALIDATE),
        "    }",
        "    # Deployment files in the site folder are not pages.",
        *[f"    location ^~ {base_path}{name} {{ return 404; }}" for name in NOT_PUBLISHED],
        "}",
    ]
    if base_path != "/":  # the sub-path without its slash, outside the location above
        out += [f"location = {base_path.rstrip('/')} {{",
                "    absolute_redirect off;",
                f"    return 301 {base_path};",
                "}"]
    return "\n".join(out) + "\n"


def headers_file(base_path: str, headers: Sequence[tuple[str, str]],
                 fingerprinted: Iterable[str]) -> str:
    """``_headers`` for Netlify and Cloudflare Pages: the same headers on
    every path, a year's caching for each fingerprinted file. Both hosts
    revalidate everything else by default (``max-age=0, must-revalidate``)
    and compress on their own; both serve HTTPS only, hence HSTS here."""
    lines = ["# Written by `guidebook build` (guidebook/serving.py); Netlify and Cloudflare Pages",
             "# read it. The same policy as _server/nginx-site.conf.",
             f"{base_path}*"]
    lines += [f"  {name}: {value}" for name, value in headers]
    lines.append(f"  Strict-Transport-Security: {HSTS}")
    folders = sorted({f"{path.rsplit('/', 1)[0]}/" for path in fingerprinted
                      if path.startswith(("pagefind/fragment/", "pagefind/index/"))})
    files = sorted(p for p in fingerprinted if not p.startswith(tuple(folders)))
    for target in [f"{base_path}{folder}*" for folder in folders] + [base_path + f for f in files]:
        lines += [target, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def redirects_file(base_path: str, languages: Sequence[str]) -> str:
    """``_redirects`` for Netlify: each language's misses to its 404 page.
    (Netlify applies a rule only where no file exists. Cloudflare Pages needs
    none: it serves the nearest 404.html up the folder tree by itself.)

    >>> print(redirects_file("/g/", ("en", "zh")).splitlines()[-1])
    /g/*  /g/404.html  404
    """
    lines = ["# Written by `guidebook build` (guidebook/serving.py) for Netlify."]
    lines += [f"{prefix}*  {prefix}404.html  404" for _lang, prefix in language_prefixes(base_path, languages)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Written:
    files: list[Path]
    inline: Inline


def write_server_files(site_dir: Path, base_path: str, languages: Sequence[str],
                       inline: Inline) -> Written:
    """Write ``_server/nginx-site.conf``, ``_headers`` and ``_redirects`` into
    ``site_dir`` with one policy, allowing the pages' inline scripts and
    styles (``inline``: what :func:`scan`, or the link check's reading of the
    pages, found). ``Written.inline.problems`` lists what the policy blocks
    (inline event handlers, style attributes)."""
    headers = security_headers(inline)
    fingerprinted = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                           if p.is_file() and is_fingerprinted(p.relative_to(site_dir).as_posix()))
    (site_dir / SERVER_DIR).mkdir(exist_ok=True)
    written = {
        site_dir / NGINX_FILE: nginx_conf(base_path, headers, languages),
        site_dir / "_headers": headers_file(base_path, headers, fingerprinted),
        site_dir / "_redirects": redirects_file(base_path, languages),
    }
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return Written(list(written), inline)
