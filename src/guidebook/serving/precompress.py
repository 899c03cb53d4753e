"""Precompressed copies of the site's text files: ``page.html.gz`` and ``page.html.br``.

A web server with ``gzip_static`` / ``brotli_static`` (deploy/nginx.conf) sends
these bytes as they are, with ``Content-Encoding``, instead of compressing on
every request or not at all: readers in China and Mongolia on slow links pay
for every byte. They are written by the build, after Pagefind, inside the
staging folder, so they change with the site in one swap.

Deterministic: the same file gives the same bytes in every build (gzip with
no name and mtime 0, zlib level 9; Brotli has no header fields), so a deploy
by rsync or a CDN upload sends only what really changed.

Brotli quality: 11 (the best, about 1 MB/s on one core) for the shared
assets every reader downloads once (CSS, JavaScript, JSON); 8 for pages and
the sitemap, the bulk of the site (55 MB of pages at 500 institutions):
quality 11 made pages 10 % smaller than 8 but took 40 times as long (1.6 MB
of pages: 1.26 s against 0.03 s on the development machine; the 2 MB sitemap
alone took 2.9 s). Pagefind's index files are gzip data already and are not
tried. Files are compressed on threads (zlib and brotli release the GIL),
largest first.

Cache: with ``cache_dir``, each compressed copy is also kept there under the
SHA-256 of the file it was made from, and a later build takes it instead of
compressing again (an editor's rebuild changes a few pages of thousands; at
500 institutions this takes the step from 2.6 s to about half a second).
The copies are hard links to the cache where the file system allows.
Compression is deterministic, so a copy from the cache is the same bytes a
fresh compression gives. The folder is named after the zlib and Brotli
versions and the levels, and holds exactly the last build's entries: entries
the build did not use, and folders of other versions, are removed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from guidebook.common.workers import available_cpus

try:  # the `brotli` package of requirements.lock; without it, gzip only
    import brotli as _brotli
except ImportError:  # pragma: no cover - the lock file installs it
    _brotli = None

# Text formats a browser fetches from the site, Pagefind's included: its
# pagefind.js, worker and entry file shrink; its index, fragment and wasm
# files are gzip data already and are left alone by the "must shrink" rule.
EXTENSIONS = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt",
                        ".webmanifest", ".pf_meta", ".pf_index", ".pf_fragment", ".pagefind"})
MIN_SIZE = 1024  # smaller files fit in one packet anyway; not worth a second file
MIN_SAVING = 0.05  # keep a compressed copy only if it is at least 5 % smaller
PAGE_QUALITY = 8
ASSET_QUALITY = 11
PAGE_TYPES = frozenset({".html", ".xml", ".txt"})
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Stats:
    files: int  # files considered (the right type and size)
    raw: int  # their bytes
    gzip_files: int
    gzip_bytes: int  # bytes of the .gz files written
    brotli_files: int
    brotli_bytes: int
    reused: int = 0  # compressed copies taken from the cache


def has_brotli() -> bool:
    return _brotli is not None


def gzip_bytes(data: bytes) -> bytes:
    """gzip with a fixed header (no file name, mtime 0): same input, same bytes.

    >>> gzip_bytes(b"a" * 100) == gzip_bytes(b"a" * 100), gzip_bytes(b"")[:10].hex()
    (True, '1f8b0800000000000203')
    """
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int = ASSET_QUALITY) -> bytes:
    assert _brotli is not None
    return _brotli.compress(data, quality=quality)


def candidates(site_dir: Path) -> list[Path]:
    """The files worth compressing, in a stable order."""
    return sorted(p for p in site_dir.rglob("*")
                  if p.suffix in EXTENSIONS and p.is_file() and p.stat().st_size >= MIN_SIZE)


def _worth(compressed: bytes, raw: bytes) -> bool:
    return len(compressed) <= len(raw) * (1 - MIN_SAVING)


class _Cache:
    """Compressed copies by the hash of their source; an empty entry records
    "compressing did not save enough" (no real .gz or .br is ever empty)."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def get(self, name: str) -> Path | None:
        self.used.add(name)  # set.add is atomic under the GIL: safe from the threads
        entry = self.folder / name
        return entry if entry.exists() else None

    def put(self, name: str, data: bytes, written: Path | None = None) -> None:
        """Keep ``data``: as a hard link to ``written`` (a file holding it) where
        possible, else as a file of its own."""
        entry = self.folder / name
        try:
            if written is not None:
                try:
                    os.link(written, entry)  # whole or absent, even beside another build
                    return
                except FileExistsError:
                    return  # another build kept the same bytes
                except OSError:
                    pass  # another file system: write a copy
            tmp = self.folder / f".{name}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            tmp.replace(entry)
        except OSError:
            pass  # a full disk or a build beside this one pruning: only the next build is slower

    def prune(self) -> None:
        """Keep what this build used; drop other entries and other versions' folders."""
        for entry in self.folder.iterdir():
            if entry.name not in self.used:
                entry.unlink(missing_ok=True)
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)


def _link_or_copy(entry: Path, out: Path) -> None:
    """A hard link where the file system allows one (no bytes to copy), else a copy.
    Both names are only ever replaced, never written into (see _compress_one)."""
    try:
        os.link(entry, out)
    except OSError:  # another file system, or links not supported
        shutil.copyfile(entry, out)


def cache_folder(cache_dir: Path) -> Path:
    """``cache_dir/<versions and levels>``: a new library or level starts afresh."""
    brotli_version = getattr(_brotli, "__version__", "none") if _brotli else "none"
    return cache_dir / (f"zlib{zlib.ZLIB_RUNTIME_VERSION}-gz9-brotli{brotli_version}"
                        f"-q{PAGE_QUALITY}-{ASSET_QUALITY}")


def _variants(path: Path, use_brotli: bool) -> list[tuple[str, str, Callable[[bytes], bytes]]]:
    """(suffix of the copy, suffix of its cache entry, how it is made) for ``path``."""
    variants: list[tuple[str, str, Callable[[bytes], bytes]]] = [(".gz", ".gz", gzip_bytes)]
    if use_brotli:
        quality = PAGE_QUALITY if path.suffix in PAGE_TYPES else ASSET_QUALITY
        variants.append((".br", f".br{quality}", lambda d: brotli_bytes(d, quality)))
    return variants


def _compress_one(path: Path, use_brotli: bool, cache: _Cache | None) -> tuple[int, int, int, int]:
    """Write ``path``'s .gz (and .br) beside it, or remove stale ones; return
    (raw size, .gz size or 0, .br size or 0, copies taken from the cache)."""
    raw = path.read_bytes()
    if raw.startswith(GZIP_MAGIC):  # Pagefind's chunks: compressed already
        for suffix in (".gz", ".br"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return len(raw), 0, 0, 0
    digest = hashlib.sha256(raw).hexdigest() if cache else ""
    sizes, reused = [], 0
    for suffix, key, compress in _variants(path, use_brotli):
        out = path.with_name(path.name + suffix)
        # Never written in place: the old file may be a link to a cache entry.
        out.unlink(missing_ok=True)
        entry = cache.get(digest + key) if cache else None
        if entry is not None:
            try:
                size = entry.stat().st_size
                if size:
                    _link_or_copy(entry, out)
            except FileNotFoundError:
                pass  # pruned meanwhile by a build beside this one: compress
            else:
                sizes.append(size)
                reused += 1
                continue
        data = compress(raw)
        worth = _worth(data, raw)
        if worth:
            out.write_bytes(data)
        if cache:
            cache.put(digest + key, data if worth else b"", out if worth else None)
        sizes.append(len(data) if worth else 0)
    if not use_brotli:
        path.with_name(path.name + ".br").unlink(missing_ok=True)
        sizes.append(0)
    return len(raw), sizes[0], sizes[1], reused


def precompress(site_dir: Path, *, use_brotli: bool | None = None, workers: int | None = None,
                files: Iterable[Path] | None = None, cache_dir: Path | None = None) -> Stats:
    """Write ``.gz`` and (with the brotli package) ``.br`` beside every file
    of ``site_dir`` worth it; return what was written. With ``cache_dir``,
    copies made by an earlier build from the same bytes are reused."""
    use_brotli = has_brotli() if use_brotli is None else use_brotli
    paths = list(files) if files is not None else candidates(site_dir)
    paths.sort(key=lambda p: -p.stat().st_size)  # the largest first: threads end together
    if workers is None:
        workers = available_cpus()
    cache = _Cache(cache_folder(cache_dir)) if cache_dir is not None else None
    with ThreadPoolExecutor(max(1, workers)) as pool:
        results = list(pool.map(lambda p: _compress_one(p, use_brotli, cache), paths))
    if cache is not None and files is None:  # a partial run must not drop the others' entries
        cache.prune()
    return Stats(files=len(results), raw=sum(r[0] for r in results),
                 gzip_files=sum(1 for r in results if r[1]), gzip_bytes=sum(r[1] for r in results),
                 brotli_files=sum(1 for r in results if r[2]),
                 brotli_bytes=sum(r[2] for r in results), reused=sum(r[3] for r in results))


def enabled(wanted: bool, command: str | None) -> bool:
    """Precompress unless turned off (``Settings.precompress``: GUIDEBOOK_PRECOMPRESS=0)
    or previewing with ``mkdocs serve`` (which serves nothing compressed and must stay fast).

    >>> enabled(True, "build"), enabled(True, "serve"), enabled(False, None)
    (True, False, False)
    """
    return wanted and command != "serve"
