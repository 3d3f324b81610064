"""manage.py evaluate_theming: how well do theme suggestions agree with a person's themes?

    manage.py evaluate_theming FILE.csv --examples K [--seed N]

A benchmark, not a test. FILE is a labelled comment log with the columns Ref, Theme,
Comment and Response (UTF-8 or Windows-1252). K comments per theme, picked at random
(the same ones for the same --seed), are given to the TF-IDF suggester as comments already
themed; the rest are suggested themes exactly as the service suggests them, and compared
with their labels. Keyword rules are not measured: the file has none.
"""

import csv
import io
import random
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...theming import TfidfSuggester, suggest_many

COLUMNS = ("Ref", "Theme", "Comment", "Response")
NONE = "(none)"


def _read_text(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise CommandError(f"{path}: no such file") from error
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" as Windows-1252.
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _read_rows(path: Path) -> tuple[list[tuple[str, str]], str, int]:
    """(theme, comment) pairs in file order, the encoding, and how many rows were skipped."""
    text, encoding = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [(name or "").strip() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in headers]
    if missing:
        raise CommandError(
            f"{path}: missing column(s) {', '.join(missing)}; "
            f"expected {', '.join(COLUMNS)}, found {', '.join(headers) or 'no header row'}"
        )
    reader.fieldnames = headers
    rows, skipped = [], 0
    for record in reader:
        theme = (record.get("Theme") or "").strip()
        comment = (record.get("Comment") or "").strip()
        if theme and comment:
            rows.append((theme, comment))
        else:
            skipped += 1
    return rows, encoding, skipped


def _split(
    rows: list[tuple[str, str]], examples: int, seed: int
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    by_theme: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_theme.setdefault(row[0], []).append(row)
    for theme, items in by_theme.items():
        if examples > len(items):
            raise CommandError(
                f"Theme {theme} has only {len(items)} comment(s); "
                f"--examples {examples} needs at least {examples} per theme"
            )
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample, not a secret
    train: list[tuple[str, str]] = []
    test: list[tuple[str, str]] = []
    for items in by_theme.values():
        picked = set(rng.sample(range(len(items)), examples))
        for index, item in enumerate(items):
            (train if index in picked else test).append(item)
    return train, test, list(by_theme)


def _percent(count: int, total: int) -> str:
    share = 100 * count / total if total else 0.0
    return f"{share:.1f}% ({count} of {total})"


class Command(BaseCommand):
    help = (
        "Benchmark theme suggestions on a labelled comment log (Ref, Theme, Comment, "
        "Response): learn from K comments per theme, print top-1 and top-3 agreement "
        "and the confusion between themes for the rest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the labelled CSV file")
        parser.add_argument(
            "--examples",
            type=int,
            required=True,
            metavar="K",
            help="labelled comments per theme to learn from",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="which examples to pick (default 0)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        examples: int = options["examples"]
        if examples < 1:
            raise CommandError("--examples must be 1 or more")
        rows, encoding, skipped = _read_rows(path)
        if not rows:
            raise CommandError(f"{path}: no rows with both a theme and a comment")
        train, test, themes = _split(rows, examples, options["seed"])

        started = time.perf_counter()
        suggester = TfidfSuggester().fit([c for _t, c in train], [t for t, _c in train])
        predicted = suggest_many([c for _t, c in test], {}, suggester)
        elapsed = time.perf_counter() - started

        top1 = sum(1 for (t, _c), s in zip(test, predicted, strict=True) if s and s[0].theme == t)
        top3 = sum(
            1 for (t, _c), s in zip(test, predicted, strict=True) if t in {x.theme for x in s}
        )
        write = self.stdout.write
        write(f"Read {len(rows)} comments in {len(themes)} themes from {path.name} ({encoding}).")
        if skipped:
            write(f"Skipped {skipped} row(s) without a theme or a comment.")
        write(
            f"Learnt from {len(train)} comments ({examples} per theme, seed {options['seed']}); "
            f"tested on {len(test)}."
        )
        write(f"Top-1 agreement: {_percent(top1, len(test))}")
        write(f"Top-3 agreement: {_percent(top3, len(test))}")
        per_comment = 1000 * elapsed / max(len(test), 1)
        write(f"Time: {elapsed:.2f} s in all, {per_comment:.1f} ms per comment tested.")
        write("")
        self._confusion(themes, test, [s[0].theme if s else NONE for s in predicted])

    def _confusion(
        self, themes: list[str], test: list[tuple[str, str]], predicted: list[str]
    ) -> None:
        columns = [*themes, NONE]
        counts = {(true, guess): 0 for true in themes for guess in columns}
        for (true, _comment), guess in zip(test, predicted, strict=True):
            counts[true, guess] += 1
        # Theme names are long: number them, and head the columns with the numbers.
        write = self.stdout.write
        write("Confusion (rows: true theme; columns: top suggestion; - means none):")
        for number, theme in enumerate(themes, start=1):
            write(f"  {number:>2} {theme}")
        width = max(4, len(str(len(test))) + 1)
        headings = [str(n) for n in range(1, len(themes) + 1)] + ["-"]
        write(" " * 4 + "".join(f"{h:>{width}}" for h in headings))
        for number, theme in enumerate(themes, start=1):
            cells = "".join(f"{counts[theme, guess]:>{width}}" for guess in columns)
            write(f"{number:>4}{cells}")
