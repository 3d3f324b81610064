"""A plan's History tab: its own changes and those of its priorities, cross-cutting themes
and Key Performance Questions, newest first.

Priorities and questions are followed by id through their historical rows, so a deleted
one still shows what happened to it. Three queries whatever the number of priorities:
the plan's rows, every priority's rows, every question's rows.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.core.history import FieldChange, HistoryEntry, history_entries

from .models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority

_PRIORITY_FIELDS = ("code", "name", "description", "is_cross_cutting", "order")
_QUESTION_FIELDS = ("text", "order")
_PRIORITY_ACTIONS = {
    "+": gettext_lazy("Priority ‘%(name)s’ added"),
    "~": gettext_lazy("Priority ‘%(name)s’ changed"),
    "-": gettext_lazy("Priority ‘%(name)s’ deleted"),
}
_THEME_ACTIONS = {
    "+": gettext_lazy("Cross-cutting theme ‘%(name)s’ added"),
    "~": gettext_lazy("Cross-cutting theme ‘%(name)s’ changed"),
    "-": gettext_lazy("Cross-cutting theme ‘%(name)s’ deleted"),
}
_QUESTION_ACTIONS = {
    "+": gettext_lazy("Key Performance Question added to ‘%(name)s’"),
    "~": gettext_lazy("Key Performance Question of ‘%(name)s’ changed"),
    "-": gettext_lazy("Key Performance Question of ‘%(name)s’ deleted"),
}


def plan_history(plan: PoliceAndCrimePlan, limit: int = 200) -> list[HistoryEntry]:
    priority_rows = list(
        Priority.history.model.objects.filter(plan_id=plan.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    priority_names = {row.id: row.name for row in priority_rows}  # the latest name of each
    ever_here = Priority.history.model.objects.filter(plan_id=plan.pk).values("id")
    question_rows = list(
        KeyPerformanceQuestion.history.model.objects.filter(priority_id__in=Subquery(ever_here))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )

    def priority_action(row: Any) -> str:
        actions = _THEME_ACTIONS if row.is_cross_cutting else _PRIORITY_ACTIONS
        return str(actions[row.history_type]) % {"name": row.name}

    def question_action(row: Any) -> str:
        name = priority_names.get(row.priority_id, f"#{row.priority_id}")
        return str(_QUESTION_ACTIONS[row.history_type]) % {"name": name}

    entries = history_entries(plan, limit=limit)
    entries += _entries(priority_rows, Priority, _PRIORITY_FIELDS, priority_action)
    entries += _entries(question_rows, KeyPerformanceQuestion, _QUESTION_FIELDS, question_action)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entries(
    rows: Iterable[Any],
    model: type[Priority] | type[KeyPerformanceQuestion],
    field_names: tuple[str, ...],
    action: Callable[[Any], str],
) -> list[HistoryEntry]:
    """One entry per historical row; ``rows`` sorted by record id, then time."""
    entries = []
    previous: Any = None
    for row in rows:
        if previous is not None and previous.id != row.id:
            previous = None
        changes = [] if row.history_type == "-" else _changes(row, previous, model, field_names)
        user = row.history_user
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(user) if user else _("System"),
                action=action(row),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
        previous = row
    return entries


def _changes(
    row: Any,
    previous: Any,
    model: type[Priority] | type[KeyPerformanceQuestion],
    field_names: tuple[str, ...],
) -> list[FieldChange]:
    changes = []
    for name in field_names:
        after = getattr(row, name)
        before = getattr(previous, name) if previous is not None else None
        if previous is not None and before == after:
            continue
        if previous is None and after in (None, "", False):
            continue
        label = str(model._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]
        changes.append(FieldChange(field=label, before=_display(before), after=_display(after)))
    return changes


def _display(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)
