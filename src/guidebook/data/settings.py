"""The guide's settings, read once: ``mkdocs.yml`` and the environment.

``mkdocs.yml`` is the one place that names the site languages (the i18n
plugin's ``languages``) and holds the guide's own settings under
``extra.guidebook``. This module reads both into one typed, frozen
:class:`Settings` object that the hooks and the command line build once and
hand down; nothing else in the core reads ``mkdocs.yml`` or an environment
variable. A mistake in ``extra.guidebook`` is reported like a mistake in the
data file: ``FILE:LINE:COL`` and the fix, in English and Korean.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

ENVIRONMENT = {
    "GUIDEBOOK_RELEASE": "a release build (1, true or yes), as `guidebook build --release`",
    "GUIDEBOOK_PDF": "0 turns the print PDFs off (quick previews)",
    "GUIDEBOOK_ONLY_LANG": "build or serve one language only (read by mkdocs.yml itself)",
    "SOURCE_DATE_EPOCH": "the build's reference date (reproducible builds)",
    "GUIDEBOOK_PRECOMPRESS": "0 turns the .gz/.br copies of the site's files off",
    "GUIDEBOOK_REVIEW_PNGS": "0 turns the PNG previews of the print pages off (review/)",
    "GUIDEBOOK_CACHE_DIR": "where rendered PDFs and compressed copies are kept (default: .cache/ beside mkdocs.yml)",
}


Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReleaseSettings(_Strict):
    """What a release build refuses (``extra.guidebook.release``)."""

    max_age_months: int = Field(12, ge=1, le=120,
                                description="records verified longer ago than this are stale")


class PrintSettings(_Strict):
    """The print shop's profile (``extra.guidebook.print``); paths are relative
    to mkdocs.yml. Empty paths mean the defaults drawn or shipped here."""

    enabled: bool = True
    bleed_mm: float = Field(3.0, ge=0, le=10)
    crop_marks: bool = False
    cmyk: bool = False
    leaflet_max_institutions: int = Field(18, ge=1, le=60)
    output_icc: str = Field("", description="the shop's CMYK ICC profile (empty: FOGRA39 built "
                            "from Debian's icc-profiles-free data)")
    output_condition: str = Field("FOGRA39", min_length=1, description="the printing condition's "
                                  "name in the ICC registry (JC200103 for Japan Color 2001 Coated)")
    output_condition_info: str = Field("Offset printing, ISO 12647-2, coated paper (FOGRA39)",
                                       min_length=1)
    emblem: str = Field("", description="the district's emblem or logo, SVG or PNG")
    cover_image: str = Field("", description="the cover picture, SVG or PNG")
    review_pngs: bool = True
    not_in_print: tuple[str, ...] = Field(
        (), max_length=200, description="pages of nav the printed booklet leaves out (web-only "
        "pages: the home page, downloads, search); every other page of nav is a chapter, in "
        "nav's order")


class ShareSettings(_Strict):
    """How a shared link's preview looks (``extra.guidebook.share``): Open Graph
    data and the share image (guidebook/share.py, share_image.py)."""

    # og:locale is language_TERRITORY. The territory comes from CLDR's likely
    # subtags (zh -> CN, mn -> MN); a guide whose readers of a language mostly
    # come from elsewhere names that territory here (ISO 3166-1 alpha-2).
    territories: dict[str, Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=dict, description="og:locale territory per site language, e.g. ar: SA")
    # The share image's colours: the site's primary teal and white (the
    # values of overrides/assets/guidebook.css, 7.0:1 contrast).
    background: Colour = "#00695c"
    band: Colour = "#004d40"
    foreground: Colour = "#ffffff"

    def __hash__(self) -> int:  # Settings are a cache key (site.prepare); a dict is not hashable
        return hash((tuple(sorted(self.territories.items())), self.background, self.band,
                     self.foreground))


class GuidebookSettings(_Strict):
    """``extra.guidebook`` in mkdocs.yml; paths are relative to mkdocs.yml."""

    data: str = "data/institutions.yaml"
    new_languages: tuple[str, ...] = Field(
        (), description="site languages still being translated (guidebook add-language): "
        "their missing texts fall back to the default language; a release refuses them")
    forms: str = "data/forms"
    search_words: str = "data/search-words.yaml"
    release: ReleaseSettings = ReleaseSettings()
    print: PrintSettings = PrintSettings()
    share: ShareSettings = ShareSettings()


class Settings(_Strict):
    """Everything the core needs to know about this guide and this build."""

    root: Path  # the folder of mkdocs.yml
    languages: tuple[str, ...]  # site languages, the default first
    site_url: str | None
    docs_dir: Path
    guidebook: GuidebookSettings
    release_build: bool = False
    pdf: bool = True
    precompress: bool = True
    review_pngs: bool = True  # and print.review_pngs: both must want them
    cache_root: Path | None = None  # GUIDEBOOK_CACHE_DIR; None: .cache/ beside mkdocs.yml
    source_date: _dt.date | None = None
    nav: tuple[str, ...] = ()  # the pages of mkdocs.yml's nav, in order (sections flattened)

    @property
    def chapters(self) -> tuple[str, ...]:
        """The printed booklet's chapters: the pages of nav (``before-you-travel``
        for ``before-you-travel.md``) but those ``not_in_print`` names and the
        generated directory and forms, which print in their own way."""
        left_out = set(self.guidebook.print.not_in_print)
        return tuple(page.removesuffix(".md") for page in self.nav
                     if page not in left_out and page.split("/", 1)[0] not in GENERATED_FOLDERS)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def data_file(self) -> Path:
        return self.root / self.guidebook.data

    @property
    def forms_dir(self) -> Path:
        return self.root / self.guidebook.forms

    @property
    def search_words_file(self) -> Path:
        return self.root / self.guidebook.search_words

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def reference_date(self) -> _dt.date:
        """The day the build compares dates with: SOURCE_DATE_EPOCH's, else today."""
        return self.source_date or _dt.date.today()

    @property
    def cache_dir(self) -> Path:
        """Where rendered PDFs and compressed copies are kept by the hash of what
        they are made from (entries are keyed by content, so projects may share one)."""
        return self.cache_root or self.root / ".cache"

    @property
    def review_dir(self) -> Path:
        """PNG previews of every print page, beside site/ (never published)."""
        return self.root / "review"

    @property
    def make_pdfs(self) -> bool:
        return self.pdf and self.guidebook.print.enabled


class SettingsError(Exception):
    """mkdocs.yml cannot be used; ``str()`` is the bilingual report with lines."""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (``!ENV``, ``!!python/...``): keep them
    as plain values, they are MkDocs' business, not ours."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes")


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SITE_URL = re.compile(rf"https?://(?:{_LABEL}\.)*{_LABEL}(?::\d{{1,5}})?(?:/[A-Za-z0-9._~%/-]*)?")


def _absolute_http(url: object) -> bool:
    """Whether ``site_url`` is an absolute http(s) address the pages can
    carry as it is: a host name (ASCII, punycode for others) with an optional
    port and path; no user name, query, fragment, space or quote, since the
    theme prints it into attributes unescaped.

    >>> [_absolute_http(u) for u in ("https://a.example/x/", "http://localhost:8000", "javascript:alert(1)",
    ...                              "/x/", "http:// a", 'https://a.example/"><script>', "https://u:p@a.example/",
    ...                              "https://a.example/\\n", "https://a.example/?q=1", 42)]
    [True, True, False, False, False, False, False, False, False, False]
    """
    return isinstance(url, str) and _SITE_URL.fullmatch(url) is not None


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data; a slip in it is reported like one in the
    data file (the line, the character, the fix, in English and Korean)."""
    from guidebook.data.load import LoadError
    from guidebook.data.syntax import explain, prescan

    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(LoadError(str(config_file), 1, 1, "", "cannot read the settings file "
                                      f"({getattr(exc, 'strerror', None) or 'not UTF-8 text'})",
                                      "설정 파일을 읽을 수 없습니다", "check the file name given with -f",
                                      "-f로 준 파일 이름을 확인하세요").format()) from None
    slip = prescan(text)
    if slip is None:
        try:
            data = yaml.load(text, Loader=_TolerantLoader)
        except yaml.MarkedYAMLError as exc:
            slip = explain(exc, text)
        except yaml.YAMLError:
            data = None
    if slip is not None:
        raise SettingsError(LoadError(str(config_file), slip.line, slip.column, "", slip.en, slip.ko,
                                      slip.fix_en, slip.fix_ko).format()) from None
    return data if isinstance(data, dict) else {}


# Folders of content/ the build writes from the data (web.render.GENERATED_DIR,
# build.pages' forms): listed in nav, never a printed chapter.
GENERATED_FOLDERS = ("institutions", "forms")


def nav_pages(nav: object) -> tuple[str, ...]:
    """The Markdown pages of a MkDocs ``nav``, in order: sections flattened,
    titles and links to other sites dropped.

    >>> nav_pages(["index.md", {"Care": ["a.md", {"B": "b.md"}]}, {"Map": "https://x.org/"}])
    ('index.md', 'a.md', 'b.md')
    """
    if isinstance(nav, str):
        return (nav,) if nav.endswith(".md") and "://" not in nav else ()
    if isinstance(nav, dict):
        return tuple(page for value in nav.values() for page in nav_pages(value))
    if isinstance(nav, list):
        return tuple(page for item in nav for page in nav_pages(item))
    return ()


def site_languages(config: Mapping[str, Any], config_file: Path | str = "mkdocs.yml") -> tuple[str, ...]:
    """The i18n plugin's languages, the default one first.

    >>> site_languages({"plugins": [{"i18n": {"languages": [
    ...     {"locale": "zh"}, {"locale": "en", "default": True}]}}]})
    ('en', 'zh')
    """
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            codes = [str(e["locale"]) for e in entries if isinstance(e, dict) and "locale" in e]
            defaults = [str(e["locale"]) for e in entries if isinstance(e, dict) and e.get("default")]
            if codes:
                first = defaults[0] if defaults else codes[0]
                return (first, *[c for c in codes if c != first])
    raise SettingsError(f"{config_file}: the i18n plugin lists no languages (plugins: - i18n: "
                        f"languages:). i18n 플러그인에 언어 목록(languages)이 없습니다.")


def load_settings(config_file: Path | str, environ: Mapping[str, str] | None = None,
                  *, release: bool | None = None) -> Settings:
    """The settings of the guide whose MkDocs configuration is ``config_file``,
    with the build's environment (``environ``, else the process's) applied."""
    from guidebook.data.load import load_model  # the loader reports mistakes with their lines

    environ = os.environ if environ is None else environ
    config_file = Path(config_file)
    config = read_config(config_file)
    loaded = load_model(config_file, GuidebookSettings, subtree=("extra", "guidebook"))
    if not loaded.ok:
        head = (f"{len(loaded.errors)} problem(s) in the guide's settings (extra.guidebook). "
                f"설정(extra.guidebook)에 문제가 {len(loaded.errors)}개 있습니다.")
        raise SettingsError(head + "\n" + "\n".join(e.format() for e in loaded.errors))
    epoch = environ.get("SOURCE_DATE_EPOCH")
    root = config_file.resolve().parent
    languages = site_languages(config, config_file)
    strays = [c for c in loaded.value.new_languages if c not in languages]
    if strays:
        raise SettingsError(f"{config_file}: extra.guidebook.new_languages names {', '.join(strays)}, "
                            f"which the i18n plugin's languages do not list. Fix: add it there or "
                            f"remove it here (guidebook add-language / remove-language). "
                            f"new_languages의 {', '.join(strays)}은(는) i18n 언어 목록에 없습니다.")
    site_url = config.get("site_url") or None
    if site_url is not None and not _absolute_http(site_url):
        from guidebook.data.load import LoadError
        line = next((n for n, row in enumerate(config_file.read_text(encoding="utf-8").splitlines(),
                                               start=1) if row.startswith("site_url")), 1)
        raise SettingsError(LoadError(
            str(config_file), line, 1, "site_url",
            f"{str(site_url)[:80]!r} is not an absolute http(s) address",
            f"{str(site_url)[:80]!r}은(는) http(s)로 시작하는 전체 주소가 아닙니다",
            "write the guide's address with https://, e.g. site_url: https://www.ydp.go.kr/medical-guide/ "
            "(a host name, then letters, digits and - . _ ~ % / only: no spaces, quotes, user name, "
            "? or #)", "https://로 시작하는 안내서 주소를 쓰세요. 예: site_url: "
            "https://www.ydp.go.kr/medical-guide/ (호스트 이름 뒤에는 영문자, 숫자, - . _ ~ % /만 "
            "씁니다. 빈칸, 따옴표, 사용자 이름, ?, #는 쓸 수 없습니다)"
        ).format())
    return Settings(
        root=root,
        languages=languages,
        site_url=site_url,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        guidebook=loaded.value,
        release_build=_truthy(environ.get("GUIDEBOOK_RELEASE")) if release is None else release,
        pdf=environ.get("GUIDEBOOK_PDF", "1").strip() != "0",
        precompress=environ.get("GUIDEBOOK_PRECOMPRESS", "1").strip().lower() not in ("0", "false", "no"),
        review_pngs=environ.get("GUIDEBOOK_REVIEW_PNGS", "1").strip().lower() not in ("0", "false", "no"),
        cache_root=Path(environ["GUIDEBOOK_CACHE_DIR"]).resolve() if environ.get("GUIDEBOOK_CACHE_DIR") else None,
        source_date=(_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
                     if epoch else None),
        nav=nav_pages(config.get("nav")),
    )


def quiet_mkdocs() -> None:
    """MkDocs 1.6 prints a notice about MkDocs 2 on every build unless this
    variable is set; the guide's own commands don't want it in their output."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
