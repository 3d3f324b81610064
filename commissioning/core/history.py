"""Record history, read from django-simple-history: who changed what, when, before and after.

Every domain model keeps ``history = HistoricalRecords()``; a record's page shows this as
its History tab through :class:`RecordHistoryMixin`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


class _Names:
    """Names of related records, fetched once per model for a whole history page rather
    than once per change."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = {}
        self.names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], pks: list[Any]) -> None:
        self.wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def resolve(self) -> None:
        for model, pks in self.wanted.items():
            for related in model._default_manager.filter(pk__in=pks):
                self.names[(model, related.pk)] = str(related)

    def name(self, model: type[models.Model], pk: Any) -> str:
        return self.names.get((model, pk), f"#{pk}")


def _m2m_ids(field: "models.Field[Any, Any]", value: list[Any]) -> list[Any]:
    # simple-history gives many-to-many values as through-table rows (dicts).
    target = field.m2m_reverse_field_name()  # type: ignore[attr-defined]
    return [row[target] if isinstance(row, dict) else row for row in value]


def _want(names: _Names, field: "models.Field[Any, Any]", value: Any) -> None:
    if value in (None, ""):
        return
    if isinstance(field, models.ForeignKey):
        names.want(field.related_model, [value])
    elif isinstance(field, models.ManyToManyField) and isinstance(value, list):
        names.want(field.related_model, _m2m_ids(field, value))


def _display(names: _Names, field: "models.Field[Any, Any]", value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.ForeignKey):
        return names.name(field.related_model, value)
    if isinstance(field, models.ManyToManyField) and isinstance(value, list):
        shown = sorted(names.name(field.related_model, pk) for pk in _m2m_ids(field, value))
        return ", ".join(shown) if shown else "–"
    return str(value)


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first. Each entry lists only the fields that changed (all fields on creation)."""
    manager = obj.history  # type: ignore[attr-defined]
    records = list(
        manager.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(obj)
    fields = {
        f.attname: f
        for f in model._meta.concrete_fields
        if f.name not in {"id", "password", "last_login"}
    }
    names = _Names()
    # First pass: the raw changes; second: their display, with related names fetched once.
    raw: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[tuple[Any, Any, Any]] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = fields.get(change.field) or _field_by_name(model, change.field)
                if field is not None:
                    changes.append((field, change.old, change.new))
        elif record.history_type == "+":
            for attname, field in fields.items():
                value = getattr(record, attname, None)
                if value not in (None, "", False):
                    changes.append((field, None, value))
        for field, before, after in changes:
            _want(names, field, before)
            _want(names, field, after)
        raw.append((record, changes))
    names.resolve()
    entries = []
    for record, changes in raw:
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else str(_("System")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=[
                    FieldChange(
                        field=str(field.verbose_name).capitalize(),
                        before=_display(names, field, before),
                        after=_display(names, field, after),
                    )
                    for field, before, after in changes
                ],
            )
        )
    return entries


def _field_by_name(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:  # a field since removed from the model
        return None
