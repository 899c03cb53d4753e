"""``guidebook`` command line: check the data, write its JSON Schema, build the sites.

Exit codes: 0 success, 1 the input has problems (reported, no traceback),
2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from pydantic import BaseModel

from guidebook.forms.model import Form
from guidebook.data.load import load_file
from guidebook.checks.quality import summarized
from guidebook.data.model import Dataset
from guidebook.common.i18n import use_catalogs
from guidebook.data.settings import Settings, SettingsError, load_settings, quiet_mkdocs

DEFAULT_CONFIG = Path("mkdocs.yml")
SCHEMA_NAME = "institutions.schema.json"
FORM_SCHEMA_NAME = "form.schema.json"  # beside the forms folder, for data/forms/*.yaml


def _display_path(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config_file, release=getattr(args, "release", None) or None)
    use_catalogs(settings.translations_dir)  # every gettext lookup of the command reads these
    return settings


def _data_path(args: argparse.Namespace, settings: Settings) -> Path:
    return _display_path(Path(args.file) if args.file else settings.data_file)


def _report(errors: list, release: bool = False) -> None:
    """Every problem (English line, Korean line), then a count per language."""
    for error in errors:
        print(error.format(), file=sys.stderr)
    _report_count(errors, release)


def _report_count(errors: list, release: bool = True) -> None:
    count = len(errors)
    files = sorted({e.file for e in errors if e.file})
    where = ", ".join(files[:4]) + (f" and {len(files) - 4} more files" if len(files) > 4 else "")
    where_ko = ", ".join(files[:4]) + (f" 외 {len(files) - 4}개 파일" if len(files) > 4 else "")
    kind_en = "reason a release is refused" if release else "problem"
    kind_ko = "배포를 막는 문제" if release else "문제"
    print(f"\n{count} {kind_en.replace('reason', 'reasons') if release and count != 1 else kind_en}"
          f"{'s' if count != 1 and not release else ''} in {where}. "
          f"{where_ko}에 {kind_ko}가 {count}개 있습니다.", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything the build reads (with FILE: that data file alone);
    with --release, also everything a release refuses. Every problem at once."""
    from guidebook.checks.inputs import check_all
    from guidebook.build.prepare import release_problems

    settings = _settings(args)
    if args.file:
        path = _data_path(args, settings)
        loaded = load_file(path, settings.languages)
        if loaded.errors:
            _report(list(loaded.errors))
            return 1
        n = len(loaded.dataset.institutions)
        print(f"{path}: OK, {n} institutions. 문제 없음, 기관 {n}곳.")
        return 0
    checked = check_all(settings)
    if checked.errors:
        _report(sorted(checked.errors, key=lambda e: (e.file, e.line, e.column)))
        return 1
    n, f = len(checked.data.dataset.institutions), len(checked.forms)
    print(f"{_display_path(settings.data_file)}: OK, {n} institutions. 문제 없음, 기관 {n}곳.")
    print(f"{_display_path(settings.forms_dir)}: OK, {f} forms. 문제 없음, 서식 {f}개.")
    print(f"{_display_path(settings.docs_dir)}, {_display_path(settings.translations_dir)}: OK. "
          "페이지와 번역 카탈로그 문제 없음.")
    _version_notes(settings, checked.forms)
    refused = release_problems(settings, checked.data, checked.forms)
    if args.release:
        if refused:
            from guidebook.checks.quality import by_role

            print(by_role(refused), file=sys.stderr)
            _report_count(refused)
            print("Release refused: fix these, then run guidebook check --release again. "
                  "배포할 수 없습니다. 위의 문제를 고친 뒤 다시 검사하세요.", file=sys.stderr)
            return 1
        print("Release check: OK, nothing a release refuses (links between built pages are "
              "checked by guidebook build --release). 배포 검사: 문제 없음.")
        return 0
    if refused:
        print(f"\nA preview builds; a release would refuse {len(refused)} thing(s) "
              f"(guidebook check --release lists each with its line). 미리보기는 만들어지지만 "
              f"배포는 {len(refused)}가지 이유로 거부됩니다 (guidebook check --release로 줄 번호와 "
              "함께 확인).")
        for line in summarized(refused):
            print("  " + line.replace("\n", "\n  "))
    return 0


def _version_notes(settings: Settings, forms: tuple) -> None:
    """Say when a form edit changed what its answers mean: the codes made
    before are read with the version they were made with, if it is recorded."""
    from guidebook.forms import handover

    for form, recorded in handover.unrecorded(settings.forms_dir, forms):
        shown = _display_path(settings.forms_dir / f"{form.id}.yaml")
        if recorded:
            print(f"{shown}: the answers of this form now mean something other than in its recorded "
                  f"version(s) {', '.join(recorded)}: QR codes made before the change are read with "
                  f"the version they were made with; record the new version {handover.version(form)} "
                  "with 'guidebook forms-record' before publishing.\n"
                  f"  {shown}: 이 서식의 답변 구성이 기록된 버전({', '.join(recorded)})과 달라졌습니다. "
                  "수정 전에 만든 QR 코드는 만든 때의 버전으로 읽습니다. 게시 전에 "
                  f"'guidebook forms-record'로 새 버전 {handover.version(form)}을(를) 기록하세요.")
        else:
            print(f"{shown}: no version of this form is recorded yet; run 'guidebook forms-record'.\n"
                  f"  {shown}: 이 서식의 버전이 아직 기록되지 않았습니다. 'guidebook forms-record'를 "
                  "실행하세요.")


def cmd_forms_record(args: argparse.Namespace) -> int:
    """Record each form's current version, so the codes made with it stay readable."""
    from guidebook.checks.inputs import check_all
    from guidebook.forms import handover

    settings = _settings(args)
    checked = check_all(settings)
    if checked.errors:
        _report(sorted(checked.errors, key=lambda e: (e.file, e.line, e.column)))
        return 1
    written = handover.record(settings.forms_dir, checked.forms)
    for path in written:
        print(f"{_display_path(path)}: recorded. 기록했습니다.")
    if not written:
        print("Every form's version is recorded. 모든 서식의 버전이 이미 기록되어 있습니다.")
    return 0


def schema_json(languages: tuple[str, ...], model: type[BaseModel] = Dataset,
                title: str = "Guidebook institutions data file",
                new_languages: tuple[str, ...] = ()) -> str:
    """The JSON Schema of a data file (the institutions, or a form), for
    editors' YAML language servers, with the site ``languages`` as the keys of
    every per-language text."""
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    for definition in schema.get("$defs", {}).values():
        kind = definition.pop("x-guidebook-languages", None)
        if kind is None:
            continue
        keys = ("ko", *languages) if kind.startswith("ko+") else languages
        value = definition.pop("additionalProperties", {})
        definition["properties"] = {key: value for key in keys}
        definition["additionalProperties"] = False
        if kind == "ko+all":
            definition["required"] = [key for key in keys if key not in new_languages]
        elif kind == "ko+default":  # the other languages before a release (quality.name_problems)
            definition["required"] = ["ko", languages[0]]
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out = Path(args.output) if args.output else settings.data_file.parent / SCHEMA_NAME
    new = settings.guidebook.new_languages
    out.write_text(schema_json(settings.languages, new_languages=new), encoding="utf-8")
    print(f"wrote {out}")
    forms_out = settings.forms_dir.parent / FORM_SCHEMA_NAME
    forms_out.write_text(schema_json(settings.languages, Form, "Guidebook medical form", new),
                         encoding="utf-8")
    print(f"wrote {forms_out}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Per language: what is missing or unreviewed (text, or JSON with --json)."""
    from guidebook.checks.coverage import format_report, report

    from guidebook.checks.inputs import check_all

    settings = _settings(args)
    if args.docs_dir:  # another folder of pages (print texts are the build's business)
        settings = settings.model_copy(update={"docs_dir": Path(args.docs_dir), "pdf": False})
    if args.file:
        settings = settings.model_copy(update={"root": Path.cwd(), "guidebook": settings.guidebook.model_copy(
            update={"data": str(Path(args.file).resolve())})})
    # a page it cannot read would be counted wrong: say why
    checked = check_all(settings, confine_paths=not (args.docs_dir or args.file))
    if checked.errors:
        _report(sorted(checked.errors, key=lambda e: (e.file, e.line, e.column)))
        return 1
    data = report(checked.data.dataset, settings.docs_dir, settings.translations_dir, checked.forms)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json
          else format_report(data, None if args.all else args.limit))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build every site into a temporary folder; replace ``site/`` only on success."""
    # Imported here: the core does not depend on MkDocs, only this command does.
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from guidebook.build.parallel import available_cpus, build_site

    quiet_mkdocs()
    settings = _settings(args)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    config_file = Path(args.config_file)
    target = Path(args.site_dir or config_file.parent / "site").resolve()
    try:  # -d may name a folder whose parent does not exist yet
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    except OSError as exc:
        print(f"Cannot write the site into {target}: {exc.strerror}. Fix: name a folder you may "
              f"write to with -d. {target}에 사이트를 쓸 수 없습니다 ({exc.strerror}). 쓸 수 있는 "
              "폴더를 -d로 지정하세요.", file=sys.stderr)
        return 1
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        config.extra["guidebook_settings"] = settings  # read by the hooks' on_config
        build_site(config, args.jobs or available_cpus())
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nBuild failed; {target} was left as it was. "
              f"빌드에 실패해 {target}은(는) 바뀌지 않았습니다.\n{exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - no traceback for an editor: what, and that site/ is safe
        shutil.rmtree(staging, ignore_errors=True)
        if args.verbose:
            raise
        print(f"\nBuild failed ({type(exc).__name__}: {str(exc)[:500]}); {target} was left as it "
              f"was. The guide's checks did not foresee this one: run 'guidebook check', then "
              f"'guidebook build -v' for the details, and send them to the developers. "
              f"빌드에 실패해 {target}은(는) 바뀌지 않았습니다. 안내서의 검사가 미리 알아내지 못한 "
              f"문제입니다. 'guidebook check'를 실행한 뒤 'guidebook build -v'로 자세한 내용을 "
              f"확인해 개발자에게 보내 주세요.", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # From the first rename on, Ctrl-C is ignored: stopping between the two
    # renames would leave no site/ at all, and after them "nothing was
    # changed" would be untrue. The swap and the old site's removal take
    # well under a second.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _swap_in(staging, target)
        print(f"Built {target}")
    finally:
        signal.signal(signal.SIGINT, previous)
    return 0


def cmd_add_language(args: argparse.Namespace) -> int:
    """A new site language in mkdocs.yml (marked as being translated) and its catalog."""
    from guidebook.cli.language_setup import LanguageSetupError, add_language

    try:
        changed = add_language(Path(args.config_file), args.code)
    except LanguageSetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Added '{args.code}': " + ", ".join(map(str, changed.files)) + ". Its names and pages fall "
          f"back to the default language until translated; `guidebook coverage` shows what is left. "
          f"'{args.code}' 언어를 추가했습니다.")
    return 0


def cmd_remove_language(args: argparse.Namespace) -> int:
    """The reverse of add-language."""
    from guidebook.cli.language_setup import LanguageSetupError, remove_language

    try:
        remove_language(Path(args.config_file), args.code)
    except LanguageSetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Removed '{args.code}'. '{args.code}' 언어를 지웠습니다.")
    return 0


def cmd_check_site(args: argparse.Namespace) -> int:
    """Fetch each language's home and 404 page from a deployment; check the headers."""
    from guidebook.serving.checksite import check_site

    try:
        checked, problems = check_site(args.url, _settings(args).languages)
    except OSError as exc:  # refused, unknown host, timeout, TLS
        print(f"{args.url}: {exc}", file=sys.stderr)
        return 1
    for line in checked:
        print(f"checked {line}")
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s). 문제 {len(problems)}개.", file=sys.stderr)
        return 1
    print(f"{args.url}: OK. 문제 없음.")
    return 0


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames (no half-written moment)."""
    staging.chmod(0o755)  # mkdtemp makes it 0700; a web server must read it
    old = None
    if target.exists():
        old = target.with_name(f".site-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidebook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("-f", "--config-file", default=str(DEFAULT_CONFIG),
                        help="the guide's mkdocs.yml (languages and settings)")

    check = sub.add_parser("check", parents=[config],
                           help="validate everything the build reads (exit 1 on problems)")
    check.add_argument("file", nargs="?", default=None,
                       help="check this data file alone (default: everything the build reads)")
    check.add_argument("--release", action="store_true",
                       help="also list everything a release refuses, with its line (exit 1 if any)")
    check.set_defaults(func=cmd_check)

    record = sub.add_parser("forms-record", parents=[config],
                            help="record each form's version, so QR codes made with it stay readable")
    record.set_defaults(func=cmd_forms_record)

    coverage = sub.add_parser("coverage", parents=[config], help="translation coverage per language")
    coverage.add_argument("file", nargs="?", default=None, help="default: extra.guidebook.data")
    coverage.add_argument("--docs-dir", default=None, help="default: mkdocs.yml's docs_dir")
    coverage.add_argument("--json", action="store_true", help="machine-readable output")
    coverage.add_argument("--limit", type=int, default=None,
                          help="show at most this many names per list (default: all of them)")
    coverage.add_argument("--all", action="store_true", help="every name of every list (the default)")
    coverage.set_defaults(func=cmd_coverage)

    schema = sub.add_parser("schema", parents=[config], help="write the JSON Schema of the data file")
    schema.add_argument("-o", "--output", default=None)
    schema.set_defaults(func=cmd_schema)

    build = sub.add_parser("build", parents=[config],
                           help="build all sites; replace site/ only on success")
    build.add_argument("-d", "--site-dir", default=None)
    build.add_argument("-v", "--verbose", action="store_true", help="log every step")
    build.add_argument("-j", "--jobs", type=int, default=0,
                       help="languages built at once (default: one per CPU; 1: one after another)")
    build.add_argument("--release", action="store_true",
                       help="refuse sample data, stale records, unreviewed translations, "
                            "broken links (same as GUIDEBOOK_RELEASE=1)")
    build.set_defaults(func=cmd_build)

    add = sub.add_parser("add-language", parents=[config],
                         help="add a site language (mkdocs.yml and a gettext catalog)")
    add.add_argument("code", help="a CLDR language code, e.g. ja, vi, kk, fa")
    add.set_defaults(func=cmd_add_language)
    remove = sub.add_parser("remove-language", parents=[config], help="the reverse of add-language")
    remove.add_argument("code")
    remove.set_defaults(func=cmd_remove_language)

    check_site = sub.add_parser("check-site", parents=[config],
                                help="check a deployment's headers and 404 pages")
    check_site.add_argument("url", help="the site's address, e.g. https://www.example.go.kr/medical-guide/")
    check_site.set_defaults(func=cmd_check_site)

    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: one line; a build leaves site/ as it was
        print("\nStopped (Ctrl-C); nothing was changed. 중단했습니다 (Ctrl-C). 바뀐 것은 없습니다.",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
