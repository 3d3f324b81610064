"""Data for the report pages' tests (summary, compare, import, export, commands): LLR
with its sub-areas and the seed's organisations, and seed 002's Appendix A imported."""

from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from commissioning.areas.models import PolicingArea, SubArea
from commissioning.budgets.models import Framework
from commissioning.budgets.spreadsheets.importing import AS_TEXT, apply_import, plan_import
from commissioning.budgets.spreadsheets.reading import read_table
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    OrganisationFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    SubAreaFactory,
    SubAreaGroupFactory,
)

Y16 = FinancialYear(2016)
Y17 = FinancialYear(2017)
SEED_CSV = (
    Path(__file__).resolve().parents[2] / "commissioning/demo/seeds/llr_2017_18_appendix_a.csv"
)
SEED_ORGANISATIONS = (
    "Catch 22",
    "24/7 Locks",
    "FreeVA",
    "United Against Violence and Abuse (UAVA)",
    "Living Without Abuse",
    "Turning Point",
    "Leicester City Council",
    "Leicestershire County Council",
    "Leicestershire Cares",
    "The Hampton Trust",
    "New Dawn New Day",
    "Crimestoppers",
    "Go-Getta CIC",
    "Community Projects Plus",
    "Pedestrian Limited",
)


def make_llr() -> PolicingArea:
    area = cast(
        PolicingArea,
        PolicingAreaFactory(
            name="Leicester, Leicestershire and Rutland", short_name="LLR", slug="llr"
        ),
    )
    SubAreaFactory(area=area, name="Leicester City", kind=SubArea.Kind.UNITARY)
    county = SubAreaFactory(area=area, name="Leicestershire", kind=SubArea.Kind.COUNTY)
    rutland = SubAreaFactory(area=area, name="Rutland", kind=SubArea.Kind.UNITARY)
    group: Any = SubAreaGroupFactory(area=area, name="Leicestershire and Rutland")
    group.members.set([county, rutland])
    for name in SEED_ORGANISATIONS:
        OrganisationFactory(name=name)
    return area


def import_seed(framework: Framework, actor: Any) -> Framework:
    """Seed 002's Appendix A, every unknown organisation kept as text."""
    table = read_table(SEED_CSV.read_bytes(), SEED_CSV.name)
    plan = plan_import(framework=framework, table=table)
    assert plan.ok, plan.errors
    return apply_import(
        actor=actor,
        plan=plan,
        organisation_choices=dict.fromkeys(plan.unknown_organisations, AS_TEXT),
    )


def framework_with_lines(
    *, categories: int = 4, lines_per_category: int = 10, amount: str = "1000.00", **kwargs: Any
) -> Framework:
    """A framework with ``categories`` x ``lines_per_category`` lines, each costing
    ``amount`` in its first year."""
    framework = cast(Framework, FrameworkFactory(**kwargs))
    for number in range(categories):
        category = CategoryFactory(framework=framework, name=f"Theme {number}", order=number)
        for _ in range(lines_per_category):
            line = ServiceLineFactory(category=category, framework=framework)
            ServiceLineCostFactory(line=line, year=framework.first_year, amount=Decimal(amount))
    return framework


def add_line(framework: Framework, category_name: str, name: str, amount: str, **kw: Any) -> Any:
    category = framework.categories.filter(name=category_name).first() or CategoryFactory(
        framework=framework, name=category_name
    )
    line = ServiceLineFactory(framework=framework, category=category, name=name, **kw)
    ServiceLineCostFactory(line=line, year=framework.first_year, amount=Decimal(amount))
    return line


__all__ = ["Y16", "Y17", "add_line", "framework_with_lines", "import_seed", "make_llr"]
