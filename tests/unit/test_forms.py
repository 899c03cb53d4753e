"""Form definitions in -> forms or errors out, with lines; the sample forms are complete."""

from __future__ import annotations

import textwrap
from pathlib import Path

from guidebook.checks import quality
from guidebook.cli.commands import schema_json
from guidebook.forms.model import YES_NO_CODES, YES_NO_KO, Form, load_forms
from tests.conftest import LANGS, ROOT

FORMS = ROOT / "data" / "forms"
T = "{ko: 가, en: A, zh: 甲, mn: А, ru: А, ar: أ}"


def write_form(folder: Path, body: str, name: str = "f") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_sample_forms_load_and_every_answer_reads_in_korean_and_every_language() -> None:
    loaded = load_forms(FORMS, LANGS)
    assert loaded.ok, [e.format() for e in loaded.errors]
    by_id = {f.id: f for f in loaded.forms}
    assert set(by_id) == {"registration", "history"}
    assert len(by_id["registration"].items) >= 15 and len(by_id["history"].items) >= 20
    for form in loaded.forms:
        for item in form.items:
            for text in (item.label, *(o.label for o in item.options)):
                assert all(text.get(lang, "").strip() for lang in ("ko", *LANGS)), (form.id, item.id)
    assert set(YES_NO_KO) == set(YES_NO_CODES)
    history = by_id["history"]
    pregnancy = next(i for i in history.items if i.id.startswith("pregnan"))
    assert pregnancy.when is not None and pregnancy.when.item == "sex"


def test_broken_forms_give_every_problem_with_its_line(tmp_path: Path) -> None:
    write_form(tmp_path, f"""\
        id: f
        title: {T}
        review: {{ko: source, en: source, zh: reviewed, mn: reviewed, ru: reviewed, ar: reviewd}}
        sections:
          - id: s
            title: {T}
            items:
              - id: smoker
                type: yesno
                label: {T}
              - id: per_day
                type: numbr
                label: {T}
              - id: pick
                type: choice
                label: {T}
                options:
                  - {{code: a, label: {T}}}
        """)
    write_form(tmp_path, f"""\
        id: g
        title: {{ko: 가, en: A, zh: 甲, mn: А, ru: А}}
        review: {{ko: source, en: source, zh: reviewed, mn: reviewed, ru: reviewed, ar: reviewed}}
        sections:
          - id: s
            title: {T}
            items:
              - id: only
                type: text
                label: {T}
        """, "g")
    write_form(tmp_path, f"""\
        id: h
        title: {T}
        review: {{ko: source, en: source, zh: reviewed, mn: reviewed, ru: reviewed, ar: reviewed}}
        sections:
          - id: s
            title: {T}
            items:
              - id: later
                type: text
                label: {T}
                when: {{item: smoker, any_of: ["yes"]}}
        """, "h")
    errors = load_forms(tmp_path, LANGS).errors
    found = {(Path(e.file).name, e.line, e.path) for e in errors}
    assert ("f.yaml", 3, "review.ar") in found  # 'reviewd' is not a status
    assert ("f.yaml", 12, "sections[0].items[1].type") in found
    assert any(e.path == "sections[0].items[2].options" and "two options" in e.en for e in errors)
    assert ("g.yaml", 2, "title.ar") in found
    later = next(e for e in errors if e.path.endswith("when.item"))
    assert (Path(later.file).name, later.line) == ("h.yaml", 11)
    assert "'smoker' is not an earlier item" in later.en and later.ko and later.fix_ko
    assert all(e.format().count(":") >= 4 for e in errors)


def test_a_condition_names_an_answer_the_item_has(tmp_path: Path) -> None:
    write_form(tmp_path, f"""\
        id: f
        title: {T}
        review: {{ko: source, en: source, zh: reviewed, mn: reviewed, ru: reviewed, ar: reviewed}}
        sections:
          - id: s
            title: {T}
            items:
              - id: smoker
                type: yesno
                label: {T}
              - id: per_day
                type: number
                label: {T}
                when: {{item: smoker, any_of: [maybe]}}
        """)
    (error,) = load_forms(tmp_path, LANGS).errors
    assert error.path == "sections[0].items[1].when.any_of"
    assert "allowed: yes, no, unsure" in error.fix_en


def test_unreviewed_medical_wording_is_a_release_problem() -> None:
    forms = load_forms(FORMS, LANGS).forms
    problems = quality.form_problems(forms, FORMS)
    assert {p.kind for p in problems} == {"unreviewed"}
    assert {p.file for p in problems} == {"forms/history.yaml", "forms/registration.yaml"}
    assert any("review.mn" in p.en for p in problems)
    mn = next(p for p in problems if p.where == "review.mn" and p.file == "forms/history.yaml")
    lines = (FORMS / "history.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[mn.line - 1].strip().startswith("mn:") and "review" in "".join(lines[:mn.line])
    assert "reviewed" in mn.fix_en and mn.format().startswith(f"forms/history.yaml:{mn.line}:1: review.mn:")


def test_committed_form_schema_matches_the_model() -> None:
    committed = (ROOT / "data" / "form.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(LANGS, Form, "Guidebook medical form"), \
        "run: .venv/bin/guidebook schema"
    for path in FORMS.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../form.schema.json")
