"""``guidebook build``: the five language sites built in parallel processes.

mkdocs-static-i18n builds the default language and then, from its post-build
event, every other language one after the other, on one core. That path stays
as it is for ``mkdocs build`` and ``mkdocs serve``. Here instead:

1. the config event runs once in this process: the data is validated, the
   catalogs compiled and the generated pages written, before any fork;
2. forked workers each build whole languages, one at a time, taken from a
   shared queue: the default language into the staging folder, every other
   language into a folder of its own (a language build also copies the
   theme's files, which would collide);
3. each other language's ``<lang>/`` folder is moved into the staging folder;
4. the post-build event runs once for the whole site (PDFs, 404 pages,
   sitemap, search index, link check), with ``site.ALL_LANGUAGES_BUILT`` set.

The i18n plugin still knows all the languages in every worker, so each page's
alternates and language switcher are those of a sequential build; the output
is the same, byte for byte (tests/website/test_parallel.py).

Unlike the rest of the core this module uses MkDocs; only ``cmd_build``
imports it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, MkDocsException

from guidebook.build.prepare import ALL_LANGUAGES_BUILT, SITEMAP_ENTRIES
from guidebook.common.workers import available_cpus, can_fork, forked_pool, interrupts_held, received

__all__ = ["available_cpus", "build_site", "workers_for"]

log = logging.getLogger("mkdocs.guidebook.parallel")

WORKER_DIED = ("A language build process ended without a result (out of memory?); "
               "try `guidebook build --jobs 1`. 언어별 빌드 프로세스가 결과 없이 끝났습니다"
               "(메모리 부족일 수 있습니다). `guidebook build --jobs 1`로 다시 해 보세요.")

def workers_for(config: MkDocsConfig, jobs: int) -> int:
    """How many worker processes to use; 1 means the i18n plugin's own
    sequential build (one language, one CPU, no fork, or threads running:
    forking a threaded process could deadlock)."""
    languages = config.plugins["i18n"].build_languages
    if jobs < 2 or len(languages) < 2 or not can_fork():
        return 1
    return min(jobs, len(languages))


def build_site(config: MkDocsConfig, jobs: int) -> None:
    """Build every language of ``config`` into ``config.site_dir`` (a new,
    empty folder), on ``jobs`` processes. Raises MkDocs' Abort on failure,
    as ``mkdocs.commands.build.build`` does."""
    workers = workers_for(config, jobs)
    if workers == 1:
        build(config)
        return
    site_dir = Path(config.site_dir)
    i18n = config.plugins["i18n"]
    languages: list[str] = list(i18n.build_languages)
    with _strict(config):
        config = config.plugins.on_config(config)  # validate, write the generated pages
    if not can_fork():  # something left a thread running: do not fork
        build(config)
        return
    i18n.building = True  # the i18n plugin's post-build loop must not run
    work = Path(tempfile.mkdtemp(prefix=".site-work-", dir=site_dir.parent))
    try:
        entries = {}
        # Each worker gets the prepared configuration at fork, not pickled.
        with forked_pool(workers, config) as pool:
            futures = []
            try:
                with interrupts_held():  # the workers are forked by the first submit
                    futures = [pool.submit(_build_language, site_dir, work, lang)
                               for lang in languages]
                for future in as_completed(futures):
                    lang, error, recorded = future.result()
                    if error is not None:  # MkDocs has logged why, in the worker
                        raise Abort(error)
                    entries[lang] = recorded
            except BrokenProcessPool:
                raise Abort(WORKER_DIED) from None
            except KeyboardInterrupt:
                # Ctrl-C reaches the parent alone (the workers ignore it): stop
                # the workers now rather than wait for their languages.
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
                raise
            finally:
                for future in futures:
                    future.cancel()  # the languages not started yet
        for lang in languages:
            if lang != i18n.default_language:
                (work / lang / lang).rename(site_dir / lang)
        log.info(f"Built {len(languages)} languages on {workers} processes")
        config.extra[SITEMAP_ENTRIES] = {lang: entries[lang] for lang in languages}
        config.extra[ALL_LANGUAGES_BUILT] = True
        with _strict(config):
            config.plugins.on_post_build(config=config)
    finally:
        i18n.building = False
        shutil.rmtree(work, ignore_errors=True)


def _build_language(site_dir: Path, work: Path, lang: str) -> tuple[str, str | None, list]:
    """In a worker: build ``lang`` alone, the default language into
    ``site_dir``, another into ``work/<lang>``. Returns the language, the
    error (or None) and its sitemap entries."""
    config = received()
    assert config is not None
    i18n = config.plugins["i18n"]
    # Every output folder is new, and the staging folder must keep what the
    # other languages move into it: nothing to clean. MkDocs' supported way
    # to skip the cleaning, build(dirty=True), also logs a warning that
    # strict mode turns into a failure and skips unchanged pages, so this
    # worker process (and only it) replaces the cleaning function instead.
    mkdocs_utils.clean_directory = lambda path: None
    config["site_dir"] = str(site_dir if lang == i18n.default_language else work / lang)
    i18n.current_language = lang
    try:
        build(config)
    except MkDocsException as exc:
        return lang, str(exc), []
    return lang, None, config.extra[SITEMAP_ENTRIES][lang]


class _strict:
    """What ``build()`` does around its events: a warning fails a strict
    build, and a plugin's error is logged and ends it."""

    def __init__(self, config: MkDocsConfig):
        self.config = config
        self.counter = mkdocs_utils.CountHandler()
        self.counter.setLevel(logging.WARNING)
        self.logger = logging.getLogger("mkdocs")

    def __enter__(self) -> None:
        if self.config.strict:
            self.logger.addHandler(self.counter)

    def __exit__(self, kind, error, traceback) -> bool:  # noqa: ANN001
        self.logger.removeHandler(self.counter)
        if isinstance(error, BuildError):
            self.config.plugins.on_build_error(error=error)
            self.logger.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        if error is None and (counts := self.counter.get_counts()):
            message = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {message} in strict mode!")
        return False
