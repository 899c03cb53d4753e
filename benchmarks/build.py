"""How long the guidebook build takes for N institutions, against stock MkDocs.

Measures, for a synthetic data file of N institutions (benchmarks/synthetic.py):

* ours: the real pipeline, ``python -m guidebook.cli build`` on a copy of the
  project (mkdocs.yml, content/, overrides/, hooks/) whose data file is the
  synthetic one: data validation, page generation, five i18n sites, the theme
  overrides, strict mode; the print PDFs are turned off (GUIDEBOOK_PDF=0) so
  that both sides build the same web pages; benchmarks/pdf.py times the PDFs;
  as an editor's rebuild, ours finds the warm-up build's precompressed copies
  in ``.cache/`` (``--cold-cache`` empties it before each build);
* baseline: the SAME generated Markdown pages built by a stock configuration
  (mkdocs-material + mkdocs-static-i18n, search, no hooks, no custom_dir, no
  nav, so every page is in the automatic navigation, as an out-of-the-box site
  would be).

Each build runs in its own subprocess (interpreter start-up and imports
included, for both), timed by wall clock. Memory is given twice: "peak" is the
largest single process (``os.wait4``), "tree" the largest sum of PSS over the
build and every process it started (sampled every 100 ms from /proc), which
counts our parallel language workers together and their shared pages once.
The runs alternate (ours, baseline, ours, ...) so that a slow moment of the
machine hits both; ``--sequential`` adds our build on one process
(``--jobs 1``, the i18n plugin's own loop) to the rotation. The last line is
machine-readable::

    institutions=N build_s=X.XX baseline_s=Y.YY ratio=Z.ZZ

Run from the project root:

    .venv/bin/python benchmarks/build.py --institutions 160 [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

try:
    from .synthetic import write_dataset
except ImportError:  # run as a script: benchmarks/ is on sys.path
    from synthetic import write_dataset

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "mn": "Mongolian", "ru": "Russian",
                  "ar": "Arabic"}
LANGS = tuple(LANGUAGE_NAMES)  # the default language first
MARKER = ".generated-by-guidebook"


@dataclass(frozen=True)
class Run:
    label: str
    seconds: float
    peak_mib: float  # the largest single process
    tree_mib: float  # the largest sum of PSS over the process tree


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux /proc)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass  # the task ended meanwhile
    return pids


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # ended meanwhile, or no such file
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _tree(self.pid)))


def python() -> str:
    """The project's virtualenv, so both builds use the pinned packages."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def timed(label: str, cmd: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and return its wall time and its own peak RSS.

    ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the maximum over every child
    ever waited for, so it cannot tell a small build after a large one; wait4
    gives the usage of exactly this child (Linux folds in the largest of its own
    waited-for children, e.g. a PDF worker: the largest process, not the sum).
    Output goes to files, not pipes, so a chatty build cannot block on a full
    pipe while nobody reads it.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            err.seek(0)
            fail(f"{label} build failed (exit {proc.returncode}): {' '.join(cmd)}",
                 out.read().decode(errors="replace") + err.read().decode(errors="replace"))
    return Run(label, seconds, usage.ru_maxrss / 1024, sampler.peak_kib / 1024)  # Linux: KiB


def fail(message: str, detail: str = "") -> NoReturn:
    """Stop the benchmark: a failed build's time would mean nothing."""
    print(f"error: {message}\n{detail}", file=sys.stderr)
    sys.exit(1)


def make_project(dest: Path, n: int, seed: int) -> Path:
    """A copy of the site sources with ``n`` synthetic institutions as its data."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "overrides", "hooks"):
        src = ROOT / name
        if src.is_dir():
            # content/institutions is generated by the build from the data file.
            shutil.copytree(src, dest / name,
                            ignore=shutil.ignore_patterns("institutions", "forms", "__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    for name in ("translations", "src"):  # watched by `mkdocs serve`: must exist
        (dest / name).symlink_to(ROOT / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # the forms' QR library
    write_dataset(dest / "data" / "institutions.yaml", n, seed)
    shutil.copytree(ROOT / "data" / "forms", dest / "data" / "forms")
    return dest


def baseline_config(ours: dict) -> dict:
    """A stock Material + static-i18n configuration: what the site would be
    without the guidebook's hooks, templates, navigation and settings. Only
    ``exclude_docs`` is taken over, so that both build the same set of pages."""
    languages = [{"locale": lang, "name": name} for lang, name in LANGUAGE_NAMES.items()]
    languages[0]["default"] = True
    config = {
        "site_name": ours.get("site_name", "Guide"),
        "docs_dir": "content",
        "theme": {"name": "material", "language": "en"},
        "plugins": ["search", {"i18n": {
            "docs_structure": "suffix", "fallback_to_default": False,
            "reconfigure_material": True, "reconfigure_search": True,
            "languages": languages}}],
        "markdown_extensions": ["attr_list", "toc"],
    }
    if ours.get("exclude_docs"):
        config["exclude_docs"] = ours["exclude_docs"]
    return config


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its site_name; its !!python tags are not needed here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def make_baseline(project: Path, dest: Path) -> Path:
    """The pages our build generated (content/ with content/institutions/),
    under the stock configuration. Needs one finished build of ``project``."""
    shutil.copytree(project / "content", dest / "content")
    (dest / "content" / "institutions" / MARKER).unlink(missing_ok=True)
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    config = baseline_config(ours)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return dest


def count_pages(site: Path) -> dict[str, int]:
    """Pages (index.html files) per language; the default language is at the root."""
    counts = dict.fromkeys(LANGS, 0)
    for page in site.rglob("index.html"):
        first = page.relative_to(site).parts[0]
        counts[first if first in LANGS[1:] else "en"] += 1
    return counts


def check_site(label: str, site: Path, some_id: str) -> None:
    """A zero exit is not enough: the Arabic page of an institution must exist."""
    page = site / "ar" / "institutions" / some_id / "index.html"
    if not page.is_file():
        fail(f"{label} build did not produce {page}")


def run_all(work: Path, args: argparse.Namespace) -> tuple[list[Run], list[Run], list[Run], Path, Path]:
    """Build ours and the baseline ``repeat`` times each, alternating."""
    n = args.institutions
    project = make_project(work / "project", n, args.seed)
    baseline = work / "baseline"
    some_id = f"inst-{n:04d}"
    ours_cmd = [python(), "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")]
    base_cmd = [python(), "-m", "mkdocs", "build", "-q", "-f", str(baseline / "mkdocs.yml")]
    # An untimed first build writes the generated pages (later builds find
    # them unchanged, as an editor's rebuild would) and gives the baseline
    # its Markdown.
    warm = timed("warm-up", ours_cmd, project, {"GUIDEBOOK_PDF": "0"})
    print(f"warm-up   {warm.seconds:7.2f} s  (ours, writes the generated pages; not counted)", flush=True)
    make_baseline(project, baseline)
    ours, base, seq = [], [], []
    for i in range(1, args.repeat + 1):
        if args.cold_cache:  # as a first build on a new machine: compress everything
            shutil.rmtree(project / ".cache", ignore_errors=True)
        ours.append(timed("ours", ours_cmd, project, {"GUIDEBOOK_PDF": "0"}))
        check_site("ours", project / "site", some_id)
        print_run(i, ours[-1])
        if args.sequential:
            seq.append(timed("ours -j1", [*ours_cmd, "--jobs", "1"], project, {"GUIDEBOOK_PDF": "0"}))
            check_site("ours -j1", project / "site", some_id)
            print_run(i, seq[-1])
        base.append(timed("baseline", base_cmd, baseline))
        check_site("baseline", baseline / "site", some_id)
        print_run(i, base[-1])
    return ours, base, seq, project / "site", baseline / "site"


def print_run(index: int, run: Run) -> None:
    print(f"run {index}  {run.label:<8}  {run.seconds:7.2f} s  peak {run.peak_mib:6.0f} MiB  "
          f"tree {run.tree_mib:6.0f} MiB", flush=True)


def summarize(label: str, runs: list[Run], site: Path) -> float:
    """Print one build's medians, pages and per-page time; return the median."""
    median = statistics.median(r.seconds for r in runs)
    pages = count_pages(site)
    total = sum(pages.values())
    per_lang = " ".join(f"{lang}={count}" for lang, count in pages.items())
    print(f"{label:<8}  median {median:7.2f} s  pages {total} ({per_lang})  "
          f"{1000 * median / max(total, 1):6.1f} ms/page  peak {max(r.peak_mib for r in runs):.0f} MiB  "
          f"tree {max(r.tree_mib for r in runs):.0f} MiB")
    return median


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, required=True)
    parser.add_argument("--repeat", "-r", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sequential", action="store_true",
                        help="also time our build on one process (--jobs 1)")
    parser.add_argument("--cold-cache", action="store_true",
                        help="empty .cache/ before each of our builds (its precompressed "
                             "copies; by default a rebuild finds the warm-up's)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this (new or empty) folder and keep it for inspection")
    args = parser.parse_args(argv)
    if args.institutions < 1 or args.repeat < 1:
        parser.error("--institutions and --repeat must be at least 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep folder {args.keep} is not empty")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work_dir, cleanup = args.keep.resolve(), None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="guidebook-bench-")
        work_dir = Path(cleanup.name)
    try:
        print(f"institutions={args.institutions} repeat={args.repeat} work={work_dir}")
        ours, base, seq, ours_site, base_site = run_all(work_dir, args)
        build_s = summarize("ours", ours, ours_site)
        if seq:
            seq_s = summarize("ours -j1", seq, ours_site)
            print(f"ours / ours -j1 = {build_s / seq_s:.2f}")
        baseline_s = summarize("baseline", base, base_site)
    finally:
        if cleanup:
            cleanup.cleanup()
    print(f"institutions={args.institutions} build_s={build_s:.2f} "
          f"baseline_s={baseline_s:.2f} ratio={build_s / baseline_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
