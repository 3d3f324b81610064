"""A framework's History tab: its own changes and those of its stated budgets, narrative
sections and footnotes, newest first, each saying whose change it was and what changed.

Children are followed by framework id through their historical rows, so a deleted
section still shows what happened to it. One query per kind of child, whatever their
number. (Lines, costs, categories and funding have their own pages' history.)
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.core.history import FieldChange, HistoryEntry, history_entries
from commissioning.core.money import format_money

from ..models import Footnote, Framework, FrameworkBudget, NarrativeSection
from .frameworks_base import FrameworkRecordView

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class _Child:
    model: type[models.Model]
    fields: tuple[str, ...]
    actions: dict[str, Promise]
    name: Callable[[Any], str]


CHILDREN = (
    _Child(
        model=FrameworkBudget,
        fields=("year", "amount"),
        actions={
            "+": gettext_lazy("Budget for %(name)s set"),
            "~": gettext_lazy("Budget for %(name)s changed"),
            "-": gettext_lazy("Budget for %(name)s removed"),
        },
        name=lambda record: str(record.year),
    ),
    _Child(
        model=NarrativeSection,
        fields=("heading", "body", "order"),
        actions={
            "+": gettext_lazy("Section ‘%(name)s’ added"),
            "~": gettext_lazy("Section ‘%(name)s’ changed"),
            "-": gettext_lazy("Section ‘%(name)s’ deleted"),
        },
        name=lambda record: record.heading,
    ),
    _Child(
        model=Footnote,
        fields=("marker", "text"),
        actions={
            "+": gettext_lazy("Footnote %(name)s added"),
            "~": gettext_lazy("Footnote %(name)s changed"),
            "-": gettext_lazy("Footnote %(name)s deleted"),
        },
        name=lambda record: record.marker,
    ),
)


def framework_history(framework: Framework, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    entries = history_entries(framework, limit=limit)
    for child in CHILDREN:
        entries += _child_history(child, framework, limit)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _child_history(child: _Child, framework: Framework, limit: int) -> list[HistoryEntry]:
    historical = child.model.history.model  # type: ignore[attr-defined]
    records = list(
        historical.objects.filter(framework_id=framework.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    # Each record's previous version is the next older record with the same id.
    records.reverse()
    previous_of: dict[Any, Any] = {}
    entries = []
    for record in records:
        entries.append(_entry(child, record, previous_of.get(record.id)))
        previous_of[record.id] = record
    return entries


def _entry(child: _Child, record: Any, previous: Any) -> HistoryEntry:
    changes = []
    if record.history_type != "-":
        for field_name in child.fields:
            field = child.model._meta.get_field(field_name)
            assert isinstance(field, models.Field)  # noqa: S101 - narrowed for mypy
            after = getattr(record, field_name)
            before = getattr(previous, field_name) if previous is not None else None
            if previous is not None and before == after:
                continue
            if previous is None and after in (None, ""):
                continue
            changes.append(
                FieldChange(
                    field=str(field.verbose_name).capitalize(),
                    before=_display(before) if previous is not None else "–",
                    after=_display(after),
                )
            )
    user = record.history_user
    return HistoryEntry(
        when=record.history_date,
        who=str(user) if user else _("System"),
        action=str(child.actions[record.history_type]) % {"name": child.name(record)},
        reason=record.history_change_reason or "",
        changes=changes,
    )


def _display(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_money(value)
    return str(value)


class FrameworkHistoryView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        return self.render_page(
            "budgets/frameworks/history.html", framework, history=framework_history(framework)
        )
