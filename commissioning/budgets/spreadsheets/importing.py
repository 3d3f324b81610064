"""Importing service lines: every row is checked before anything is written.

:func:`plan_import` reads a table against a framework and returns an :class:`ImportPlan`:
the lines it would create, the categories, footnotes and organisations it would add, and
every error with its row and column. Only a plan with no errors can be applied, and
:func:`apply_import` writes it in one transaction, replacing the framework's lines.
"""

import difflib
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commissioning.areas.models import SubArea, SubAreaGroup
from commissioning.core.money import AmountError, parse_amount
from commissioning.core.years import FinancialYear
from commissioning.organisations.identifiers import normalise_name
from commissioning.organisations.models import Organisation

from .. import services
from ..models import Framework, ServiceLine
from .reading import LABELS, Column, Table
from .values import CellError, Places, read_date, read_mechanism

# What a delivery organisation cell says when no provider is chosen yet.
_UNCONFIRMED = re.compile(r"^(to be confirmed|tbc|tba|various|unknown|n/?a)\b", re.IGNORECASE)
_MARKER_ROW = re.compile(r"^(?P<marker>\*{1,3}|†|‡)\s*(?P<text>.+)$", re.DOTALL)
_TOTAL_ROW = re.compile(r"^(?P<category>.*?)\s*(sub[\s-]?total|grand total|total)$", re.IGNORECASE)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("Row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.column}: {self.message}" if self.column else self.message


@dataclass
class PlannedLine:
    row: int
    category: str
    name: str
    organisation: Organisation | None
    organisation_text: str
    unknown_organisation: str
    provision: str
    costs: dict[FinancialYear, Decimal]
    marker: str
    reach_scope: str
    reach_sub_areas: list[SubArea]
    reach_group: SubAreaGroup | None
    reach_partial: bool
    mechanism: str
    contract_end_date: date | None
    intention_code: str
    identity: uuid.UUID | None = None


@dataclass
class UnknownOrganisation:
    name: str
    rows: list[int]
    suggestions: list[Organisation]


@dataclass
class ImportPlan:
    framework: Framework
    years: list[FinancialYear]
    lines: list[PlannedLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    new_categories: list[str] = field(default_factory=list)
    unknown_organisations: dict[str, UnknownOrganisation] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def totals(self) -> dict[FinancialYear, Decimal]:
        return {
            year: sum((line.costs.get(year, Decimal(0)) for line in self.lines), Decimal(0))
            for year in self.years
        }


def _cell(row: list[str], column: Column | None) -> str:
    if column is None or column.index >= len(row):
        return ""
    return row[column.index].strip()


def _cost_years(
    table: Table, framework: Framework, plan: ImportPlan
) -> list[tuple[Column, FinancialYear]]:
    pairs = []
    for column in table.cost_columns:
        year = column.year
        if year is None:
            if framework.first_year != framework.last_year:
                plan.errors.append(
                    RowError(
                        0,
                        column.header,
                        _(
                            "Say which financial year this cost column is for, "
                            'for example "17/18 proposed costs (£)"'
                        ),
                    )
                )
                continue
            year = framework.first_year
        if not framework.first_year <= year <= framework.last_year:
            plan.errors.append(
                RowError(
                    0,
                    column.header,
                    _("%(year)s is outside this framework's years (%(first)s to %(last)s)")
                    % {"year": year, "first": framework.first_year, "last": framework.last_year},
                )
            )
            continue
        pairs.append((column, year))
    return pairs


class _Organisations:
    """Active organisations by normalised name, for case- and punctuation-blind matching."""

    def __init__(self, framework: Framework) -> None:
        # Descriptions an officer has already chosen to keep as text in this framework
        # (or the one it refreshes) are not asked about again.
        frameworks = [framework.pk, *([framework.based_on_id] if framework.based_on_id else [])]
        self.known_texts = set(
            ServiceLine.objects.filter(framework__in=frameworks)
            .exclude(organisation_text="")
            .values_list("organisation_text", flat=True)
        )
        self.by_key: dict[str, list[Organisation]] = {}
        for organisation in Organisation.objects.filter(is_active=True, merged_into__isnull=True):
            self.by_key.setdefault(normalise_name(organisation.name), []).append(organisation)
        self.names = {o.name: o for matches in self.by_key.values() for o in matches}

    def find(self, text: str) -> list[Organisation]:
        return self.by_key.get(normalise_name(text), [])

    def suggest(self, text: str) -> list[Organisation]:
        close = difflib.get_close_matches(text, list(self.names), n=3, cutoff=0.6)
        return [self.names[name] for name in close]


def plan_import(*, framework: Framework, table: Table) -> ImportPlan:
    """Check every row of ``table`` against ``framework``; write nothing."""
    plan = ImportPlan(framework=framework, years=_all_years(framework))
    cost_columns = _cost_years(table, framework, plan)
    if table.unrecognised:
        plan.warnings.append(
            _("These columns were not recognised and will be ignored: %(names)s")
            % {"names": ", ".join(table.unrecognised)}
        )
    col = {key: table.column(key) for key in LABELS}
    places = Places(framework.area)
    organisations = _Organisations(framework)
    existing_categories = {c.name.lower(): c.name for c in framework.categories.all()}
    existing_footnotes = {f.marker: f.text for f in framework.footnotes.all()}
    references: set[uuid.UUID] = set()
    current_category = ""
    # Lines since the last total row, and those whose category no category column gave:
    # a "<category> sub-total" row names the category of the lines above it (seed 002).
    section: list[PlannedLine] = []
    unnamed: set[int] = set()
    subtotals: list[tuple[int, list[PlannedLine], Decimal]] = []
    headings: list[str] = []

    for number, row in table.rows:
        name = _cell(row, col["name"])
        category_cell = _cell(row, col["category"])
        organisation_cell = _cell(row, col["organisation"])
        cost_cells = {year: _cell(row, column) for column, year in cost_columns}
        first_text = next((cell.strip() for cell in row if cell.strip()), "")

        footnote = _MARKER_ROW.match(first_text)
        if footnote and not any(cost_cells.values()) and name in ("", first_text):
            # "* The PCC is aware ...": the text of a footnote marker used on a cost.
            plan.footnotes[footnote["marker"]] = footnote["text"].strip()
            continue
        total = _TOTAL_ROW.match(name) if not organisation_cell else None
        if total:
            is_grand = "grand" in total.group(0).lower()
            label = "" if is_grand else total["category"].strip()
            covered = list(plan.lines) if is_grand else section
            if label:
                for line in covered:
                    if id(line) in unnamed:
                        line.category = label
            stated_text = cost_cells.get(cost_columns[0][1], "") if cost_columns else ""
            if stated_text:
                try:
                    subtotals.append((number, covered, parse_amount(stated_text).amount))
                except AmountError:
                    plan.warnings.append(
                        _("Row %(row)s: the total could not be read, so it was not checked")
                        % {"row": number}
                    )
            section = []
            current_category = ""
            continue
        filled = [cell for cell in row if cell.strip()]
        if len(filled) == 1 and not any(cost_cells.values()):
            # A heading row naming the category of the rows below ("PREVENTION").
            current_category = first_text.capitalize() if first_text.isupper() else first_text
            headings.append(f"{number} ({first_text})")
            continue

        planned = _plan_line(
            number=number,
            row=row,
            col=col,
            name=name,
            category=category_cell or current_category,
            organisation_cell=organisation_cell,
            cost_cells=cost_cells,
            cost_columns=cost_columns,
            places=places,
            organisations=organisations,
            plan=plan,
            references=references,
        )
        if planned is None:
            continue
        plan.lines.append(planned)
        section.append(planned)
        if not category_cell:
            unnamed.add(id(planned))

    if headings:
        plan.warnings.append(
            _("These rows were read as category headings: %(rows)s") % {"rows": ", ".join(headings)}
        )
    pending = [line for line in plan.lines if not line.category]
    for line in pending:
        plan.errors.append(RowError(line.row, LABELS["category"], _("Enter a category")))
    for line in plan.lines:
        if line.category and line.category.lower() not in existing_categories:
            existing_categories[line.category.lower()] = line.category
            plan.new_categories.append(line.category)
        elif line.category:
            line.category = existing_categories[line.category.lower()]
        if (
            line.marker
            and line.marker not in plan.footnotes
            and line.marker not in existing_footnotes
        ):
            plan.errors.append(
                RowError(
                    line.row,
                    cost_columns[0][0].header if cost_columns else LABELS["cost"],
                    _(
                        "The cost has the footnote marker %(marker)s but the file has no footnote "
                        'row starting "%(marker)s"'
                    )
                    % {"marker": line.marker},
                )
            )
    if not plan.lines and not plan.errors:
        plan.errors.append(RowError(0, "", _("The file has no service lines")))
    _check_subtotals(plan, subtotals, cost_columns)
    _keep_identities(plan)
    return plan


def _all_years(framework: Framework) -> list[FinancialYear]:
    return [
        FinancialYear(y)
        for y in range(framework.first_year.start_year, framework.last_year.start_year + 1)
    ]


def _plan_line(
    *,
    number: int,
    row: list[str],
    col: dict[str, Column | None],
    name: str,
    category: str,
    organisation_cell: str,
    cost_cells: dict[FinancialYear, str],
    cost_columns: list[tuple[Column, FinancialYear]],
    places: Places,
    organisations: _Organisations,
    plan: ImportPlan,
    references: set[uuid.UUID],
) -> PlannedLine | None:
    errors_before = len(plan.errors)

    def error(key: str, message: str, header: str | None = None) -> None:
        column = col.get(key)
        plan.errors.append(
            RowError(number, header or (column.header if column else LABELS[key]), message)
        )

    if not name:
        error("name", _("Enter the service name"))
    elif len(name) > 300:
        error("name", _("Service name must be 300 characters or fewer"))
    costs: dict[FinancialYear, Decimal] = {}
    marker = ""
    for column, year in cost_columns:
        text = cost_cells.get(year, "")
        if not text:
            continue
        try:
            parsed = parse_amount(text)
        except AmountError as exc:
            error("cost", str(exc), column.header)
            continue
        costs[year] = parsed.amount
        marker = marker or parsed.marker
    if cost_columns and not costs and not any(e.row == number for e in plan.errors[errors_before:]):
        error("cost", _("Enter the cost"), cost_columns[0][0].header)
    footnote_cell = _cell(row, col.get("footnote"))
    if footnote_cell:
        marker = footnote_cell
    organisation: Organisation | None = None
    organisation_text = ""
    unknown = ""
    if (
        not organisation_cell
        or _UNCONFIRMED.match(organisation_cell)
        or organisation_cell in organisations.known_texts
    ):
        organisation_text = organisation_cell or _("To be confirmed")
    else:
        matches = organisations.find(organisation_cell)
        if len(matches) == 1:
            organisation = matches[0]
        elif len(matches) > 1:
            error(
                "organisation",
                _('"%(name)s" matches %(count)s organisations in the register: merge them first')
                % {"name": organisation_cell, "count": len(matches)},
            )
        else:
            unknown = organisation_cell
            entry = plan.unknown_organisations.setdefault(
                normalise_name(organisation_cell),
                UnknownOrganisation(
                    name=organisation_cell,
                    rows=[],
                    suggestions=organisations.suggest(organisation_cell),
                ),
            )
            entry.rows.append(number)
    reach = None
    try:
        reach = places.read(_cell(row, col.get("reach")))
    except CellError as exc:
        error("reach", str(exc))
    mechanism = ""
    try:
        mechanism = read_mechanism(_cell(row, col.get("mechanism")))
    except CellError as exc:
        error("mechanism", str(exc))
    end_date = None
    try:
        end_date = read_date(_cell(row, col.get("contract_end_date")))
    except CellError as exc:
        error("contract_end_date", str(exc))
    intention_code = _cell(row, col.get("intention_code"))
    if len(intention_code) > 20:
        error("intention_code", _("Commissioning intention must be 20 characters or fewer"))
    identity = None
    reference = _cell(row, col.get("reference"))
    if reference:
        try:
            identity = uuid.UUID(reference)
        except ValueError:
            error("reference", _("Leave the reference as it was exported, or empty it"))
        else:
            if identity in references:
                error("reference", _("Two rows have the same reference: empty one of them"))
            references.add(identity)
    if len(plan.errors) > errors_before or reach is None:
        return None
    return PlannedLine(
        row=number,
        category=category.strip(),
        name=name,
        organisation=organisation,
        organisation_text=organisation_text,
        unknown_organisation=unknown,
        provision=_cell(row, col.get("provision")),
        costs=costs,
        marker=marker,
        reach_scope=reach.scope,
        reach_sub_areas=reach.sub_areas,
        reach_group=reach.group,
        reach_partial=reach.partial,
        mechanism=mechanism,
        contract_end_date=end_date,
        intention_code=intention_code,
        identity=identity,
    )


def _check_subtotals(
    plan: ImportPlan,
    subtotals: list[tuple[int, list[PlannedLine], Decimal]],
    cost_columns: list[tuple[Column, FinancialYear]],
) -> None:
    """Total rows are never imported (totals are always computed), but a stated total
    that differs from its lines by a pound or more (more than rounding) is worth a warning."""
    if not cost_columns:
        return
    year = cost_columns[0][1]
    for row, lines, stated in subtotals:
        computed = sum((line.costs.get(year, Decimal(0)) for line in lines), Decimal(0))
        if abs(computed - stated) >= 1:
            plan.warnings.append(
                _("Row %(row)s states a total of £%(stated)s but its lines add up to £%(computed)s")
                % {"row": row, "stated": f"{stated:,.2f}", "computed": f"{computed:,.2f}"}
            )


def _keep_identities(plan: ImportPlan) -> None:
    """Re-importing into the same framework keeps each line's identity (matched by
    reference, else by category and name), so comparisons with other years still hold."""
    existing = {
        (line.category.name.lower(), line.name.lower()): line.identity
        for line in plan.framework.lines.select_related("category")
    }
    taken = {line.identity for line in plan.lines if line.identity}
    for line in plan.lines:
        if line.identity is None:
            identity = existing.get((line.category.lower(), line.name.lower()))
            if identity is not None and identity not in taken:
                line.identity = identity
                taken.add(identity)


# What to do with an organisation the register does not have.
CREATE = "create"
AS_TEXT = "text"


@transaction.atomic
def apply_import(
    *,
    actor: Any,
    plan: ImportPlan,
    organisation_choices: dict[str, Organisation | str] | None = None,
    default_kind: str = Organisation.Kind.VCS,
) -> Framework:
    """Replace the framework's lines with the plan's. ``organisation_choices`` maps each
    unknown organisation's key (as in ``plan.unknown_organisations``) to an existing
    Organisation, CREATE or AS_TEXT; any left out are refused."""
    if not plan.ok:
        raise ValidationError(_("Correct the errors in the file before importing it"))
    from commissioning.organisations.services import organisation_create

    framework = Framework.objects.select_for_update().get(pk=plan.framework.pk)
    services.ensure_editable(framework)
    choices = organisation_choices or {}
    resolved: dict[str, tuple[Organisation | None, str]] = {}
    for key, unknown in plan.unknown_organisations.items():
        choice = choices.get(key)
        if isinstance(choice, Organisation):
            resolved[key] = (choice, "")
        elif choice == CREATE:
            created = organisation_create(
                actor=actor,
                name=unknown.name,
                kind=default_kind,
                same_name_confirmed=True,
                notes=_("Added when importing service lines into %(framework)s")
                % {"framework": framework},
            )
            resolved[key] = (created, "")
        elif choice == AS_TEXT:
            resolved[key] = (None, unknown.name)
        else:
            raise ValidationError(
                _(
                    "Say what to do with %(name)s: choose an organisation, add it, "
                    "or keep the name as text"
                )
                % {"name": unknown.name}
            )
    for old_line in list(framework.lines.all()):
        services.service_line_delete(actor=actor, line=old_line)
    categories = {c.name.lower(): c for c in framework.categories.all()}
    for name in plan.new_categories:
        categories[name.lower()] = services.category_create(
            actor=actor, framework=framework, name=name
        )
    footnotes = {f.marker: f for f in framework.footnotes.all()}
    for marker, text in plan.footnotes.items():
        footnotes[marker] = services.footnote_save(
            actor=actor,
            framework=framework,
            marker=marker,
            text=text,
            footnote=footnotes.get(marker),
        )
    for order, planned in enumerate(plan.lines, start=1):
        organisation, text = planned.organisation, planned.organisation_text
        if planned.unknown_organisation:
            organisation, text = resolved[normalise_name(planned.unknown_organisation)]
        fields: dict[str, Any] = {}
        if planned.identity is not None:
            fields["identity"] = planned.identity
        services.service_line_create(
            actor=actor,
            framework=framework,
            costs=planned.costs,
            reach_sub_areas=planned.reach_sub_areas,
            order=order,
            name=planned.name,
            category=categories[planned.category.lower()],
            organisation=organisation,
            organisation_text=text,
            provision=planned.provision,
            reach_scope=planned.reach_scope,
            reach_group=planned.reach_group,
            reach_partial=planned.reach_partial,
            mechanism=planned.mechanism,
            contract_end_date=planned.contract_end_date,
            intention_code=planned.intention_code,
            footnote=footnotes.get(planned.marker) if planned.marker else None,
            **fields,
        )
    return framework
