"""Demo plans and frameworks, from the seed documents.

- LLR's Police and Crime Plan 2013–17 (four themes) and 2017–21 (five priorities and the
  cross-cutting theme of Crime Prevention).
- LLR's refreshed Commissioning Framework 2016/17: seed 000's Table 1 (funding by theme,
  in £m to three decimals, whose parts shown add up to 3.941 against a total of 3.940).
- LLR's draft Commissioning Framework 2017/18: every line of seed 002's Appendix A,
  imported from commissioning/demo/seeds/llr_2017_18_appendix_a.csv through the same
  importer an officer uses, with its footnote, narrative and stated budget (£4.668m), and
  its significant changes against 2016/17 linked line to line.
- Durham's 2018/19 commissioning split across its three priorities (seed 004).

Where a seed gives only a rounded or aggregate figure, the exact amounts here are chosen
to reproduce it and each framework says so in a section "About this demo record".

Frameworks are created once: a later run leaves them (and any changes made to them while
trying the demo) alone.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from commissioning.areas.models import PolicingArea
from commissioning.budgets import services as budget_services
from commissioning.budgets.models import (
    Framework,
    FrameworkStatus,
    FundingSourceKind,
    Mechanism,
)
from commissioning.budgets.spreadsheets.importing import AS_TEXT, apply_import, plan_import
from commissioning.budgets.spreadsheets.reading import read_table
from commissioning.core.years import FinancialYear
from commissioning.organisations.identifiers import normalise_name
from commissioning.organisations.models import Organisation
from commissioning.plans.models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority

from . import data
from .loader import LoadSummary

APPENDIX_A = Path(__file__).resolve().parent / "seeds" / "llr_2017_18_appendix_a.csv"
LLR_2017_TITLE = "Draft Commissioning Framework 2017/18"
LLR_2016_TITLE = "Commissioning Framework 2016/17 (refresh)"
DURHAM_TITLE = "Commissioning 2018/19"


@dataclass(frozen=True)
class PrioritySpec:
    code: str
    name: str
    cross_cutting: bool = False
    questions: tuple[str, ...] = ()


def _plan(
    area: PolicingArea,
    title: str,
    starts_on: date,
    ends_on: date,
    priorities: list[PrioritySpec],
    summary: str,
    load: LoadSummary,
) -> tuple[PoliceAndCrimePlan, dict[str, Priority]]:
    plan = PoliceAndCrimePlan.objects.filter(area=area, title=title).first()
    created = plan is None
    if plan is None:
        plan = PoliceAndCrimePlan(area=area, title=title, starts_on=starts_on, ends_on=ends_on)
        plan.summary = summary
        plan._change_reason = data_reason()  # type: ignore[attr-defined]
        plan.save()
    load.note("Police and Crime Plans", "created" if created else "unchanged")
    found: dict[str, Priority] = {}
    for order, spec in enumerate(priorities, start=1):
        priority, _ = Priority.objects.get_or_create(
            plan=plan,
            code=spec.code,
            defaults={"name": spec.name, "order": order, "is_cross_cutting": spec.cross_cutting},
        )
        for number, text in enumerate(spec.questions, start=1):
            KeyPerformanceQuestion.objects.get_or_create(
                priority=priority, text=text, defaults={"order": number}
            )
        found[spec.code] = priority
    return plan, found


def data_reason() -> str:
    return "Demo data loaded"


def load_frameworks(load: LoadSummary) -> None:
    llr = PolicingArea.objects.get(slug="llr")
    durham = PolicingArea.objects.get(slug="durham")
    old_plan, old = _plan(
        llr,
        "Police and Crime Plan 2013–17",
        date(2013, 4, 1),
        date(2017, 3, 31),
        [
            PrioritySpec("ROR", "Reducing Offending and Re-offending"),
            PrioritySpec("SVW", "Supporting Victims and Witnesses"),
            PrioritySpec("MCNS", "Making Communities and Neighbourhoods Safer"),
            PrioritySpec("PTV", "Protecting the Vulnerable"),
        ],
        "Sir Clive Loader's plan: four key themes and a number of strategic priorities (seed 000).",
        load,
    )
    new_plan, new = _plan(
        llr,
        "Police and Crime Plan 2017–21",
        date(2017, 4, 1),
        date(2021, 3, 31),
        [
            PrioritySpec("VP", "Viable Partnerships"),
            PrioritySpec("VPOL", "Visible Policing"),
            PrioritySpec("VS", "Victim Services"),
            PrioritySpec("VGP", "Vulnerability Group Protection"),
            PrioritySpec("VFM", "Value for Money"),
            PrioritySpec("CP", "Crime Prevention", cross_cutting=True),
        ],
        "Lord Willy Bach's plan for 1 April 2017 to 31 March 2021: five priorities with the "
        "cross-cutting and underlying theme of Crime Prevention and simpler commissioning "
        "arrangements (seed 002). The commissioning framework aligns to all but Visible "
        "Policing, which the Chief Constable delivers.",
        load,
    )
    if not Framework.objects.filter(area=llr, title=LLR_2016_TITLE).exists():
        _llr_2016(llr, old_plan, old)
        load.note("commissioning frameworks", "created")
    else:
        load.note("commissioning frameworks", "unchanged")
    if not Framework.objects.filter(area=llr, title=LLR_2017_TITLE).exists():
        _llr_2017(llr, new_plan, new)
        load.note("commissioning frameworks", "created")
    else:
        load.note("commissioning frameworks", "unchanged")
    durham_plan, durham_priorities = _plan(
        durham,
        "Police, Crime and Victims' Plan 2018–21",
        date(2018, 4, 1),
        date(2021, 3, 31),
        [
            PrioritySpec(
                "VIC",
                "Victims services",
                questions=("How well are victims of crime supported to cope and recover?",),
            ),
            PrioritySpec(
                "CSP",
                "Community safety and prevention",
                questions=("How effectively do partners prevent crime and anti-social behaviour?",),
            ),
            PrioritySpec(
                "RR",
                "Reducing reoffending",
                questions=("How well are offenders supported to stop offending?",),
            ),
        ],
        "The Police, Crime and Victims' Commissioner's three core priorities (seed 004). "
        "The Key Performance Questions shown are illustrative: the seed says each priority "
        "has them but does not give their wording.",
        load,
    )
    if not Framework.objects.filter(area=durham, title=DURHAM_TITLE).exists():
        _durham_2018(durham, durham_plan, durham_priorities)
        load.note("commissioning frameworks", "created")
    else:
        load.note("commissioning frameworks", "unchanged")


def _about(framework: Framework, text: str) -> None:
    budget_services.section_save(
        actor=None, framework=framework, heading="About this demo record", body=text, order=99
    )


def _line(framework: Framework, category: Any, name: str, amount: str, **fields: Any) -> Any:
    return budget_services.service_line_create(
        actor=None,
        framework=framework,
        name=name,
        category=category,
        costs={framework.first_year: Decimal(amount)},
        **fields,
    )


def _llr_2016(
    area: PolicingArea, plan: PoliceAndCrimePlan, priorities: dict[str, Priority]
) -> None:
    year = FinancialYear(2016)
    framework = budget_services.framework_create(
        actor=None,
        area=area,
        title=LLR_2016_TITLE,
        first_year=year,
        plan=plan,
        budgets={year: Decimal("3940000.00")},
    )
    themes = [
        ("Reducing Offending and Re-offending", ["ROR"]),
        ("Supporting Victims and Witnesses", ["SVW"]),
        ("Making Communities and Neighbourhoods Safer", ["MCNS"]),
        ("Protecting the Vulnerable", ["PTV"]),
        ("Partnership Locality Fund (various themes)", ["ROR", "SVW", "MCNS", "PTV"]),
    ]
    categories = {
        name: budget_services.category_create(
            actor=None,
            framework=framework,
            name=name,
            order=order,
            priorities=[priorities[code] for code in codes],
        )
        for order, (name, codes) in enumerate(themes, start=1)
    }
    ror = categories["Reducing Offending and Re-offending"]
    _line(
        framework,
        ror,
        "Integrated Offender Management (IOM)",
        "408000",
        organisation=_org("Leicestershire Police"),
        organisation_text="",
    )
    _line(
        framework,
        ror,
        "Think Family (city)",
        "89250",
        organisation=_org("Leicester City Council"),
        organisation_text="",
    )
    _line(
        framework,
        ror,
        "Supporting Leicestershire Families",
        "78750",
        organisation=_org("Leicestershire County Council"),
        organisation_text="",
    )
    _line(
        framework,
        ror,
        "Changing Lives - Rutland",
        "7000",
        organisation=_org("Rutland County Council"),
        organisation_text="",
    )
    _line(
        framework,
        ror,
        "Other reducing offending services",
        "1411800",
        organisation_text="As itemised in the 2016/17 refresh",
    )
    _line(
        framework,
        categories["Supporting Victims and Witnesses"],
        "Victims and witnesses services",
        "1184800",
        organisation_text="As itemised in the 2016/17 refresh",
    )
    _line(
        framework,
        categories["Making Communities and Neighbourhoods Safer"],
        "Safer communities services",
        "104800",
        organisation_text="As itemised in the 2016/17 refresh",
    )
    _line(
        framework,
        categories["Protecting the Vulnerable"],
        "Services protecting vulnerable people",
        "205800",
        organisation_text="As itemised in the 2016/17 refresh",
    )
    _line(
        framework,
        categories["Partnership Locality Fund (various themes)"],
        "Partnership Locality Fund",
        "450000",
        organisation_text="Districts, Boroughs, Rutland and City councils",
        mechanism=Mechanism.PARTNERSHIP,
        provision="Activity related to Community Safety Partnership plans",
    )
    _about(
        framework,
        "Seed 000 publishes this framework's funding by theme in £m to three decimals "
        "(1.995, 1.185, 0.105, 0.206, 0.450; total 3.940). The amounts here are chosen to "
        "reproduce those figures exactly as published, including the parts shown adding up "
        "to 3.941. The Partnership Locality Fund (£450,000), Integrated Offender Management "
        "(£408,000) and the three troubled families teams (£175,000 in all) follow from the "
        "significant changes the 2017/18 draft reports; the other lines stand for the rest "
        "of each theme.",
    )
    # Illustrative: the day its (illustrative) decision record PCC/2016/012 was signed.
    _set_status(
        framework,
        FrameworkStatus.PUBLISHED,
        datetime(2016, 3, 24, 12, 0, tzinfo=ZoneInfo("Europe/London")),
    )


def _llr_2017(
    area: PolicingArea, plan: PoliceAndCrimePlan, priorities: dict[str, Priority]
) -> None:
    year = FinancialYear(2017)
    framework = budget_services.framework_create(
        actor=None,
        area=area,
        title=LLR_2017_TITLE,
        first_year=year,
        plan=plan,
        budgets={year: Decimal("4668000.00")},
    )
    mapping = {
        "Victims": ["VS"],
        "Vulnerable": ["VGP"],
        "Prevention": ["CP"],
        "Cross cutting": ["VP", "VFM"],
    }
    for order, (name, codes) in enumerate(mapping.items(), start=1):
        budget_services.category_create(
            actor=None,
            framework=framework,
            name=name,
            order=order,
            priorities=[priorities[code] for code in codes],
        )
    plan_ = plan_import(
        framework=framework, table=read_table(APPENDIX_A.read_bytes(), APPENDIX_A.name)
    )
    if not plan_.ok:  # the file ships with the code: a failure here is a bug
        raise RuntimeError("; ".join(str(e) for e in plan_.errors))
    choices: dict[str, Organisation | str] = {}
    for key, unknown in plan_.unknown_organisations.items():
        register_name = data.SEED_NAMES.get(unknown.name)
        choices[key] = _org(register_name) if register_name else AS_TEXT
    apply_import(actor=None, plan=plan_, organisation_choices=choices)
    for line in framework.lines.filter(provision__icontains="Community Safety Partnership plans"):
        budget_services.service_line_update(actor=None, line=line, mechanism=Mechanism.PARTNERSHIP)
    for line in framework.lines.filter(name__startswith="Grants and emergent"):
        budget_services.service_line_update(actor=None, line=line, mechanism=Mechanism.GRANT)
    # "(via Leicester City Council)": another commissioner contracts; the PCC contributes.
    for seed_name in (
        "Inclusion Healthcare (via Leicester City Council)",
        "Barnardo's (via Leicester City Council)",
    ):
        organisation = _org(data.SEED_NAMES[seed_name])
        for line in framework.lines.filter(organisation=organisation):
            budget_services.service_line_update(
                actor=None, line=line, mechanism=Mechanism.CO_COMMISSIONING
            )

    # The significant changes against 2016/17: the same services, linked across years.
    previous = Framework.objects.get(area=area, title=LLR_2016_TITLE)
    for earlier, later in (
        ("Partnership Locality Fund", "Partnership Locality Fund"),
        ("Integrated Offender Management (IOM)", "Integrated Offender management (IOM)"),
        ("Think Family (city)", "Think Family (city)"),
        ("Supporting Leicestershire Families", "Supporting Leicestershire Families"),
        ("Changing Lives - Rutland", "Changing Lives - Rutland"),
    ):
        budget_services.lines_link(
            actor=None,
            earlier=previous.lines.get(name=earlier),
            later=framework.lines.get(name=later),
        )
    for order, (heading, body) in enumerate(SECTIONS_2017, start=1):
        budget_services.section_save(
            actor=None, framework=framework, heading=heading, body=body, order=order
        )
    _about(
        framework,
        "Every service line, sub-total and the footnote are as published in Appendix A of "
        "the draft (seed 002). The stated budget is the £4.668m the draft gives; the lines "
        "add up to £4,668,358.75, so the overview notes the difference. The consultation "
        "closed on 10 February 2017.",
    )
    framework.consultation_closes_on = date(2017, 2, 10)
    _set_status(framework, FrameworkStatus.CONSULTATION)


def _durham_2018(
    area: PolicingArea, plan: PoliceAndCrimePlan, priorities: dict[str, Priority]
) -> None:
    year = FinancialYear(2018)
    framework = budget_services.framework_create(
        actor=None,
        area=area,
        title=DURHAM_TITLE,
        first_year=year,
        plan=plan,
        budgets={year: Decimal("2000000.00")},
    )
    victims = budget_services.category_create(
        actor=None, framework=framework, name="Victims services", priorities=[priorities["VIC"]]
    )
    safety = budget_services.category_create(
        actor=None,
        framework=framework,
        name="Community safety and prevention",
        priorities=[priorities["CSP"]],
    )
    reoffending = budget_services.category_create(
        actor=None, framework=framework, name="Reducing reoffending", priorities=[priorities["RR"]]
    )
    moj = budget_services.funding_source_save(
        actor=None,
        framework=framework,
        year=year,
        name="Ministry of Justice victims' services grant",
        kind=FundingSourceKind.MOJ_VICTIMS,
        amount=Decimal("800000"),
        is_ring_fenced=True,
        ring_fenced_categories=[victims],
    )
    precept = budget_services.funding_source_save(
        actor=None,
        framework=framework,
        year=year,
        name="Police grant and precept",
        kind=FundingSourceKind.POLICE_GRANT_PRECEPT,
        amount=Decimal("1200000"),
    )
    lines = [
        (victims, "Victims services", "800000", {moj: Decimal("800000")}),
        (safety, "Community safety and prevention", "500000", {precept: Decimal("500000")}),
        (reoffending, "Reducing reoffending", "700000", {precept: Decimal("700000")}),
    ]
    for category, name, amount, splits in lines:
        line = _line(
            framework,
            category,
            name,
            amount,
            organisation_text="Subject to the service and funding review (July 2018)",
        )
        budget_services.line_funding_set(actor=None, line=line, splits=splits)
    budget_services.section_save(
        actor=None,
        framework=framework,
        heading="Background",
        order=1,
        body=(
            "In 2017, the OPCVC carried out a piece of work in-year to align our spending to "
            "the three core priorities of victims services (£0.8m), community safety and "
            "prevention (£0.5m) and reducing reoffending (£0.7m).\n\n"
            "All activities falling within the three priority areas will be subject to a "
            "service and funding review, which we are aiming to complete by July 2018."
        ),
    )
    _about(
        framework,
        "Seed 004 gives the split by priority and names the two sources of funding (the "
        "ring-fenced Ministry of Justice victims' grant, and the police grant and precept) "
        "but not how much comes from each: the source amounts here are illustrative.",
    )


def _set_status(framework: Framework, status: str, published_at: datetime | None = None) -> None:
    """The demo's frameworks are historical, so their status is set as it was then rather
    than walked through today's lifecycle (which refuses closing dates in the past)."""
    framework.status = status
    framework.published_at = published_at
    framework._change_reason = data_reason()  # type: ignore[attr-defined]
    framework.save()


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name_key=normalise_name(name), merged_into__isnull=True)


SECTIONS_2017 = [
    (
        "Foreword from Lord Willy Bach",
        "As your Police and Crime Commissioner I am pleased to have responsibility for "
        "several key areas of service delivery. These include the provision of an efficient "
        "and effective police service in Leicester, Leicestershire and Rutland; facilitating "
        "effective partnerships to reduce crime in our communities; and commissioning "
        "appropriate support services for victims of crime.\n\n"
        "The voluntary and community sectors also have a vital role in the delivery of my "
        "Police and Crime Plan. I do not underestimate this contribution and it is my "
        "intention to help them do even more, through grant funding available via an open "
        "and accessible process.",
    ),
    (
        "Background",
        "The Police and Crime Plan sets out the five priorities of Viable Partnerships, "
        "Visible Policing, Victim Services, Vulnerability Group Protection, and Value for "
        "Money as well as the cross cutting and underlying theme of Crime Prevention and an "
        "expectation of simpler commissioning arrangements. The PCC intends to align the "
        "commissioning framework with these priorities with the exception of Visible "
        "Policing which is very much a priority that the Chief Constable will deliver.",
    ),
    (
        "Commissioning budget",
        "The commissioning budget for 2017/18 is anticipated to be £4.668m which is an "
        "increase from 2016/17. Significant changes for this year include:\n\n"
        "- **Partnership Locality Fund**: an additional £50k allocated across Community "
        "Safety Partnerships to be targeted towards grass roots organisations in their "
        "communities\n"
        "- **Troubled Families programmes**: an additional £50k allocated across the three "
        "troubled families teams (Think Family - City, Supporting Leicestershire Families "
        "and Changing Lives - Rutland)\n"
        "- **Out of Court disposals**: an investment of over £70k in behavioural change "
        "programmes for offenders\n"
        "- **Grants funding**: an investment of over £691k to cover both a Grants programme "
        "and emergent issues/innovative ideas\n"
        "- **Integrated Offender Management (IOM)**: a proposed £50k reduction. We will work "
        "with the Reducing Reoffending Board to identify how this saving might be realised",
    ),
    (
        "Value for money",
        "Value for money sits across the whole of the Commissioning Framework and will be "
        "ensured through:\n\n"
        "- competitive procurement processes where significant amounts of funding are being "
        "spent\n"
        "- assessment of budget proposals where direct awards are being made (including "
        "grants)\n"
        "- contract management, ensuring that funds are well spent and that results are "
        "delivered\n"
        "- a social value policy\n"
        "- commissioning in partnership (where appropriate/possible)\n"
        "- reshaping systems of provision so that efficiency and effectiveness is maximised",
    ),
    (
        "Simplification of commissioning arrangements",
        "The PCC wishes to simplify commissioning arrangements so as to reduce to a minimum "
        "the on costs associated with commissioning whilst ensuring that value for money is "
        "achieved. To this end the PCC will make grants available that are simple and easy "
        "to apply for; reduce the contractual and monitoring burden on local authorities, "
        "down to a single contract per local authority; and ensure that procurement and "
        "monitoring are proportionate to the level of funding available.",
    ),
]
