"""Every write to a framework. Keyword-only, atomic, validating before saving, and
audited through django-simple-history (who, when, before and after).

Services raise ``django.core.exceptions.ValidationError`` with messages fit to show to
the officer; views turn them into form errors.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea, SubArea
from commissioning.core.years import FinancialYear
from commissioning.plans.models import PoliceAndCrimePlan, Priority

from .models import (
    BudgetCategory,
    Footnote,
    Framework,
    FrameworkBudget,
    FrameworkStatus,
    FundingSource,
    LineFunding,
    Mechanism,
    NarrativeSection,
    ReachScope,
    ServiceLine,
    ServiceLineCost,
)

S = FrameworkStatus

# The lifecycle, readable in one screen: from each status, where it may go next.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.CONSULTATION, S.FINAL),
    S.CONSULTATION: (S.DRAFT, S.FINAL),
    S.FINAL: (S.DRAFT, S.PUBLISHED),
    S.PUBLISHED: (S.SUPERSEDED,),
    S.SUPERSEDED: (),
}
# Content can change only before a framework is final.
EDITABLE = frozenset({S.DRAFT, S.CONSULTATION})

# Rules other apps add for publishing, without this app importing them (apps above
# budgets register in their AppConfig.ready()). A requirement returns why the framework
# may not be published yet, or None; ON_PUBLISH hooks run in the same transaction, after
# the framework is saved as published (the decisions app publishes its signed records).
PUBLISH_REQUIREMENTS: list[Callable[[Framework], str | None]] = []
ON_PUBLISH: list[Callable[..., None]] = []


def _audited(instance: Any, actor: Any, reason: str | None = None) -> Any:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


def _save(instance: Any, actor: Any, reason: str | None = None) -> Any:
    _audited(instance, actor, reason)
    instance.full_clean()
    instance.save()
    return instance


def _delete(instance: Any, actor: Any, reason: str | None = None) -> None:
    _audited(instance, actor, reason)
    instance.delete()


def ensure_editable(framework: Framework) -> None:
    if framework.status not in EDITABLE:
        raise ValidationError(
            _(
                "This framework is %(status)s, so it cannot be changed. "
                "Start a refresh to make a new version."
            )
            % {"status": framework.get_status_display().lower()}
        )


def _check_years(framework: Framework, year: FinancialYear) -> None:
    if not framework.first_year <= year <= framework.last_year:
        raise ValidationError(
            _("%(year)s is outside this framework's years (%(first)s to %(last)s)")
            % {"year": year, "first": framework.first_year, "last": framework.last_year}
        )


# --- Frameworks -------------------------------------------------------------------------


@transaction.atomic
def framework_create(
    *,
    actor: Any,
    area: PolicingArea,
    title: str,
    first_year: FinancialYear,
    last_year: FinancialYear | None = None,
    plan: PoliceAndCrimePlan | None = None,
    budgets: Mapping[FinancialYear, Decimal] | None = None,
    categories: Iterable[str] = (),
) -> Framework:
    last_year = last_year or first_year
    if last_year < first_year:
        raise ValidationError(_("The last financial year must be the same as or after the first"))
    if plan is not None and plan.area_id != area.pk:
        raise ValidationError(_("Choose a Police and Crime Plan for %(area)s") % {"area": area})
    framework = _save(
        Framework(area=area, title=title, first_year=first_year, last_year=last_year, plan=plan),
        actor,
    )
    for year, amount in (budgets or {}).items():
        framework_budget_set(actor=actor, framework=framework, year=year, amount=amount)
    for order, name in enumerate(categories, start=1):
        category_create(actor=actor, framework=framework, name=name, order=order)
    return framework


@transaction.atomic
def framework_update(*, actor: Any, framework: Framework, **changes: Any) -> Framework:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    ensure_editable(framework)
    allowed = {"title", "plan", "consultation_closes_on", "display_unit"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))} here")
    for name, value in changes.items():
        setattr(framework, name, value)
    if framework.plan is not None and framework.plan.area_id != framework.area_id:
        raise ValidationError(
            _("Choose a Police and Crime Plan for %(area)s") % {"area": framework.area}
        )
    return _save(framework, actor)


@transaction.atomic
def framework_budget_set(
    *, actor: Any, framework: Framework, year: FinancialYear, amount: Decimal
) -> FrameworkBudget:
    ensure_editable(framework)
    _check_years(framework, year)
    if amount < 0:
        raise ValidationError(_("Enter a budget of £0 or more"))
    budget = (
        FrameworkBudget.objects.select_for_update().filter(framework=framework, year=year).first()
    )
    if budget is None:
        budget = FrameworkBudget(framework=framework, year=year, amount=amount)
    budget.amount = amount
    return _save(budget, actor)


@transaction.atomic
def framework_transition(
    *, actor: Any, framework: Framework, to: str, closes_on: date | None = None
) -> Framework:
    """Move a framework through its lifecycle (see TRANSITIONS)."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if to not in TRANSITIONS[framework.status]:
        raise ValidationError(
            _("A %(current)s framework cannot be made %(target)s")
            % {
                "current": framework.get_status_display().lower(),
                "target": S(to).label.lower(),
            }
        )
    if to == S.CONSULTATION:
        if closes_on is None:
            raise ValidationError(_("Enter the date the consultation closes"))
        if closes_on < timezone.localdate():
            raise ValidationError(_("The consultation must close today or in the future"))
        framework.consultation_closes_on = closes_on
    if to in (S.FINAL, S.PUBLISHED) and not framework.lines.exists():
        raise ValidationError(_("Add at least one service line first"))
    if to == S.PUBLISHED:
        problems = [p for p in (rule(framework) for rule in PUBLISH_REQUIREMENTS) if p]
        if problems:
            raise ValidationError(problems)
    previous_status = framework.status
    framework.status = to
    if to == S.PUBLISHED:
        framework.published_at = timezone.now()
        # Publishing a new version supersedes the one it refreshed, if that was published.
        if framework.based_on_id:
            earlier = Framework.objects.select_for_update().get(pk=framework.based_on_id)
            if earlier.status == S.PUBLISHED:
                earlier.status = S.SUPERSEDED
                _save(earlier, actor, _("Superseded by %(title)s") % {"title": framework.title})
    framework = _save(
        framework,
        actor,
        _("Status changed from %(from)s to %(to)s")
        % {"from": S(previous_status).label, "to": S(to).label},
    )
    if to == S.PUBLISHED:
        for hook in ON_PUBLISH:
            hook(actor=actor, framework=framework)
    return framework


@transaction.atomic
def framework_refresh(
    *,
    actor: Any,
    framework: Framework,
    title: str,
    first_year: FinancialYear | None = None,
    last_year: FinancialYear | None = None,
) -> Framework:
    """Start a new version from an existing one, keeping every identity so that the two
    can be compared line by line. The source framework is not changed.

    When the new version covers later years (next year's framework), each line's cost in
    the source's last year is carried into the new first year as a starting point.
    """
    source = (
        Framework.objects.select_for_update()
        .prefetch_related("categories__priorities", "funding_sources__ring_fenced_categories")
        .get(pk=framework.pk)
    )
    first_year = first_year or source.first_year
    last_year = last_year or max(first_year, source.last_year)
    if last_year < first_year:
        raise ValidationError(_("The last financial year must be the same as or after the first"))
    shift = first_year.start_year - source.first_year.start_year
    new = _save(
        Framework(
            area=source.area,
            plan=source.plan,
            title=title,
            first_year=first_year,
            last_year=last_year,
            based_on=source,
            version=source.version + 1 if shift == 0 else 1,
            display_unit=source.display_unit,
        ),
        actor,
        _("Refreshed from %(title)s (version %(version)s)")
        % {"title": source.title, "version": source.version},
    )

    def moved(year: FinancialYear) -> FinancialYear | None:
        if shift == 0:
            return year
        # Next year's framework starts from the costs of the source's last year.
        return first_year if year == source.last_year else None

    for budget in source.budgets.all():
        year = moved(budget.year)
        if year is not None:
            _save(FrameworkBudget(framework=new, year=year, amount=budget.amount), actor)
    categories: dict[int, BudgetCategory] = {}
    for category in source.categories.all():
        copy = _save(
            BudgetCategory(
                framework=new, identity=category.identity, name=category.name, order=category.order
            ),
            actor,
        )
        copy.priorities.set(category.priorities.all())
        categories[category.pk] = copy
    sources: dict[int, FundingSource] = {}
    for funding_source in source.funding_sources.all():
        year = moved(funding_source.year)
        if year is None:
            continue
        copy_source = _save(
            FundingSource(
                framework=new,
                identity=funding_source.identity,
                year=year,
                name=funding_source.name,
                kind=funding_source.kind,
                amount=funding_source.amount,
                is_ring_fenced=funding_source.is_ring_fenced,
            ),
            actor,
        )
        copy_source.ring_fenced_categories.set(
            categories[c.pk] for c in funding_source.ring_fenced_categories.all()
        )
        sources[funding_source.pk] = copy_source
    for section in source.sections.all():
        _save(
            NarrativeSection(
                framework=new, heading=section.heading, body=section.body, order=section.order
            ),
            actor,
        )
    footnotes: dict[int, Footnote] = {}
    for footnote in source.footnotes.all():
        footnotes[footnote.pk] = _save(
            Footnote(framework=new, marker=footnote.marker, text=footnote.text), actor
        )
    lines = source.lines.prefetch_related("reach_sub_areas", "costs", "funding")
    for line in lines:
        copy_line = _save(
            ServiceLine(
                framework=new,
                identity=line.identity,
                category=categories[line.category_id],
                order=line.order,
                name=line.name,
                organisation_id=line.organisation_id,
                organisation_text=line.organisation_text,
                provision=line.provision,
                reach_scope=line.reach_scope,
                reach_group_id=line.reach_group_id,
                reach_partial=line.reach_partial,
                mechanism=line.mechanism,
                contract_end_date=line.contract_end_date,
                intention_code=line.intention_code,
                footnote=footnotes.get(line.footnote_id) if line.footnote_id else None,
            ),
            actor,
        )
        copy_line.reach_sub_areas.set(line.reach_sub_areas.all())
        for cost in line.costs.all():
            year = moved(cost.year)
            if year is not None:
                _save(ServiceLineCost(line=copy_line, year=year, amount=cost.amount), actor)
        for allocation in line.funding.all():
            if allocation.source_id in sources:
                _save(
                    LineFunding(
                        line=copy_line,
                        source=sources[allocation.source_id],
                        amount=allocation.amount,
                    ),
                    actor,
                )
    return new


# --- Categories -------------------------------------------------------------------------


@transaction.atomic
def category_create(
    *,
    actor: Any,
    framework: Framework,
    name: str,
    order: int | None = None,
    priorities: Iterable[Priority] = (),
) -> BudgetCategory:
    ensure_editable(framework)
    name = name.strip()
    if framework.categories.filter(name__iexact=name).exists():
        raise ValidationError(
            _("This framework already has a category called %(name)s") % {"name": name}
        )
    if order is None:
        order = (framework.categories.aggregate(m=Max("order"))["m"] or 0) + 1
    category = _save(BudgetCategory(framework=framework, name=name, order=order), actor)
    _set_priorities(framework, category, priorities)
    return category


def _set_priorities(
    framework: Framework, category: BudgetCategory, priorities: Iterable[Priority]
) -> None:
    chosen = list(priorities)
    if any(p.plan_id != framework.plan_id for p in chosen):
        raise ValidationError(_("Choose priorities from the framework's Police and Crime Plan"))
    category.priorities.set(chosen)


@transaction.atomic
def category_update(
    *,
    actor: Any,
    category: BudgetCategory,
    name: str | None = None,
    order: int | None = None,
    priorities: Iterable[Priority] | None = None,
) -> BudgetCategory:
    category = (
        BudgetCategory.objects.select_for_update().select_related("framework").get(pk=category.pk)
    )
    ensure_editable(category.framework)
    if name is not None:
        name = name.strip()
        clash = category.framework.categories.filter(name__iexact=name).exclude(pk=category.pk)
        if clash.exists():
            raise ValidationError(
                _("This framework already has a category called %(name)s") % {"name": name}
            )
        category.name = name
    if order is not None:
        category.order = order
    _save(category, actor)
    if priorities is not None:
        _set_priorities(category.framework, category, priorities)
    return category


@transaction.atomic
def category_delete(*, actor: Any, category: BudgetCategory) -> None:
    ensure_editable(category.framework)
    if category.lines.exists():
        raise ValidationError(
            _("Move or delete the %(count)s lines in %(name)s before deleting it")
            % {"count": category.lines.count(), "name": category.name}
        )
    _delete(category, actor)


# --- Funding sources ---------------------------------------------------------------------


@transaction.atomic
def funding_source_save(
    *,
    actor: Any,
    framework: Framework,
    source: FundingSource | None = None,
    year: FinancialYear,
    name: str,
    kind: str,
    amount: Decimal,
    is_ring_fenced: bool = False,
    ring_fenced_categories: Iterable[BudgetCategory] = (),
) -> FundingSource:
    """Create a source, or change one (``source`` given)."""
    ensure_editable(framework)
    _check_years(framework, year)
    categories = list(ring_fenced_categories)
    if is_ring_fenced and not categories:
        raise ValidationError(_("Select the categories a ring-fenced source may fund"))
    if any(c.framework_id != framework.pk for c in categories):
        raise ValidationError(_("Select categories of this framework"))
    if source is None:
        source = FundingSource(framework=framework)
    else:
        source = FundingSource.objects.select_for_update().get(pk=source.pk, framework=framework)
    source.year, source.name, source.kind = year, name.strip(), kind
    source.amount, source.is_ring_fenced = amount, is_ring_fenced
    _save(source, actor)
    source.ring_fenced_categories.set(categories if is_ring_fenced else [])
    if is_ring_fenced:
        # Narrowing a ring-fence must not leave lines funded outside it.
        outside = source.allocations.exclude(line__category__in=categories).select_related("line")
        if outside.exists():
            raise ValidationError(
                _("%(source)s already funds %(line)s, which is outside the categories selected")
                % {"source": source.name, "line": outside[0].line.name}
            )
    return source


@transaction.atomic
def funding_source_delete(*, actor: Any, source: FundingSource) -> None:
    ensure_editable(source.framework)
    if source.allocations.exists():
        raise ValidationError(
            _("%(source)s funds lines: remove it from those lines first") % {"source": source.name}
        )
    _delete(source, actor)


# --- Service lines -----------------------------------------------------------------------

LINE_FIELDS = (
    "name",
    "category",
    "organisation",
    "organisation_text",
    "provision",
    "reach_scope",
    "reach_group",
    "reach_partial",
    "mechanism",
    "contract_end_date",
    "intention_code",
    "footnote",
)


def _validate_line(line: ServiceLine, sub_areas: list[SubArea]) -> None:
    framework = line.framework
    if line.category.framework_id != framework.pk:
        raise ValidationError({"category": _("Select a category of this framework")})
    if line.organisation is not None and line.organisation_text:
        raise ValidationError(
            {"organisation_text": _("Either choose an organisation or describe it, not both")}
        )
    if line.organisation is None and not line.organisation_text:
        line.organisation_text = _("To be confirmed")
    if line.organisation is not None and line.organisation.merged_into_id:
        raise ValidationError(
            {
                "organisation": _("%(name)s was merged into another record: choose that one")
                % {"name": line.organisation.name}
            }
        )
    if line.reach_scope == ReachScope.SUB_AREAS and not sub_areas:
        raise ValidationError({"reach_sub_areas": _("Select the sub-areas the service reaches")})
    if any(s.area_id != framework.area_id for s in sub_areas):
        raise ValidationError(
            {"reach_sub_areas": _("Select sub-areas of %(area)s") % {"area": framework.area}}
        )
    if line.reach_scope == ReachScope.GROUP:
        if line.reach_group is None:
            raise ValidationError(
                {"reach_group": _("Select the group of sub-areas the service reaches")}
            )
        if line.reach_group.area_id != framework.area_id:
            raise ValidationError(
                {"reach_group": _("Select a group in %(area)s") % {"area": framework.area}}
            )
    else:
        line.reach_group = None
    if line.footnote is not None and line.footnote.framework_id != framework.pk:
        raise ValidationError({"footnote": _("Select a footnote of this framework")})


def _set_costs(
    line: ServiceLine, costs: Mapping[FinancialYear, Decimal | None], actor: Any
) -> None:
    existing = {cost.year: cost for cost in line.costs.select_for_update()}
    for year, amount in costs.items():
        _check_years(line.framework, year)
        cost = existing.get(year)
        if amount is None:
            if cost is not None:
                if line.funding.filter(source__year=year).exists():
                    raise ValidationError(
                        _("Remove the funding for %(year)s before removing its cost")
                        % {"year": year}
                    )
                _delete(cost, actor)
            continue
        if amount < 0:
            raise ValidationError({"costs": _("Enter a cost of £0 or more")})
        if cost is None:
            _save(ServiceLineCost(line=line, year=year, amount=amount), actor)
        elif cost.amount != amount:
            cost.amount = amount
            _save(cost, actor)


@transaction.atomic
def service_line_create(
    *,
    actor: Any,
    framework: Framework,
    costs: Mapping[FinancialYear, Decimal | None],
    reach_sub_areas: Iterable[SubArea] = (),
    order: int | None = None,
    **fields: Any,
) -> ServiceLine:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    ensure_editable(framework)
    unknown = set(fields) - set(LINE_FIELDS) - {"identity"}
    if unknown:
        raise TypeError(f"unknown line fields: {', '.join(sorted(unknown))}")
    fields.setdefault("mechanism", Mechanism.DIRECT)
    line = ServiceLine(framework=framework, **fields)
    if order is None:
        order = (
            framework.lines.filter(category=line.category).aggregate(m=Max("order"))["m"] or 0
        ) + 1
    line.order = order
    sub_areas = list(reach_sub_areas)
    _validate_line(line, sub_areas)
    _save(line, actor)
    line.reach_sub_areas.set(sub_areas if line.reach_scope == ReachScope.SUB_AREAS else [])
    _set_costs(line, costs, actor)
    return line


@transaction.atomic
def service_line_update(
    *,
    actor: Any,
    line: ServiceLine,
    costs: Mapping[FinancialYear, Decimal | None] | None = None,
    reach_sub_areas: Iterable[SubArea] | None = None,
    **fields: Any,
) -> ServiceLine:
    line = ServiceLine.objects.select_for_update().select_related("framework").get(pk=line.pk)
    ensure_editable(line.framework)
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise TypeError(f"unknown line fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(line, name, value)
    sub_areas = (
        list(reach_sub_areas) if reach_sub_areas is not None else list(line.reach_sub_areas.all())
    )
    _validate_line(line, sub_areas)
    if "category" in fields:
        _check_ring_fences(line, line.funding.select_related("source"))
    _save(line, actor)
    line.reach_sub_areas.set(sub_areas if line.reach_scope == ReachScope.SUB_AREAS else [])
    if costs is not None:
        _set_costs(line, costs, actor)
    return line


@transaction.atomic
def service_line_delete(*, actor: Any, line: ServiceLine) -> None:
    ensure_editable(line.framework)
    for allocation in line.funding.all():
        _delete(allocation, actor)
    for cost in line.costs.all():
        _delete(cost, actor)
    _delete(line, actor)


@transaction.atomic
def service_line_move(*, actor: Any, line: ServiceLine, direction: str) -> ServiceLine:
    """Swap a line with its neighbour above ("up") or below ("down") in its category."""
    line = ServiceLine.objects.select_for_update().select_related("framework").get(pk=line.pk)
    ensure_editable(line.framework)
    siblings = list(
        ServiceLine.objects.select_for_update()
        .filter(framework=line.framework_id, category=line.category_id)
        .order_by("order", "pk")
    )
    # Renumber first, so that equal orders (from imports) still move one place at a time.
    for number, sibling in enumerate(siblings, start=1):
        if sibling.order != number:
            sibling.order = number
            _save(sibling, actor)
    index = next(i for i, s in enumerate(siblings) if s.pk == line.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return siblings[index]
    mine, theirs = siblings[index], siblings[other_index]
    mine.order, theirs.order = theirs.order, mine.order
    _save(mine, actor)
    _save(theirs, actor)
    return mine


@transaction.atomic
def lines_link(*, actor: Any, earlier: ServiceLine, later: ServiceLine) -> ServiceLine:
    """Say that ``later`` is the same service as ``earlier`` (in another framework), so that
    comparisons match them whatever their names."""
    later = ServiceLine.objects.select_for_update().get(pk=later.pk)
    if earlier.framework_id == later.framework_id:
        raise ValidationError(_("Choose a line from a different framework"))
    clash = ServiceLine.objects.filter(
        framework=later.framework_id, identity=earlier.identity
    ).exclude(pk=later.pk)
    if clash.exists():
        raise ValidationError(
            _("%(name)s is already linked to that line") % {"name": clash.first()}
        )
    later.identity = earlier.identity
    return _save(
        later,
        actor,
        _("Linked to %(name)s in %(framework)s")
        % {"name": earlier.name, "framework": earlier.framework},
    )


# --- Funding of lines --------------------------------------------------------------------


def _check_ring_fences(line: ServiceLine, allocations: Iterable[LineFunding]) -> None:
    for allocation in allocations:
        source = allocation.source
        if (
            source.is_ring_fenced
            and not source.ring_fenced_categories.filter(pk=line.category_id).exists()
        ):
            allowed = ", ".join(c.name for c in source.ring_fenced_categories.all())
            raise ValidationError(
                _(
                    "%(source)s is ring-fenced to %(allowed)s, so it cannot fund "
                    "%(line)s in %(category)s"
                )
                % {
                    "source": source.name,
                    "allowed": allowed,
                    "line": line.name,
                    "category": line.category.name,
                }
            )


@transaction.atomic
def line_funding_set(
    *, actor: Any, line: ServiceLine, splits: Mapping[FundingSource, Decimal]
) -> list[LineFunding]:
    """Replace how a line is funded: a split of amounts across sources.

    Refuses a ring-fenced source outside its categories, a source of another framework,
    and a split that adds up to more than the line costs in a source's year.
    """
    line = (
        ServiceLine.objects.select_for_update()
        .select_related("framework", "category")
        .get(pk=line.pk)
    )
    ensure_editable(line.framework)
    costs = {cost.year: cost.amount for cost in line.costs.all()}
    per_year: dict[FinancialYear, Decimal] = {}
    proposed = []
    for source, amount in splits.items():
        if source.framework_id != line.framework_id:
            raise ValidationError(_("Choose funding sources of this framework"))
        if amount is None or amount <= 0:
            continue
        per_year[source.year] = per_year.get(source.year, Decimal(0)) + amount
        proposed.append(LineFunding(line=line, source=source, amount=amount))
    _check_ring_fences(line, proposed)
    for year, total in per_year.items():
        if total > costs.get(year, Decimal(0)):
            raise ValidationError(
                _("The funding for %(year)s (£%(total)s) is more than the line costs (£%(cost)s)")
                % {
                    "year": year,
                    "total": f"{total:,.2f}",
                    "cost": f"{costs.get(year, Decimal(0)):,.2f}",
                }
            )
    existing = {allocation.source_id: allocation for allocation in line.funding.select_for_update()}
    kept = []
    for allocation in proposed:
        current = existing.pop(allocation.source.pk, None)
        if current is None:
            kept.append(_save(allocation, actor))
        else:
            if current.amount != allocation.amount:
                current.amount = allocation.amount
                _save(current, actor)
            kept.append(current)
    for leftover in existing.values():
        _delete(leftover, actor)
    return kept


# --- Narrative and footnotes -------------------------------------------------------------


@transaction.atomic
def section_save(
    *,
    actor: Any,
    framework: Framework,
    heading: str,
    body: str,
    section: NarrativeSection | None = None,
    order: int | None = None,
) -> NarrativeSection:
    ensure_editable(framework)
    if section is None:
        if order is None:
            order = (framework.sections.aggregate(m=Max("order"))["m"] or 0) + 1
        section = NarrativeSection(framework=framework, order=order)
    elif order is not None:
        section.order = order
    section.heading, section.body = heading.strip(), body
    return _save(section, actor)


@transaction.atomic
def footnote_save(
    *, actor: Any, framework: Framework, marker: str, text: str, footnote: Footnote | None = None
) -> Footnote:
    ensure_editable(framework)
    marker = marker.strip()
    clash = framework.footnotes.filter(marker=marker)
    if footnote is not None:
        clash = clash.exclude(pk=footnote.pk)
    if clash.exists():
        raise ValidationError(
            _("This framework already has a footnote marked %(m)s") % {"m": marker}
        )
    footnote = footnote or Footnote(framework=framework)
    footnote.marker, footnote.text = marker, text.strip()
    return _save(footnote, actor)


@transaction.atomic
def section_move(*, actor: Any, section: NarrativeSection, direction: str) -> None:
    """Swap a section with its neighbour above ("up") or below ("down")."""
    framework = section.framework
    ensure_editable(framework)
    siblings = list(
        NarrativeSection.objects.select_for_update()
        .filter(framework=framework)
        .order_by("order", "pk")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    # Renumber all, so that equal orders still move one place at a time.
    for number, sibling in enumerate(siblings, start=1):
        if sibling.order != number:
            section_save(
                actor=actor,
                framework=framework,
                section=sibling,
                heading=sibling.heading,
                body=sibling.body,
                order=number,
            )


@transaction.atomic
def section_delete(*, actor: Any, section: NarrativeSection) -> None:
    ensure_editable(section.framework)
    _delete(section, actor)


@transaction.atomic
def footnote_delete(*, actor: Any, footnote: Footnote) -> None:
    """Delete a footnote, first taking it off its lines one by one (the database's SET
    NULL would change them without a history entry)."""
    ensure_editable(footnote.framework)
    for line in footnote.lines.all():
        service_line_update(actor=actor, line=line, footnote=None)
    _delete(footnote, actor)
