"""The benchmark command runs and reports in the right shape; its figures are not tested."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

SMALL = Path(__file__).parent / "data" / "comment_log_small.csv"
THEMES = [
    "GENERAL",
    "PCC GRANT",
    "PARTNERSHIP LOCALITY FUND",
    "YOUNG PEOPLE",
    "HEALTH",
    "VICTIMS AND WITNESSES",
]


def _run(*args: object) -> str:
    out = io.StringIO()
    call_command("evaluate_theming", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def _without_timing(text: str) -> str:
    return re.sub(r"^Time: .*$", "", text, flags=re.MULTILINE)


def test_prints_agreement_and_a_confusion_table():
    lines = _run(SMALL, "--examples", 2).splitlines()

    assert lines[0] == "Read 36 comments in 6 themes from comment_log_small.csv (UTF-8)."
    assert lines[1] == "Learnt from 12 comments (2 per theme, seed 0); tested on 24."
    assert re.fullmatch(r"Top-1 agreement: \d+\.\d% \((\d+) of 24\)", lines[2])
    assert re.fullmatch(r"Top-3 agreement: \d+\.\d% \((\d+) of 24\)", lines[3])
    top1 = int(re.search(r"\((\d+) of", lines[2]).group(1))
    top3 = int(re.search(r"\((\d+) of", lines[3]).group(1))
    assert top1 <= top3
    assert lines[4].startswith("Time: ")

    start = lines.index("Confusion (rows: true theme; columns: top suggestion; - means none):")
    assert [line.split(maxsplit=1) for line in lines[start + 1 : start + 7]] == [
        [str(n), theme] for n, theme in enumerate(THEMES, start=1)
    ]
    assert lines[start + 7].split() == ["1", "2", "3", "4", "5", "6", "-"]
    table = [[int(cell) for cell in line.split()] for line in lines[start + 8 :]]
    assert [row[0] for row in table] == [1, 2, 3, 4, 5, 6]
    # Each theme has 6 comments, 2 learnt from: each row counts the other 4.
    assert [sum(row[1:]) for row in table] == [4] * 6
    # The diagonal is the top-1 agreement.
    assert sum(table[i][i + 1] for i in range(6)) == top1


def test_the_same_seed_picks_the_same_examples():
    first = _run(SMALL, "--examples", 1, "--seed", 7)
    assert "(1 per theme, seed 7)" in first
    assert _without_timing(first) == _without_timing(_run(SMALL, "--examples", 1, "--seed", 7))


def test_reads_windows_1252_and_skips_rows_without_a_theme_or_comment(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(
        (
            "Ref,Theme,Comment,Response\r\n"
            "1,GRANT,The grant of \u00a35,000 is welcome.,None required.\r\n"
            "2,GRANT,The grant\u2019s form is long.,Noted.\r\n"
            "3,HEALTH,Mental health triage works.,None required.\r\n"
            "4,HEALTH,Mental health in custody.,Noted.\r\n"
            "5,,A comment nobody themed.,\r\n"
        ).encode("cp1252")
    )
    out = _run(path, "--examples", 1)
    assert "Read 4 comments in 2 themes from log.csv (Windows-1252)." in out
    assert "Skipped 1 row(s) without a theme or a comment." in out
    assert "tested on 2." in out


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"missing\.csv: no such file"):
        _run(tmp_path / "missing.csv", "--examples", 1)


def test_a_missing_file_exits_non_zero(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(
            ["manage.py", "evaluate_theming", str(tmp_path / "missing.csv"), "--examples", "1"]
        )
    assert exit_info.value.code != 0
    assert "no such file" in capsys.readouterr().err


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Ref,Category,Comment\n1,GRANT,Text\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column\\(s\\) Theme, Response"):
        _run(path, "--examples", 1)


def test_more_examples_than_a_theme_has_names_the_theme():
    with pytest.raises(
        CommandError, match="Theme GENERAL has only 6 comment\\(s\\); --examples 7 needs"
    ):
        _run(SMALL, "--examples", 7)


def test_at_least_one_example_is_needed():
    with pytest.raises(CommandError, match="--examples must be 1 or more"):
        _run(SMALL, "--examples", 0)
