"""A service line's History tab: changes to the line itself, to its cost in each year and
to how it is funded, newest first.

Costs and funding are records of their own, followed through their historical rows by
the line's id, so a cost or a funding split that was removed still shows who removed
it and what it was.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.core.history import FieldChange, HistoryEntry, history_entries
from commissioning.core.money import format_money

from ..models import FundingSource, LineFunding, ServiceLine, ServiceLineCost

_COST_ACTIONS = {
    "+": gettext_lazy("Cost for %(year)s added"),
    "~": gettext_lazy("Cost for %(year)s changed"),
    "-": gettext_lazy("Cost for %(year)s removed"),
}
_FUNDING_ACTIONS = {
    "+": gettext_lazy("Funding from %(source)s added"),
    "~": gettext_lazy("Funding from %(source)s changed"),
    "-": gettext_lazy("Funding from %(source)s removed"),
}


def line_history(line: ServiceLine, limit: int = 200) -> list[HistoryEntry]:
    entries = history_entries(line, limit=limit) + _cost_entries(line) + _funding_entries(line)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _records(model: Any, line: ServiceLine) -> list[Any]:
    historical = model.history.model
    return list(
        historical.objects.filter(line_id=line.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def _amount_entries(records: list[Any], actions: dict[str, Any], label: Any) -> list[HistoryEntry]:
    entries = []
    previous: Any = None
    for record, params in records:
        if previous is not None and previous.id != record.id:
            previous = None
        before: Decimal | None = previous.amount if previous is not None else None
        after: Decimal | None = None if record.history_type == "-" else record.amount
        if record.history_type == "-":
            before = record.amount
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else _("System"),
                action=str(actions.get(record.history_type, "%(year)s")) % params,
                reason=record.history_change_reason or "",
                changes=[
                    FieldChange(
                        field=str(label),
                        before=format_money(before) or "–",
                        after=format_money(after) or "–",
                    )
                ],
            )
        )
        previous = record
    return entries


def _cost_entries(line: ServiceLine) -> list[HistoryEntry]:
    records = [(record, {"year": record.year}) for record in _records(ServiceLineCost, line)]
    return _amount_entries(records, _COST_ACTIONS, gettext_lazy("Cost"))


def _funding_entries(line: ServiceLine) -> list[HistoryEntry]:
    records = _records(LineFunding, line)
    if not records:
        return []
    source_ids = {record.source_id for record in records}
    names = {
        source.pk: str(source)
        for source in FundingSource.objects.filter(pk__in=source_ids).only("name", "year")
    }
    with_params = [
        (record, {"source": names.get(record.source_id, f"#{record.source_id}")})
        for record in records
    ]
    return _amount_entries(with_params, _FUNDING_ACTIONS, gettext_lazy("Amount"))
