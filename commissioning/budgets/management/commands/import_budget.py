"""manage.py import_budget: import service lines from a CSV or XLSX into a framework, or
into a new draft framework, checking every row first.

    manage.py import_budget FILE --framework ID [--create-organisations |
        --organisations-as-text] [--dry-run] [--user EMAIL]
    manage.py import_budget FILE --area SLUG --year 2017/18 --title "..." [...]

Every error is printed on stderr as "Row N, Column: message" and the exit status is
non-zero; nothing is written unless the whole file is good (and never with --dry-run).
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from commissioning.areas.models import PolicingArea
from commissioning.core.years import FinancialYear

from ... import services
from ...models import Framework, ServiceLine
from ...spreadsheets.importing import (
    AS_TEXT,
    CREATE,
    ImportPlan,
    RowError,
    apply_import,
    plan_import,
)
from ...spreadsheets.reading import LABELS, TableError, read_table


class _ImportFailedError(Exception):
    """Stop, roll back, and report these errors."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _unknown_organisation_errors(plan: ImportPlan) -> list[str]:
    errors = []
    for unknown in plan.unknown_organisations.values():
        message = f"{unknown.name} is not in the organisations register"
        if unknown.suggestions:
            names = " or ".join(o.name for o in unknown.suggestions)
            message += f" (did you mean {names}?)"
        if len(unknown.rows) > 1:
            message += f"; also in rows {', '.join(str(r) for r in unknown.rows[1:])}"
        errors.append(str(RowError(unknown.rows[0], LABELS["organisation"], message)))
    errors.append(
        "Add these organisations to the register, or run again with --create-organisations "
        "or --organisations-as-text"
    )
    return errors


class Command(BaseCommand):
    help = (
        "Import service lines from a CSV or XLSX file into a framework (--framework ID), "
        "or into a new draft framework (--area, --year and --title). Every row is checked "
        "first: one bad row means nothing is imported. Replaces the framework's lines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--framework", type=int, help="the id of the framework to import into")
        parser.add_argument("--area", help="the policing area's slug, for a new framework")
        parser.add_argument("--year", help="the new framework's first financial year: 2017/18")
        parser.add_argument("--last-year", help="the new framework's last year, if several")
        parser.add_argument("--title", help="the new framework's title")
        organisations = parser.add_mutually_exclusive_group()
        organisations.add_argument(
            "--create-organisations",
            action="store_true",
            help="add organisations the register does not have (needs --user)",
        )
        organisations.add_argument(
            "--organisations-as-text",
            action="store_true",
            help="keep the names of organisations the register does not have as text",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; write nothing"
        )
        parser.add_argument("--user", help="the e-mail address of the person importing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        actor = self._actor(options)
        if options["create_organisations"] and actor is None:
            raise CommandError("--create-organisations needs --user EMAIL (who adds them)")
        try:
            table = read_table(data, path.name)
        except TableError as error:
            raise CommandError(str(error)) from error

        reason = f"Imported from {path.name} by manage.py import_budget"
        try:
            with transaction.atomic():
                framework, created = self._framework(options, actor, reason)
                plan = plan_import(framework=framework, table=table)
                self._check(plan, options)
                # Warnings go to stderr, so that stdout is only the result (the new
                # framework's id first, for scripts).
                for warning in plan.warnings:
                    self.stderr.write(f"Warning: {warning}")
                if options["dry_run"]:
                    transaction.set_rollback(True)
                else:
                    self._apply(plan, actor, options, reason)
        except _ImportFailedError as failure:
            for message in failure.errors:
                self.stderr.write(message)
            raise CommandError(
                f"Nothing was imported: {len(failure.errors)} error(s) in {path.name}"
            ) from failure

        count = len(plan.lines)
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {count} service line(s) would be imported into "
                f"{'a new framework' if created else framework.title}; nothing was written."
            )
            return
        if created:
            self.stdout.write(str(framework.pk))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {count} service line(s) into {framework.title} "
                f"(framework {framework.pk})"
            )
        )

    def _actor(self, options: dict[str, Any]) -> Any:
        if not options["user"]:
            return None
        try:
            return get_user_model().objects.get(email__iexact=options["user"], is_active=True)
        except get_user_model().DoesNotExist as error:
            message = f"No active user has the e-mail address {options['user']}"
            raise CommandError(message) from error

    def _framework(
        self, options: dict[str, Any], actor: Any, reason: str
    ) -> tuple[Framework, bool]:
        if options["framework"] is not None:
            if options["area"] or options["title"]:
                raise CommandError("Give either --framework or --area, --year and --title")
            try:
                framework = Framework.objects.select_related("area").get(pk=options["framework"])
            except Framework.DoesNotExist as error:
                raise CommandError(f"There is no framework {options['framework']}") from error
            return framework, False
        missing = [f"--{name}" for name in ("area", "year", "title") if not options[name]]
        if missing:
            raise CommandError(
                "Give --framework ID, or --area, --year and --title for a new framework "
                f"(missing {', '.join(missing)})"
            )
        try:
            area = PolicingArea.objects.get(slug=options["area"])
        except PolicingArea.DoesNotExist as error:
            raise CommandError(f"There is no policing area {options['area']}") from error
        try:
            first_year = FinancialYear.parse(options["year"])
            last_year = FinancialYear.parse(options["last_year"]) if options["last_year"] else None
            framework = services.framework_create(
                actor=actor,
                area=area,
                title=options["title"],
                first_year=first_year,
                last_year=last_year,
            )
        except ValidationError as error:
            raise _ImportFailedError(list(error.messages)) from error
        _set_creation_reason(Framework, [framework.pk], reason)
        return Framework.objects.select_related("area").get(pk=framework.pk), True

    def _check(self, plan: ImportPlan, options: dict[str, Any]) -> None:
        errors = [str(error) for error in plan.errors]
        if (
            not errors
            and plan.unknown_organisations
            and not (options["create_organisations"] or options["organisations_as_text"])
        ):
            errors = _unknown_organisation_errors(plan)
        if errors:
            raise _ImportFailedError(errors)

    def _apply(self, plan: ImportPlan, actor: Any, options: dict[str, Any], reason: str) -> None:
        choice = CREATE if options["create_organisations"] else AS_TEXT
        choices: dict[str, Any] = dict.fromkeys(plan.unknown_organisations, choice)
        try:
            framework = apply_import(actor=actor, plan=plan, organisation_choices=choices)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise _ImportFailedError(list(messages) or ["Not allowed"]) from error
        line_ids = list(framework.lines.values_list("pk", flat=True))
        _set_creation_reason(ServiceLine, line_ids, reason)


def _set_creation_reason(model: Any, pks: list[int], reason: str) -> None:
    """Record why the records were created: the services take no reason, and outside a
    request there is no user to say who did it."""
    model.history.filter(id__in=pks, history_type="+", history_change_reason__isnull=True).update(
        history_change_reason=reason[:100]
    )
