"""The guidebook command: check, schema."""

from __future__ import annotations

import json

from guidebook.cli.commands import main, schema_json
from tests.conftest import LANGS, FIXTURES, ROOT


def test_check_passes_on_the_sample_data(capsys) -> None:
    assert main(["check", str(ROOT / "data" / "institutions.yaml")]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_fails_with_every_error_and_no_traceback(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("category: clinic", "category: clinc")
                       .replace("phone: +82 2-2670-1234", "phone: 12"), encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "institutions[0].contact.phone" in err and "institutions[1].category" in err
    assert "2 problems in" in err and "문제가 2개" in err


def test_committed_schema_matches_the_model_and_is_referenced() -> None:
    committed = (ROOT / "data" / "institutions.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(LANGS), "run: .venv/bin/guidebook schema"
    schema = json.loads(committed)
    assert schema["properties"]["institutions"]["type"] == "array"
    first_line = (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=institutions.schema.json"
