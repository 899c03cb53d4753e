"""The hand-over of answers from the patient's phone to the desk: the format
both ways (Python here, the page's own handover.js in Node), damaged input,
and form edits that must never make an old code read as different answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from guidebook.checks import quality
from guidebook.forms import handover
from guidebook.forms.handover import Record, Refused, decode, encode, version
from guidebook.forms.model import Form, load_forms
from tests.conftest import LANGS, ROOT

FORMS = {f.id: f for f in load_forms(ROOT / "data" / "forms", LANGS).forms}
HISTORY = FORMS["history"]
MADE = 1_765_000_000
# A realistic answer: a Mongolian patient's own words in the free-text fields.
ANSWERS = {
    "sex": "female", "height": "162", "main_problem": ["pain", "fever"],
    "complaint_words": "Гурав хоногийн өмнөөс баруун хэвлийгээр хүчтэй өвдөж, бөөлжиж байна. "
                       "Шөнө халуурч, хоол идэж чадахгүй байна.",
    "allergies": ["drug"], "drug_allergy_kinds": ["penicillin"], "allergen_names": "Пенициллин — арьсаар тууралт гарсан (2019 он)",
    "pregnant": "yes",
}


def tables(*forms: Form) -> dict[str, dict[str, dict]]:
    return {f.id: {version(f): handover.reading_table(f)} for f in forms}


def record(answers: dict = ANSWERS, form: Form = HISTORY) -> Record:
    return Record(form.id, version(form), "mn", MADE, answers)


def test_the_sample_answers_are_answers_of_the_history_form() -> None:
    assert handover._fits(ANSWERS, handover.reading_table(HISTORY))


@pytest.mark.parametrize("parts", [1, 2, 3, 4])
def test_round_trip_in_any_order(parts: int) -> None:
    fragments = encode(record(), parts)
    assert len(fragments) == parts
    assert all(f.split("/")[5] == f"{k + 1}.{parts}" for k, f in enumerate(fragments))
    got = decode(list(reversed(fragments)), tables(HISTORY))
    assert got.answers == ANSWERS and got.made == MADE and got.lang == "mn"
    # Everything after '#' is in the QR alphanumeric set (the header upper case).
    assert all(set(f) <= set(handover.ALPHABET) for f in fragments)


def test_alphabet_round_trip_and_rejects() -> None:
    data = bytes(range(256)) * 3 + b"\x07"
    assert handover.from_text(handover.to_text(data)) == data
    for bad in ("A", "ZZZ" * 2 + "Z", "a00", "%00", "/" * 3):
        with pytest.raises(ValueError):
            handover.from_text(bad)


@pytest.mark.parametrize("damage", ["truncated", "cut", "flipped", "missing part", "mixed",
                                    "garbage", "old format", "bad numbering"])
def test_damaged_codes_are_refused_in_korean(damage: str) -> None:
    [one] = encode(record())
    a, b = encode(record(), 2)
    other = encode(Record(HISTORY.id, version(HISTORY), "mn", MADE + 60, ANSWERS), 2)[1]
    flipped = one[:-12] + ("B" if one[-12] == "A" else "A") + one[-11:]
    fragments = {"truncated": [one[:-4]], "cut": [one[:-3]], "flipped": [flipped],
                 "missing part": [a], "mixed": [a, other], "garbage": ["garbage"],
                 "old format": ["1/history/mn/0:1/3:y"],
                 "bad numbering": [a.replace("/1.2/", "/3.2/"), b]}[damage]
    with pytest.raises(Refused) as refused:
        decode(fragments, tables(HISTORY))
    assert any("\uac00" <= c <= "\ud7a3" for c in str(refused.value))


def test_answers_that_do_not_fit_the_version_are_refused() -> None:
    for answers in ({"nosuch": "x"}, {"sex": "nosuchcode"}, {"main_problem": []},
                    {"main_problem": ["nosuchcode"]}, {"complaint_words": ["a", "list"]}):
        with pytest.raises(Refused):
            decode(encode(record(answers)), tables(HISTORY))


def test_the_page_script_reads_pythons_codes_and_python_reads_the_scripts(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is installed by ./dev.sh (npm); the forms' script is tested with it"
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "form": HISTORY.id, "version": version(HISTORY), "table": handover.reading_table(HISTORY),
        "answers": ANSWERS, "made": MADE, "fragments": [encode(record(), n) for n in (1, 2, 3)],
        "choice": "sex", "multi": "main_problem", "text": "complaint_words"}, ensure_ascii=False),
        encoding="utf-8")
    out = tmp_path / "js"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "handover.test.js")],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "HANDOVER_SPEC": str(spec), "HANDOVER_OUT": str(out)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 5" in result.stdout, result.stdout[-800:]
    for n in (1, 2, 3, 4):
        fragments = json.loads(Path(f"{out}.{n}").read_text(encoding="utf-8"))
        got = decode(fragments, tables(HISTORY))
        assert got.answers == ANSWERS and got.made == MADE


# ---- form edits ---------------------------------------------------------------


def edited(form: Form, edit: str) -> Form:
    """The form after an editor's change (the model re-validated)."""
    data = form.model_dump(mode="json", exclude_none=True)
    sections = data["sections"]
    items = sections[0]["items"]
    if edit == "insert item":
        items.insert(0, {"id": "new_question", "type": "yesno", "label": dict(items[0]["label"])})
    elif edit == "remove item":
        allergy = next(s for s in sections if any(i["id"] == "allergen_names" for i in s["items"]))
        allergy["items"] = [i for i in allergy["items"] if i["id"] != "allergen_names"]
    elif edit == "reorder items":  # the first section has no condition inside it
        sections[0]["items"] = items[::-1]
    elif edit == "reorder options":
        for section in sections:
            for item in section["items"]:
                item["options"] = item.get("options", [])[::-1]
    elif edit == "reword":
        items[0]["label"] = {**items[0]["label"], "ko": "성별 (여권상)"}
    elif edit == "rename option code":
        sex = next(i for i in items if i["id"] == "sex")
        sex["options"][0]["code"] = "woman"
        for section in sections:
            for item in section["items"]:
                if item.get("when", {}).get("item") == "sex":
                    item["when"]["any_of"] = ["woman" if c == "female" else c
                                              for c in item["when"]["any_of"]]
    elif edit == "retype item":
        height = next(i for i in items if i["id"] == "height")
        height.update(type="text")
        height.pop("min"), height.pop("max"), height.pop("unit")
    else:
        raise AssertionError(edit)
    for section in data["sections"]:
        for item in section["items"]:
            if not item.get("options"):
                item.pop("options", None)
    return Form.model_validate(data, context=_context())


def _context() -> dict:
    from guidebook.data.model import validation_context
    return validation_context(LANGS, ())


def korean_reading(table: dict, answers: dict) -> dict[str, str]:
    """What the reading page shows for each answer: the Korean label and answer."""
    out = {}
    for item in table["items"]:
        value = answers.get(item["id"])
        if value is None:
            continue
        options = dict(map(tuple, item.get("options", [])))
        values = value if isinstance(value, list) else [value]
        out[item["ko"]] = ", ".join(options.get(v, v) for v in values)
    return out


EDITS = ["insert item", "remove item", "reorder items", "reorder options", "reword",
         "rename option code", "retype item"]


@pytest.mark.parametrize("edit", EDITS)
def test_an_old_code_reads_as_before_or_is_refused_never_differently(tmp_path: Path,
                                                                     edit: str) -> None:
    before = HISTORY
    [old_code] = encode(record())
    expected = korean_reading(handover.reading_table(before), ANSWERS)
    after = edited(before, edit)
    keeps_meaning = edit in ("reorder items", "reorder options", "reword")
    assert (version(after) == version(before)) == keeps_meaning, edit

    # The site published `before` and recorded it; then the editor changed the form.
    forms_dir = tmp_path / "forms"
    handover.record(forms_dir, [before])
    readable = {after.id: handover.readable_versions(forms_dir, after)}
    got = decode([old_code], readable)
    table = readable[after.id][got.version]
    if edit == "reword":  # the same meaning, read with today's wording
        expected = {("성별 (여권상)" if k == "성별" else k): v for k, v in expected.items()}
    assert korean_reading(table, got.answers) == expected, edit

    # Without the recorded version, the old code of a changed form is refused.
    if not keeps_meaning:
        with pytest.raises(Refused, match="버전"):
            decode([old_code], tables(after))


def test_check_and_release_tell_an_editor_about_unrecorded_versions(tmp_path: Path) -> None:
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()
    (forms_dir / "history.yaml").write_text((ROOT / "data" / "forms" / "history.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    problems = quality.version_problems([HISTORY], forms_dir, "data/forms")
    assert [p.kind for p in problems] == ["unrecorded"]
    assert "guidebook forms-record" in problems[0].fix_en and "커밋" in problems[0].fix_ko
    handover.record(forms_dir, [HISTORY])
    assert quality.version_problems([HISTORY], forms_dir, "data/forms") == []
    changed = edited(HISTORY, "insert item")
    assert handover.unrecorded(forms_dir, [changed]) == [(changed, [version(HISTORY)])]
    # Recording keeps the old version beside the new one.
    handover.record(forms_dir, [changed])
    assert set(handover.load_archive(forms_dir, "history")) == {version(HISTORY), version(changed)}


def test_the_sample_forms_versions_are_recorded() -> None:
    assert handover.unrecorded(ROOT / "data" / "forms", list(FORMS.values())) == []


def test_the_payload_is_zlib_with_its_checksum() -> None:
    [fragment] = encode(record())
    data = handover.from_text(fragment.split("/", 6)[6])
    assert json.loads(zlib.decompress(data)) == {"a": ANSWERS}
