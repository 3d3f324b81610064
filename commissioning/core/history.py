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


def _display(record: Any, field: "models.Field[Any, Any]", value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, list):
        # Many-to-many changes: simple-history gives a list of through-row dicts.
        names = [str(v) for v in value]
        return ", ".join(names) if names else "–"
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
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = fields.get(change.field) or _field_by_name(model, change.field)
                if field is None:
                    continue
                changes.append(
                    FieldChange(
                        field=str(field.verbose_name).capitalize(),
                        before=_display(record, field, change.old),
                        after=_display(record, field, change.new),
                    )
                )
        elif record.history_type == "+":
            for attname, field in fields.items():
                value = getattr(record, attname, None)
                if value in (None, "", False):
                    continue
                changes.append(
                    FieldChange(
                        field=str(field.verbose_name).capitalize(),
                        before="–",
                        after=_display(record, field, value),
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else str(_("System")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _field_by_name(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:  # a field since removed from the model
        return None
