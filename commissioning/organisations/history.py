"""An organisation's History tab: its own changes and those of its contacts, newest first.

Contacts are followed by id through their historical rows, so a removed contact, or one
moved here by a merge, still shows what happened to it while it belonged here.
"""

from typing import Any

from django.db import models
from django.db.models import Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.core.history import FieldChange, HistoryEntry, history_entries

from .models import Contact, Organisation

_CONTACT_FIELDS = ("name", "job_title", "email", "phone", "is_primary", "organisation")
_CONTACT_ACTIONS = {
    "+": gettext_lazy("Contact ‘%(name)s’ added"),
    "~": gettext_lazy("Contact ‘%(name)s’ changed"),
    "-": gettext_lazy("Contact ‘%(name)s’ removed"),
}


def organisation_history(organisation: Organisation, limit: int = 200) -> list[HistoryEntry]:
    entries = history_entries(organisation, limit=limit) + contact_history(organisation, limit)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def contact_history(organisation: Organisation, limit: int = 200) -> list[HistoryEntry]:
    """History entries for every contact that has ever belonged to ``organisation``.

    One query whatever the number of contacts (their historical rows, with users), and
    one more if any moved between organisations, to name them.
    """
    historical = Contact.history.model
    ever_here = historical.objects.filter(organisation_id=organisation.pk).values("id")
    records = list(
        historical.objects.filter(id__in=Subquery(ever_here))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    names = {organisation.pk: organisation.name}
    others = {record.organisation_id for record in records} - set(names)
    if others:
        # Contacts moved here by a merge: name the record they came from.
        names.update(Organisation._default_manager.filter(pk__in=others).values_list("pk", "name"))
    entries = []
    previous: Any = None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        entries.append(_entry(record, previous, names))
        previous = record
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entry(record: Any, previous: Any, names: dict[int, str]) -> HistoryEntry:
    changes = []
    for field_name in _CONTACT_FIELDS:
        field = Contact._meta.get_field(field_name)
        assert isinstance(field, models.Field)  # noqa: S101 - narrowed for the type checker
        attname = field.attname
        after = getattr(record, attname)
        before = getattr(previous, attname) if previous is not None else None
        if record.history_type == "-" or (previous is not None and before == after):
            continue
        if previous is None and after in (None, "", False):
            continue
        if field_name == "organisation" and previous is None:
            # Where a contact starts is the page it is shown on; only moves are news.
            continue
        changes.append(
            FieldChange(
                field=str(field.verbose_name).capitalize(),
                before=_display(field_name, before, names) if previous is not None else "–",
                after=_display(field_name, after, names),
            )
        )
    user = record.history_user
    return HistoryEntry(
        when=record.history_date,
        who=str(user) if user else _("System"),
        action=str(_CONTACT_ACTIONS.get(record.history_type, "%(name)s")) % {"name": record.name},
        reason=record.history_change_reason or "",
        changes=changes,
    )


def _display(field_name: str, value: Any, names: dict[int, str]) -> str:
    if value in (None, ""):
        return "–"
    if field_name == "is_primary":
        return _("Yes") if value else _("No")
    if field_name == "organisation":
        return names.get(value, f"#{value}")
    return str(value)
