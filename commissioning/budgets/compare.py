"""Year-on-year and version-to-version comparison of two frameworks.

Lines are matched by their stable ``identity`` (kept by a refresh, or set when an officer
links two lines by hand), never by name alone: a renamed line is still the same service,
and two services can share a name. Lines left unmatched on both sides whose names are
the same are offered as *suggested links* for an officer to confirm.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from commissioning.core.money import Unit, format_money
from commissioning.core.years import FinancialYear

from .models import BudgetCategory, Framework, ServiceLine, ServiceLineCost

ZERO = Decimal("0.00")


def _percent(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    if not before or after is None:
        return None
    return ((after - before) / before * 100).quantize(Decimal("0.1"))


@dataclass
class Change:
    name: str
    before: Decimal | None
    after: Decimal | None

    @property
    def delta(self) -> Decimal:
        return (self.after or ZERO) - (self.before or ZERO)

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.before, self.after)

    def describe(self, unit: Unit | str = Unit.POUNDS) -> str:
        """ "Partnership Locality Fund: £450,000 → £500,000, +£50,000" """
        before = format_money(self.before, unit) if self.before is not None else "none"
        after = format_money(self.after, unit) if self.after is not None else "none"
        sign = "+" if self.delta > 0 else ""
        return f"{self.name}: {before} → {after}, {sign}{format_money(self.delta, unit)}"


@dataclass
class LineChange(Change):
    kind: str = "unchanged"  # added, removed, changed, unchanged
    base_line: ServiceLine | None = None
    other_line: ServiceLine | None = None
    changed_fields: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    base: Framework
    base_year: FinancialYear
    other: Framework
    other_year: FinancialYear
    lines: list[LineChange]
    categories: list[Change]
    total: Change
    suggested_links: list[tuple[ServiceLine, ServiceLine]]

    def of_kind(self, kind: str) -> list[LineChange]:
        return [line for line in self.lines if line.kind == kind]

    @property
    def added(self) -> list[LineChange]:
        return self.of_kind("added")

    @property
    def removed(self) -> list[LineChange]:
        return self.of_kind("removed")

    @property
    def changed(self) -> list[LineChange]:
        return self.of_kind("changed")


def _lines_with_costs(
    framework: Framework, year: FinancialYear
) -> dict[object, tuple[ServiceLine, Decimal | None]]:
    costs = {
        cost.line_id: cost.amount
        for cost in ServiceLineCost.objects.filter(line__framework=framework, year=year)
    }
    lines = framework.lines.select_related("category", "organisation").order_by(
        "category__order", "order", "pk"
    )
    return {line.identity: (line, costs.get(line.pk)) for line in lines}


def _category_key(category: BudgetCategory) -> str:
    return category.name.strip().lower()


def _normalised(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


_COMPARED_FIELDS = {
    "name": "service name",
    "organisation_id": "delivery organisation",
    "organisation_text": "delivery organisation",
    "provision": "provision",
    "reach_scope": "geographical reach",
    "reach_group_id": "geographical reach",
    "mechanism": "funding mechanism",
    "contract_end_date": "contract end date",
}


def compare_frameworks(
    *, base: Framework, base_year: FinancialYear, other: Framework, other_year: FinancialYear
) -> Comparison:
    """What changed from ``base`` (in ``base_year``) to ``other`` (in ``other_year``)."""
    before = _lines_with_costs(base, base_year)
    after = _lines_with_costs(other, other_year)
    changes: list[LineChange] = []
    for identity, (line, cost) in after.items():
        if identity not in before:
            changes.append(LineChange(line.name, None, cost, kind="added", other_line=line))
            continue
        old_line, old_cost = before[identity]
        fields = sorted(
            {
                label
                for attr, label in _COMPARED_FIELDS.items()
                if getattr(old_line, attr) != getattr(line, attr)
            }
        )
        if old_line.category.identity != line.category.identity and _category_key(
            old_line.category
        ) != _category_key(line.category):
            fields.append("category")
        kind = "changed" if fields or old_cost != cost else "unchanged"
        changes.append(
            LineChange(
                line.name,
                old_cost,
                cost,
                kind=kind,
                base_line=old_line,
                other_line=line,
                changed_fields=fields,
            )
        )
    for identity, (line, cost) in before.items():
        if identity not in after:
            changes.append(LineChange(line.name, cost, None, kind="removed", base_line=line))

    removed_by_name: dict[str, ServiceLine] = {}
    for change in changes:
        if change.kind == "removed" and change.base_line is not None:
            removed_by_name.setdefault(_normalised(change.name), change.base_line)
    suggestions = [
        (removed_by_name[_normalised(c.name)], c.other_line)
        for c in changes
        if c.kind == "added" and c.other_line is not None and _normalised(c.name) in removed_by_name
    ]

    return Comparison(
        base=base,
        base_year=base_year,
        other=other,
        other_year=other_year,
        lines=changes,
        categories=_category_changes(before, after),
        total=Change(
            "Total",
            sum((cost or ZERO for _, cost in before.values()), ZERO),
            sum((cost or ZERO for _, cost in after.values()), ZERO),
        ),
        suggested_links=suggestions,
    )


def _category_changes(
    before: dict[object, tuple[ServiceLine, Decimal | None]],
    after: dict[object, tuple[ServiceLine, Decimal | None]],
) -> list[Change]:
    """Per category, matched by identity or, failing that, by name (frameworks built
    separately have separate category identities but the same headings)."""
    totals: dict[str, list[Decimal | None]] = {}
    names: dict[str, str] = {}
    identity_to_key: dict[object, str] = {}
    for line, _cost in before.values():
        identity_to_key.setdefault(line.category.identity, _category_key(line.category))
    for side, lines in ((0, before), (1, after)):
        for line, cost in lines.values():
            key = identity_to_key.get(line.category.identity, _category_key(line.category))
            names[key] = line.category.name
            pair = totals.setdefault(key, [None, None])
            pair[side] = (pair[side] or ZERO) + (cost or ZERO)
    return [Change(names[key], pair[0], pair[1]) for key, pair in totals.items()]
