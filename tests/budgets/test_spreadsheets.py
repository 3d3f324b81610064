import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from commissioning.areas.models import SubArea
from commissioning.budgets import selectors, services
from commissioning.budgets.models import Mechanism, ReachScope
from commissioning.budgets.spreadsheets.exporting import export_csv, export_xlsx
from commissioning.budgets.spreadsheets.importing import AS_TEXT, CREATE, apply_import, plan_import
from commissioning.budgets.spreadsheets.reading import TableError, read_table
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from commissioning.organisations.identifiers import normalise_name
from commissioning.organisations.models import Organisation
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    OrganisationFactory,
    PolicingAreaFactory,
    SubAreaFactory,
    SubAreaGroupFactory,
)

pytestmark = pytest.mark.django_db
Y17 = FinancialYear(2017)
SEED_CSV = (
    Path(__file__).resolve().parents[2] / "commissioning/demo/seeds/llr_2017_18_appendix_a.csv"
)


@pytest.fixture
def llr():
    area = PolicingAreaFactory(
        name="Leicester, Leicestershire and Rutland", short_name="LLR", slug="llr"
    )
    city = SubAreaFactory(area=area, name="Leicester City", kind=SubArea.Kind.UNITARY)
    county = SubAreaFactory(area=area, name="Leicestershire", kind=SubArea.Kind.COUNTY)
    rutland = SubAreaFactory(area=area, name="Rutland", kind=SubArea.Kind.UNITARY)
    group = SubAreaGroupFactory(area=area, name="Leicestershire and Rutland")
    group.members.set([county, rutland])
    for name in (
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
    ):
        OrganisationFactory(name=name)
    return area, city


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def _seed_plan(framework):
    return plan_import(framework=framework, table=read_table(SEED_CSV.read_bytes(), SEED_CSV.name))


def test_seed_002_appendix_a_imports_with_its_published_totals(llr, officer):
    area, city = llr
    framework = FrameworkFactory(area=area, first_year=Y17)
    plan = _seed_plan(framework)

    assert plan.errors == []
    # The file's own sub-totals agree with its lines, so the only note is about headings.
    assert plan.warnings == [
        "These rows were read as category headings: 22 (PREVENTION), 45 (CROSS CUTTING/PARTNERSHIP)"
    ]
    assert len(plan.lines) == 42
    assert plan.new_categories == ["Victims", "Vulnerable", "Prevention", "Cross cutting"]
    assert plan.footnotes["*"].startswith("The PCC is aware that the safeguarding boards")
    unknown = sorted(u.name for u in plan.unknown_organisations.values())
    assert "Force" in unknown
    assert "Go-Getta Community Interest Company (CIC)" not in unknown  # matched to Go-Getta CIC

    force = OrganisationFactory(name="Leicestershire Police", kind=Organisation.Kind.POLICE_FORCE)
    choices = dict.fromkeys(plan.unknown_organisations, AS_TEXT)
    choices[normalise_name("Force")] = force
    choices[normalise_name("Rutland Council")] = CREATE
    apply_import(actor=officer, plan=plan, organisation_choices=choices)

    totals = selectors.framework_totals(framework=framework, year=Y17)
    assert {c.category.name: c.amount for c in totals.categories} == {
        "Victims": Decimal("1321114.00"),
        "Vulnerable": Decimal("860181.00"),
        "Prevention": Decimal("1280775.75"),
        "Cross cutting": Decimal("1206288.00"),
    }
    assert totals.grand_total == Decimal("4668358.75")
    safeguarding = framework.lines.get(name="Safeguarding Boards- City (Adults And Children)")
    assert safeguarding.footnote.marker == "*"
    assert list(safeguarding.reach_sub_areas.all()) == [city]
    county_line = framework.lines.get(name__startswith="Safeguarding Boards- County")
    assert county_line.reach_scope == ReachScope.GROUP
    sub = framework.lines.get(name="Makes Moves - Charnwood")
    assert (sub.reach_partial, sub.costs.get().amount) == (True, Decimal("8683.75"))
    assert framework.lines.filter(organisation=force).count() == 5
    assert Organisation.objects.filter(name="Rutland Council").exists()
    vva = framework.lines.get(name__startswith="Victims Services (Inc.")
    assert vva.organisation_text.startswith("Various")
    assert framework.lines.get(name="Victim First").history.get().history_user == officer


def test_one_bad_row_means_nothing_is_imported_and_every_error_is_shown(llr, officer):
    area, _city = llr
    framework = FrameworkFactory(area=area, first_year=Y17)
    good = CategoryFactory(framework=framework, name="Victims")
    services.service_line_create(
        actor=officer, framework=framework, name="Existing", category=good, costs={Y17: Decimal(1)}
    )
    data = (
        "Service name,Delivery organisation,17/18 proposed costs (£),Geographical reach,Theme,"
        "Funding mechanism,Contract end date\n"
        'Victim First,Catch 22,"307,849",LLR,Victims,Direct,30/09/2017\n'
        ",Catch 22,12.345,Leicester Cty,Victims,Lottery,31/02/2017\n"
        "Hardship fund,Catch 22,,LLR,,,\n"
    ).encode()
    plan = plan_import(framework=framework, table=read_table(data, "broken.csv"))

    assert not plan.ok
    assert [str(e) for e in plan.errors] == [
        "Row 3, Service name: Enter the service name",
        "Row 3, 17/18 proposed costs (£): Enter an amount with no more than 2 decimal places, like £8,683.75",
        'Row 3, Geographical reach: "Leicester Cty" is not a sub-area or group of LLR (did you mean Leicester City or Leicestershire?)',
        "Row 3, Funding mechanism: Enter a funding mechanism: direct, co-commissioning, partnership place-based or grant",
        "Row 3, Contract end date: Enter a real date, like 30/09/2017",
        "Row 4, 17/18 proposed costs (£): Enter the cost",
    ]
    with pytest.raises(Exception, match="Correct the errors"):
        apply_import(actor=officer, plan=plan)
    assert list(framework.lines.values_list("name", flat=True)) == ["Existing"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "The selected file is empty"),
        (b"Name,Provision\nA,B\n", "a.csv", "The file must have a column for Cost"),
        (b"x", "a.pdf", "The selected file must be a CSV or XLSX"),
        (b"not a zip", "a.xlsx", "could not be read as an XLSX"),
        (b"Cost,Costs\n1,2\n", "a.csv", 'two "Cost" columns'),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(data, name, message):
    with pytest.raises(TableError, match=message):
        read_table(data, name)


def test_cp1252_csv_from_excel_is_read():
    data = "Service name,Cost (£)\nCaf\xe9 project,\xa3100\n".encode("cp1252")
    table = read_table(data, "excel.csv")
    assert table.rows[0][1] == ["Café project", "£100"]


def test_unknown_organisation_must_be_resolved(llr, officer):
    area, _city = llr
    framework = FrameworkFactory(area=area, first_year=Y17)
    data = b"Service name,Delivery organisation,Cost,Category\nX,Catch 23,100,Victims\n"
    plan = plan_import(framework=framework, table=read_table(data, "a.csv"))
    assert plan.ok
    unknown = plan.unknown_organisations[normalise_name("Catch 23")]
    assert [o.name for o in unknown.suggestions] == ["Catch 22"]
    with pytest.raises(Exception, match="Say what to do with Catch 23"):
        apply_import(actor=officer, plan=plan)
    assert not framework.lines.exists()


def test_export_then_import_is_the_identity(llr, officer):
    area, _city = llr
    framework = FrameworkFactory(area=area, first_year=Y17)
    plan = _seed_plan(framework)
    apply_import(
        actor=officer,
        plan=plan,
        organisation_choices=dict.fromkeys(plan.unknown_organisations, AS_TEXT),
    )
    before = _snapshot(framework)
    for exporter, filename in ((export_csv, "export.csv"), (export_xlsx, "export.xlsx")):
        exported = exporter(framework)
        again = plan_import(framework=framework, table=read_table(exported, filename))
        assert again.errors == []
        assert again.unknown_organisations == {}
        apply_import(actor=officer, plan=again)
        assert _snapshot(framework) == before


def test_xlsx_export_has_real_numbers_and_headings(llr, officer):
    area, _city = llr
    framework = FrameworkFactory(area=area, first_year=Y17)
    category = CategoryFactory(framework=framework, name="Prevention")
    services.service_line_create(
        actor=officer,
        framework=framework,
        name="Makes Moves",
        category=category,
        costs={Y17: Decimal("8683.75")},
        mechanism=Mechanism.GRANT,
    )
    sheet = load_workbook(io.BytesIO(export_xlsx(framework))).active
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == [
        "Reference",
        "Category",
        "Service name",
        "Delivery organisation",
        "Provision",
        "17/18 proposed costs (£)",
    ]
    assert sheet.cell(row=2, column=6).value == 8683.75
    assert sheet.cell(row=2, column=9).value == "Commissioner's grant"


def _snapshot(framework):
    rows = []
    for line in selectors.service_lines(framework=framework):
        rows.append(
            (
                line.identity,
                line.category.name,
                line.name,
                line.organisation_id,
                line.organisation_text,
                line.provision,
                line.reach_scope,
                tuple(sorted(s.pk for s in line.reach_sub_areas.all())),
                line.reach_group_id,
                line.reach_partial,
                line.mechanism,
                line.contract_end_date,
                line.intention_code,
                line.footnote.marker if line.footnote else "",
                tuple((c.year, c.amount) for c in line.costs.all()),
            )
        )
    return rows


_text = st.characters(codec="utf-8", exclude_categories=["C"])
line_strategy: st.SearchStrategy[dict] = st.fixed_dictionaries(
    {
        "name": st.text(_text, min_size=1, max_size=40)
        .map(str.strip)
        .filter(lambda s: s and not s.lower().endswith("total") and s[0] not in "*†‡"),
        "amount": st.integers(min_value=0, max_value=10**10).map(lambda p: Decimal(p) / 100),
        "category": st.sampled_from(["Victims", "Prevention"]),
        "mechanism": st.sampled_from(list(Mechanism)),
        "provision": st.text(_text, max_size=30).map(str.strip),
    }
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(line_strategy, min_size=1, max_size=6, unique_by=lambda d: d["name"].lower()))
def test_export_import_round_trip_property(make_user, lines):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    framework = FrameworkFactory(first_year=Y17)
    categories = {
        name: CategoryFactory(framework=framework, name=name) for name in ("Victims", "Prevention")
    }
    for line in lines:
        services.service_line_create(
            actor=officer,
            framework=framework,
            name=line["name"],
            category=categories[line["category"]],
            costs={Y17: line["amount"]},
            mechanism=line["mechanism"],
            provision=line["provision"],
        )
    before = _snapshot(framework)
    for exporter, filename in ((export_csv, "x.csv"), (export_xlsx, "x.xlsx")):
        plan = plan_import(framework=framework, table=read_table(exporter(framework), filename))
        assert plan.errors == []
        apply_import(actor=officer, plan=plan)
        assert _snapshot(framework) == before


def test_exports_never_carry_a_live_formula(officer):
    framework = FrameworkFactory(first_year=Y17)
    category = CategoryFactory(framework=framework, name="Victims")
    services.service_line_create(
        actor=officer,
        framework=framework,
        name='=HYPERLINK("http://evil.example")',
        category=category,
        costs={Y17: Decimal("1")},
        provision="@SUM(1)",
    )
    csv_text = export_csv(framework).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    assert "'@SUM(1)" in csv_text
    services.footnote_save(actor=officer, framework=framework, marker="=", text='HYPERLINK("x")')
    sheet = load_workbook(io.BytesIO(export_xlsx(framework))).active
    assert sheet.cell(row=2, column=3).data_type == "s"
    footnote_cell = sheet.cell(row=sheet.max_row, column=1)
    assert footnote_cell.value == '= HYPERLINK("x")'
    assert footnote_cell.data_type == "s"
    for exporter, filename in ((export_csv, "x.csv"), (export_xlsx, "x.xlsx")):
        plan = plan_import(framework=framework, table=read_table(exporter(framework), filename))
        assert [line.name for line in plan.lines] == ['=HYPERLINK("http://evil.example")']
        assert [line.provision for line in plan.lines] == ["@SUM(1)"]
