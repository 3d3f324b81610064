"""Reads for the transparency site and the public API: published records only.

Every queryset starts from a public policy (:mod:`.policies`), so a page or an endpoint
cannot show a record the rules keep private by forgetting a filter.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import BudgetCategory, Framework, FrameworkStatus
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision
from commissioning.documents.models import Document
from commissioning.documents.selectors import public_documents

from .policies import (
    public_areas,
    public_consultations,
    public_decisions,
    public_frameworks,
)

ANONYMOUS: Any = None  # the public policies do not depend on who asks


def _count(queryset: "QuerySet[Any]") -> Any:
    counted = (
        queryset.filter(area=OuterRef("pk"))
        .order_by()
        .values("area")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


def areas_with_publications() -> "QuerySet[PolicingArea]":
    """Areas with something published, each with how many of each kind (one query)."""
    return (
        public_areas.visible(ANONYMOUS)
        .annotate(
            framework_count=_count(public_frameworks.visible(ANONYMOUS)),
            decision_count=_count(public_decisions.visible(ANONYMOUS)),
            consultation_count=_count(public_consultations.visible(ANONYMOUS)),
        )
        .order_by("name")
    )


def area_frameworks(area: PolicingArea) -> list[Framework]:
    """The area's public frameworks, newest first; each superseded one knows its
    ``current`` version (see :func:`link_versions`)."""
    frameworks = list(
        public_frameworks.visible(ANONYMOUS)
        .filter(area=area)
        .order_by("-first_year", "-version", "-pk")
    )
    link_versions(frameworks)
    return frameworks


def link_versions(frameworks: list[Framework]) -> None:
    """Set ``current`` (the published version a superseded one was replaced by, or
    itself) and ``earlier_versions`` (public versions it was refreshed from, newest
    first) on each of ``frameworks``: all the public frameworks of one area.

    A refresh supersedes the version it was based on when it is published, so the
    versions form chains through ``based_on``."""
    by_pk = {framework.pk: framework for framework in frameworks}
    successors: dict[int, list[Framework]] = {}
    for framework in frameworks:
        if framework.based_on_id in by_pk:
            successors.setdefault(framework.based_on_id, []).append(framework)
    for framework in frameworks:
        current, seen = framework, {framework.pk}
        while current.status == FrameworkStatus.SUPERSEDED and successors.get(current.pk):
            later = max(successors[current.pk], key=lambda f: (f.version, f.pk))
            if later.pk in seen:
                break
            seen.add(later.pk)
            current = later
        framework.current = current  # type: ignore[attr-defined]
        earlier, step, walked = [], framework.based_on_id, {framework.pk}
        while step in by_pk and step not in walked:
            walked.add(step)
            earlier.append(by_pk[step])
            step = by_pk[step].based_on_id
        framework.earlier_versions = earlier  # type: ignore[attr-defined]


def framework_for_page(area: PolicingArea, pk: int) -> Framework:
    """A public framework of ``area`` with its versions linked; 404 otherwise."""
    framework = public_frameworks.get_visible_or_404(
        ANONYMOUS,
        queryset=Framework.objects.select_related("area", "plan", "based_on"),
        pk=pk,
        area=area,
    )
    frameworks = area_frameworks(area)
    for candidate in frameworks:
        if candidate.pk == framework.pk:
            candidate.area = framework.area
            candidate.plan = framework.plan
            return candidate
    return framework  # pragma: no cover - the framework is one of the area's public ones


def area_decisions(area: PolicingArea) -> "QuerySet[Decision]":
    return (
        public_decisions.visible(ANONYMOUS)
        .filter(area=area)
        .select_related("framework", "consultation")
        .order_by("-decided_on", "-reference")
    )


def framework_decisions(framework: Framework) -> "QuerySet[Decision]":
    return (
        public_decisions.visible(ANONYMOUS)
        .filter(framework=framework)
        .order_by("-decided_on", "-reference")
    )


def area_consultations(area: PolicingArea) -> "QuerySet[Consultation]":
    return (
        public_consultations.visible(ANONYMOUS)
        .filter(area=area)
        .select_related("framework")
        .order_by("-opens_at", "title")
    )


def area_documents(area: PolicingArea) -> "QuerySet[Document]":
    """Public documents of the area's frameworks, consultations and decision records."""
    return (
        public_documents()
        .filter(Q(framework__area=area) | Q(consultation__area=area) | Q(decision__area=area))
        .select_related("framework", "consultation", "decision")
        .order_by("kind", "order", "title", "pk")
    )


def documents_of(**parent: Any) -> "QuerySet[Document]":
    """Public documents of one parent (``framework=``, ``consultation=`` or ``decision=``)."""
    return public_documents().filter(**parent).order_by("order", "title", "pk")


def priorities_by_category(framework: Framework) -> dict[int, list[str]]:
    """Each category's plan priorities, in one query."""
    through = BudgetCategory.priorities.through
    names: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(budgetcategory__framework=framework)
        .order_by("priority__order", "priority__name")
        .values_list("budgetcategory_id", "priority__name")
    )
    for category_id, name in rows:
        names.setdefault(category_id, []).append(name)
    return names


@dataclass
class AreaPage:
    area: PolicingArea
    frameworks: list[Framework]
    decisions: list[Decision]
    consultations: list[Consultation]
    documents: list[Document] = field(default_factory=list)


def area_page(area: PolicingArea) -> AreaPage:
    return AreaPage(
        area=area,
        frameworks=area_frameworks(area),
        decisions=list(area_decisions(area)),
        consultations=list(area_consultations(area)),
        documents=list(area_documents(area)),
    )


def is_public_framework(framework: Framework | None) -> bool:
    return framework is not None and framework.status in (
        FrameworkStatus.PUBLISHED,
        FrameworkStatus.SUPERSEDED,
    )


def is_public_consultation(consultation: Consultation | None) -> bool:
    return consultation is not None and public_consultations.is_open_to_public(consultation)


def with_public_links(decisions: list[Decision]) -> list[Decision]:
    """Set ``public_framework`` and ``public_consultation`` on each decision: what it
    decided on, only when that is public too (a decision may be published before the
    framework it approves)."""
    for decision in decisions:
        framework = decision.framework if decision.framework_id else None
        consultation = decision.consultation if decision.consultation_id else None
        decision.public_framework = framework if is_public_framework(framework) else None  # type: ignore[attr-defined]
        decision.public_consultation = (  # type: ignore[attr-defined]
            consultation if is_public_consultation(consultation) else None
        )
    return decisions
