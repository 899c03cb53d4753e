"""Release checks, coverage, and the loader's refusal of hostile input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebook.checks import coverage
from guidebook.checks import quality
from guidebook.cli.commands import main
from guidebook.data.load import Loaded, load_bytes, load_file
from guidebook.data.settings import load_settings
from tests.conftest import LANGS, FIXTURES, ROOT

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset  # verified 2026-03-09 / 2026-01-15
POLICY = quality.Policy(max_age_months=12)


def test_reference_date_comes_from_source_date_epoch() -> None:
    settings = load_settings(ROOT / "mkdocs.yml", {"SOURCE_DATE_EPOCH": "1767225600"})
    assert settings.reference_date == dt.date(2026, 1, 1)
    assert load_settings(ROOT / "mkdocs.yml", {}).reference_date == dt.date.today()


def test_stale_records_and_ended_partners() -> None:
    eye, clinic, hotel = DATA.institutions
    assert not quality.is_stale(clinic, dt.date(2027, 1, 15), POLICY)
    assert quality.is_stale(clinic, dt.date(2027, 1, 16), POLICY)
    assert not quality.has_ended(eye, dt.date(2027, 12, 31))
    assert quality.has_ended(eye, dt.date(2028, 1, 1))  # partner: to 2027-12-31
    kept = quality.publishable(DATA, dt.date(2028, 1, 1))
    assert [i.id for i in kept.institutions] == ["test-clinic", "test-hotel"]
    assert quality.publishable(DATA, dt.date(2026, 6, 1)) is DATA


def test_data_problems_name_what_a_release_refuses() -> None:
    loaded = load_file(FIXTURES / "institutions.yaml", LANGS)
    problems = [p for p in quality.data_problems(DATA, dt.date(2028, 1, 1), POLICY, loaded.marks)
                if p.kind != "trust"]  # tests/unit/test_trust.py
    assert [(p.kind, p.where) for p in problems] == [
        ("sample", "sample"),
        ("ended", "institutions[0].partner.to"),
        ("stale", "institutions[1].last_verified"),
        ("stale", "institutions[2].last_verified"),
    ]
    assert "2026-01-15" in problems[2].en and "12개월" in problems[2].ko
    lines = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8").splitlines()
    for problem, value in zip(problems, ("true", "2027-12-31", "2026-01-15", "")):
        assert problem.file == "data/institutions.yaml" and problem.fix_en and problem.fix_ko
        assert lines[problem.line - 1][problem.column - 1:].startswith(value), problem.format()
    fresh = DATA.model_copy(update={"sample": False})
    assert [p for p in quality.data_problems(fresh, dt.date(2026, 6, 1), POLICY) if p.kind != "trust"] == []


def page(docs: Path, name: str, review: str | None = None) -> None:
    head = f"---\ntranslation_review: {review}\n---\n" if review else ""
    (docs / name).write_text(head + "# T\n", encoding="utf-8")


def test_page_problems_unreviewed_and_untranslated(tmp_path: Path) -> None:
    page(tmp_path, "a.en.md", "source")
    for lang in ("zh", "mn", "ru"):
        page(tmp_path, f"a.{lang}.md", "reviewed")
    page(tmp_path, "b.en.md")  # English is the source: needs no review
    for lang in ("zh", "mn", "ru", "ar"):
        page(tmp_path, f"b.{lang}.md", "unreviewed" if lang == "zh" else "reviewed")
    (tmp_path / "institutions").mkdir()
    page(tmp_path / "institutions", "x.zh.md")  # generated: not an editor's page
    problems = quality.page_problems(tmp_path, LANGS)
    assert [(p.kind, p.where) for p in problems] == [("untranslated", "a.ar.md"),
                                                    ("unreviewed", "translation_review")]
    assert problems[1].format().startswith(f"{tmp_path.name}/b.zh.md:2:1: translation_review:")


def test_broken_links_are_found(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a> <a href="../missing/">x</a> <a href="https://x.org/">ext</a>'
        '<a href="#top">top</a> <img src="../img.png"> <a href="mailto:a@b.c">m</a>'
        '<link rel="stylesheet" href="/assets/site.css">', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text("<p>b</p>", encoding="utf-8")
    problems = quality.broken_links(tmp_path)
    assert [p.en for p in problems] == ["broken link to '../missing/'", "broken link to '../img.png'",
                                        "broken link to '/assets/site.css'"]


def test_coverage_counts_summaries_pages_and_strings(tmp_path: Path) -> None:
    page(tmp_path, "a.en.md", "source")
    page(tmp_path, "a.zh.md", "unreviewed")
    report = coverage.report(DATA, tmp_path, ROOT / "translations")
    assert report["en"]["summaries"]["done"] == 1 and report["ru"]["summaries"]["done"] == 1
    assert report["zh"]["summaries"]["missing"] == ["test-eye-hospital", "test-clinic", "test-hotel"]
    assert report["zh"]["pages"]["percent"] == 100.0
    assert report["zh"]["reviewed_pages"]["missing"] == ["a"]
    assert report["mn"]["pages"]["missing"] == ["a"]
    assert report["ar"]["strings"]["percent"] == 100.0
    assert "zh summaries missing (소개 없음, 3): test-eye-hospital" in coverage.format_report(report)


def test_coverage_command_prints_json(tmp_path: Path, capsys) -> None:
    assert main(["coverage", str(FIXTURES / "institutions.yaml"), "--docs-dir", str(tmp_path),
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"en", "zh", "mn", "ru", "ar"}
    assert data["ru"]["summaries"] == {"done": 1, "total": 3, "percent": 33.3,
                                       "missing": ["test-clinic", "test-hotel"]}


def test_a_huge_file_is_refused_before_parsing() -> None:
    result = load_bytes(b"sample: true\nx: '" + b"a" * (10 * 1024 * 1024) + b"'\n", "<data>", LANGS)
    assert [e.en for e in result.errors] == ["the file is larger than 5 MB"]


yaml_text = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_dataset_or_errors(text: str) -> None:
    result = load_bytes(text.encode("utf-8", "surrogatepass"), "x.yaml", LANGS)
    assert isinstance(result, Loaded) and (result.ok or result.errors)


@settings(max_examples=300, deadline=None)
@given(yaml_text)
def test_any_yaml_structure_gives_a_dataset_or_errors(value: object) -> None:
    import yaml

    doc = {"sample": True, "institutions": [value], "district": value}
    result = load_bytes(yaml.safe_dump(doc, allow_unicode=True).encode(), "x.yaml", LANGS)
    assert isinstance(result, Loaded) and not result.ok and result.errors
    for error in result.errors:
        assert error.line >= 1 and error.en and error.ko


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_dataset_or_errors(raw: bytes) -> None:
    result = load_bytes(raw, "x.yaml", LANGS)
    assert isinstance(result, Loaded) and (result.ok or result.errors)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    for raw in (b"[" * 5000 + b"]" * 5000, b"a:\n" + b"  - " * 3000 + b"x", b"{" * 5000):
        result = load_bytes(raw, "x.yaml", LANGS)
        assert ["nests more than" in e.en for e in result.errors] == [True]


def test_preview_summary_counts_long_lists() -> None:
    problems = [quality.Problem("sample", "data", "sample data", "샘플")] + [
        quality.Problem("unreviewed", f"p{i}.zh.md", "not reviewed", "검수 안 됨") for i in range(5)]
    lines = quality.summarized(problems)
    assert lines[0].startswith("data: sample data")
    assert lines[1].startswith("5 page translations are not reviewed yet") and len(lines) == 2
    assert len(quality.summarized(problems[:3])) == 3  # few: each on its own


def test_coverage_has_korean_headers_and_lists_everything(tmp_path: Path) -> None:
    for n in range(15):
        page(tmp_path, f"p{n:02}.en.md", "source")
    text = coverage.format_report(coverage.report(DATA, tmp_path, ROOT / "translations"))
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["lang", "names", "summaries"]
    assert lines[1].split()[:3] == ["언어", "이름", "소개"]
    missing = next(line for line in lines if line.startswith("zh pages missing"))
    assert "(페이지 없음, 15)" in missing and "p14" in missing and "more" not in missing
    short = coverage.format_report(coverage.report(DATA, tmp_path, ROOT / "translations"), limit=12)
    assert "(+3 more, --all lists them; 3개 더)" in short


def test_coverage_of_a_missing_folder_is_an_error(tmp_path: Path, capsys) -> None:
    assert main(["coverage", "--docs-dir", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nowhere'}:1:1: docs_dir: the content folder does not exist" in err
    assert "100%" not in err


def test_names_not_yet_translated_are_each_refused_at_their_line() -> None:
    text = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8")
    text = text.replace("name: {ko: 테스트안과병원, en: Test Eye Hospital, zh: 测试眼科医院, "
                        "mn: Тест нүдний эмнэлэг, ru: Тестовая глазная больница, "
                        "ar: مستشفى الاختبار للعيون}", "name: {ko: 테스트안과병원, en: Test Eye Hospital}")
    text = text.replace(", ar: مكتب مساعدة الاختبار}", "}")  # the help desk's Arabic
    loaded = load_bytes(text.encode("utf-8"), "data/institutions.yaml", LANGS)
    assert loaded.ok, [e.format() for e in loaded.errors]
    problems = quality.name_problems(loaded.dataset, loaded.marks)
    assert [(p.kind, p.where) for p in problems] == [
        ("untranslated_name", "district.help_desk.name"),
        ("untranslated_name", "institutions[0].name")]
    desk, eye = problems
    assert desk.en.startswith("the name at district.help_desk.name has no name in ar:")
    assert "'test-eye-hospital' has no name in zh, mn, ru, ar" in eye.en
    assert "'zh:', 'mn:', 'ru:', 'ar:'" in eye.fix_en and "번역되지 않아" in eye.ko
    lines = text.splitlines()
    assert lines[eye.line - 1][eye.column - 1:].startswith("{ko: 테스트안과병원"), eye.format()
    assert quality.ROLE_OF[eye.kind] == "translator"
    # A language still being translated is refused as a whole (language_problems), not per name.
    assert [p.where for p in quality.name_problems(loaded.dataset, loaded.marks, skip=("zh", "mn", "ru", "ar"))] == []
    assert quality.name_problems(DATA) == []
