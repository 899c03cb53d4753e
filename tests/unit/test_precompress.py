"""Precompressed copies: the right files, the same bytes every time, readable
by the standard decoders, and none that would not save anything."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from guidebook import precompress

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
