"""Precompressed copies: the right files, the same bytes every time, readable
by the standard decoders, and none that would not save anything."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from guidebook.serving import precompress

PAGE = ("<!doctype html><html lang='zh-Hans'><p>眼科医院 Ophthalmology</p>\n" * 200).encode()


def make_site(root: Path) -> Path:
    (root / "zh").mkdir(parents=True)
    (root / "zh" / "index.html").write_bytes(PAGE)
    (root / "app.js").write_bytes(b"function f(){return 1}\n" * 100)
    (root / "tiny.css").write_bytes(b"p{color:red}")  # under 1 KB
    (root / "photo.png").write_bytes(os.urandom(4000))  # not a text type
    (root / "chunk.pf_fragment").write_bytes(gzip.compress(os.urandom(3000)))  # gzip already
    return root


def test_writes_gz_and_br_that_decode_to_the_file(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    stats = precompress.precompress(site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.gz")) == \
        ["app.js.gz", "zh/index.html.gz"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.br")) == \
        ["app.js.br", "zh/index.html.br"]
    assert gzip.decompress((site / "zh/index.html.gz").read_bytes()) == PAGE
    assert brotli.decompress((site / "zh/index.html.br").read_bytes()) == PAGE
    # considered: the page, the script and Pagefind's fragment (which did not shrink)
    assert (stats.files, stats.gzip_files, stats.brotli_files) == (3, 2, 2)
    assert stats.brotli_bytes < stats.gzip_bytes < stats.raw


def test_two_runs_in_two_folders_give_the_same_bytes(tmp_path: Path) -> None:
    one = make_site(tmp_path / "one")
    two = tmp_path / "two"
    two.mkdir()
    for path in one.rglob("*"):  # the same files, written later (another mtime)
        target = two / path.relative_to(one)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
            os.utime(target, (1_000_000, 1_000_000))
    precompress.precompress(one, workers=1)
    precompress.precompress(two, workers=2)
    for name in ("zh/index.html.gz", "zh/index.html.br", "app.js.gz", "app.js.br"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    header = (one / "zh/index.html.gz").read_bytes()[:10]
    assert header[3] == 0 and header[4:8] == b"\0\0\0\0"  # no file name, no time


def test_gzip_only_without_brotli_and_no_stale_br(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    precompress.precompress(site)
    precompress.precompress(site, use_brotli=False)
    assert not list(site.rglob("*.br"))
    assert (site / "app.js.gz").exists()


def test_a_second_build_copies_from_the_cache_and_drops_what_it_no_longer_needs(
        tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    noise = os.urandom(5000)  # does not shrink: the cache must remember "not worth it"
    first = make_site(tmp_path / "one")
    (first / "noise.js").write_bytes(noise)
    fresh = precompress.precompress(first, cache_dir=cache)
    assert fresh.reused == 0
    again = make_site(tmp_path / "two")  # the same files in another folder
    (again / "noise.js").write_bytes(noise)
    (again / "zh" / "index.html").write_bytes(PAGE.replace(b"Ophthalmology", b"Eye clinic"))
    cached = precompress.precompress(again, cache_dir=cache)
    # app.js (.gz, .br) and noise.js (two "not worth it" records) come from
    # the cache; the changed page is compressed anew.
    assert cached.reused == 4
    assert gzip.decompress((again / "zh/index.html.gz").read_bytes()) == \
        PAGE.replace(b"Ophthalmology", b"Eye clinic")
    assert not (again / "noise.js.gz").exists() and not (again / "noise.js.br").exists()
    for name in ("app.js.gz", "app.js.br"):  # the same bytes a fresh compression gives
        assert (again / name).read_bytes() == (first / name).read_bytes(), name
    assert (cached.gzip_bytes, cached.brotli_bytes) != (0, 0)
    # The first build's page entries are gone: the cache holds what the last build used.
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert len(entries) == 6  # page, app.js and noise.js, gzip and Brotli each
    old_page = gzip.compress(PAGE, compresslevel=9, mtime=0)
    assert all(entry.read_bytes() != old_page for entry in entries)


def test_a_cache_of_other_versions_is_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stale = cache / "zlib0.0-gz9-brotli0.0-q1-1"
    stale.mkdir(parents=True)
    (stale / "x.gz").write_bytes(b"old")
    precompress.precompress(make_site(tmp_path / "site"), cache_dir=cache)
    assert not stale.exists()
    assert [p.name for p in cache.iterdir()] == [precompress.cache_folder(cache).name]


def test_a_copy_from_the_cache_is_replaced_never_written_into(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    precompress.precompress(make_site(tmp_path / "one"), cache_dir=cache)
    site = make_site(tmp_path / "two")
    precompress.precompress(site, cache_dir=cache)
    script = (site / "app.js").read_bytes()
    assert (site / "app.js.gz").stat().st_nlink > 1  # a hard link to its cache entry
    (site / "app.js").write_bytes(b"function g(){return 2}\n" * 100)
    precompress.precompress(site, files=[site / "app.js"], cache_dir=cache)  # no pruning
    assert gzip.decompress((site / "app.js.gz").read_bytes()).startswith(b"function g")
    entries = {gzip.decompress(e.read_bytes()) for e in cache.rglob("*.gz")}
    assert script in entries  # the entry the old link pointed at is intact
