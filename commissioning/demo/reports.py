"""The demo's Police and Crime Panel reports, in the seeds' words.

- LLR: the report to the Leicestershire Police and Crime Panel on 3 February 2017 on the
  draft Commissioning Framework 2017/18 (seed 002), with the standard implications.
- Durham: "Commissioning in 2018-19", to the Panel on 29 June 2018 (seed 004), with the
  "Risks and Implications" appendix.

Figures the seeds print in the narrative (£4.668m, £50K …) are not typed here: the text
uses placeholders that the report fills from the framework's data, or leaves the figure
to Table 1 and the itemised budget. Reports are created once, like the frameworks: a
later run leaves them (and any changes made while trying the demo) alone.

Call after the frameworks and consultations are loaded::

    from .reports import load_reports
    load_reports(summary)
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from commissioning.budgets.models import Framework
from commissioning.reports.models import ImplicationsTemplate, PanelReport
from commissioning.reports.services import panel_report_create, panel_report_section_save

from .frameworks import DURHAM_TITLE, LLR_2017_TITLE
from .loader import LoadSummary

LLR_SECTIONS = {
    "purpose": (
        "The purpose of this report is to inform the Police and Crime Panel ('the Panel') "
        "on the draft Commissioning Framework for {year}, the consultation process being "
        "undertaken and the work required in implementing it once finalised."
    ),
    "recommendations": (
        "The Panel are recommended to note the contents of the report and contribute to "
        "the consultation."
    ),
    "background": "",
    "executive_summary": "\n\n".join(
        [
            "Prior to the election and since becoming the Police and Crime Commissioner for "
            "Leicestershire (PCC), Lord Willy Bach has undertaken significant engagement with "
            "partners, organisations and residents of Leicester, Leicestershire and Rutland "
            "(LLR).",
            "This engagement has helped shape and inform both the priorities within his "
            "draft Police and Crime Plan and also his Draft {year} Commissioning Framework.",
            "The Draft {year} Commissioning Framework sets out how the PCC intends to spend "
            "his commissioning budget of {budget} ({appendix_a}). This budget is reflected "
            "within the precept and budget report for {year}, also tabled on the agenda.",
            "The framework includes some elements of commissioning from previous frameworks "
            "but also aligns provision towards the priorities outlined in the Draft Police "
            "and Crime Plan (also tabled on the agenda).",
            "The Draft Police and Crime Plan with which the PCC intends to align the "
            "Commissioning Framework, sets out the five priorities of:\n"
            "- Viable Partnerships,\n- Visible Policing,\n- Victim Services,\n"
            "- Vulnerability Group Protection, and\n- Value for Money",
            "The five priorities support the cross cutting and underlying theme of Crime "
            "Prevention and working towards simpler commissioning arrangements.",
            "The main changes to the current Commissioning Framework include:\n"
            "- the implementation of a grants process to enable the voluntary and community "
            "sector to contribute towards the priorities of the Police and Crime Plan,\n"
            "- increased contributions to local authorities in meeting the aims of the plan, "
            "specifically increases for Think Family/Supporting Families/Changing Lives and "
            "for the Partnership Locality Funds, and\n"
            "- an investment in behavioural change programmes for offenders.",
        ]
    ),
    "process": "\n\n".join(
        [
            "The Draft {year} Commissioning Framework is currently out for consultation with "
            "stakeholders and closes on {closes}.",
            "The consultation is being undertaken online at "
            "www.surveymonkey.co.uk/r/Commissioningframework and a Word document version of "
            "this is appended for ease of reference. Feedback is welcomed from the panel "
            "through the online survey in addition to discussion at the meeting.",
            "Following the consultation, the PCC will review responses, adjusting as "
            "appropriate and it is intended to publish the final framework by the end of "
            "February 2017.",
            "During {year}, a Commissioning framework will be prepared which is intended to "
            "cover Commissioning intentions for the remaining term of the Police and Crime "
            "Plan.",
            "An Equalities Impact Assessment (EIA) is being prepared for the Draft Police and "
            "Crime Plan and this will be assessed and a separate EIA prepared on the basis of "
            "the consultation feedback to accompany the final commissioning framework.",
        ]
    ),
    "consultation": "",
    "financial": (
        "The Commissioning Budget is contained within the PCC budget and precept for {year}."
    ),
    "legal": "Contracts or agreements will be in place for commissioned services.",
    "equality": "To be undertaken on the finalised framework.",
    "risks": "None identified.",
    "plan_link": "The framework is based on the priorities within the Draft Police and Crime Plan.",
}

DURHAM_SECTIONS = {
    "purpose": (
        "To update the Panel on funding and commissioning activities for the financial year "
        "{year}, and the publication of the OPCVC Commissioning Strategy."
    ),
    "recommendations": (
        "To consider the report and the Commissioning Strategy and provide any comments and "
        "questions."
    ),
    "background": "\n\n".join(
        [
            "Under Section 143 of the Anti-Social Behaviour, Crime and Policing Act 2014, the "
            "Police, Crime and Victims' Commissioner can \"provide or arrange for the "
            "provision of:\n"
            "- Services to secure crime and disorder reduction;\n"
            "- Services to help victims or witnesses of, or other persons affected by, "
            "offences and anti-social behaviour;\n"
            '- Services specified by the Secretary of State".',
            "In order to do so, he has identified funding from two sources:\n"
            "- Ring-fenced funding allocated by the Ministry of Justice to support victims of "
            "crime;\n"
            "- Additional funding from the Policing Grant and precept, which includes money "
            "which used to be allocated directly to Community Safety Partnerships prior to "
            "the advent of PCCs.",
            "As previously reported to the Police and Crime Panel, the OPCVC has a "
            "discretionary budget of {budget}, including grants which were previously "
            "allocated by Durham Constabulary. Previously these budgets have been largely "
            "based on where the money has come from (e.g. Ministry of Justice Victims' "
            "Services Grant, Community Safety Legacy Grant). Much of the money has been "
            'allocated based on history ("it\'s always been that way") or bidding processes.',
            "In 2017, the OPCVC carried out a piece of work in-year to align our spending to "
            "the three core priorities shown in Table 1.",
            "This exercise provides the foundation for us to commission services based on "
            "strategic priorities rather than allocating funding largely based on either "
            "bidding processes or legacy allocations.",
        ]
    ),
    "executive_summary": "\n\n".join(
        [
            "The OPCVC has produced a new Commissioning Strategy, which sets out our approach "
            "to commissioning. It explains how our spending priorities link to our overall "
            "objectives and Key Performance Questions, and what funding is allocated for "
            "{year}. For 2019/20, the OPCVC will move to the new commissioning model and "
            "invite the views of partners to the planned commissioning of services from the "
            "much larger funding pot than previously attributed to the community safety fund.",
        ]
    ),
    "process": "\n\n".join(
        [
            "In order to support this, all activities falling within the three priority areas "
            "will be subject to a service and funding review by the OPCVC, which we are "
            "aiming to complete by July 2018.",
            "A report on this review will be provided to the Police and Crime Panel in "
            "October 2018.",
        ]
    ),
    "consultation": "",
    "finance": "All funding is included within the {year} budget.",
    "staffing": "n/a",
    "equality_diversity": "n/a",
    "accommodation": "n/a",
    "crime_disorder": "Many of the projects are aimed at reducing crime and disorder.",
    "childrens_act": "n/a",
    "engagement": (
        "Information about the PCVC's funding streams is set out in the Police, Crime and "
        "Victims' Plan."
    ),
    "environment": "n/a",
    "collaboration": "n/a",
    "value_for_money": "Value for Money is a key consideration in the allocation of all funding.",
    "plan_priorities": "All funding is expected to have a positive impact on priorities.",
    "commissioning": "As per the report.",
    "other_risks": "n/a",
}


@dataclass(frozen=True)
class ReportSpec:
    area_slug: str
    framework_title: str
    template: str
    details: dict[str, Any]
    sections: dict[str, str]


REPORTS = (
    ReportSpec(
        area_slug="llr",
        framework_title=LLR_2017_TITLE,
        template=ImplicationsTemplate.STANDARD,
        details={
            "panel_name": "Leicestershire Police and Crime Panel",
            "meeting_date": date(2017, 2, 3),
            "meeting_time": "1:00pm",
            "subject": "Commissioning Framework 2017/18",
            "author_name": "Simon Down",
            "author_role": "Commissioning Manager, OPCC",
            "contact_name": "Simon Down",
            "contact_role": "Commissioning Manager, OPCC",
            "contact_phone": "0116 229 8704",
            "contact_email": "Simon.Down@leics.pcc.pnn.gov.uk",
        },
        sections=LLR_SECTIONS,
    ),
    ReportSpec(
        area_slug="durham",
        framework_title=DURHAM_TITLE,
        template=ImplicationsTemplate.DURHAM,
        details={
            "panel_name": "Police and Crime Panel",
            "meeting_date": date(2018, 6, 29),
            "subject": "Commissioning in 2018-19",
            "report_of": "Head of Governance & Commissioning",
            "author_name": "Charles Oakley",
            "author_role": "Head of Governance & Commissioning",
            "contact_name": "Charles Oakley",
            "contact_role": "Head of Governance & Commissioning",
            "contact_phone": "0191 375 2150",
            "contact_email": "charles.oakley@durham.pcc.pnn.gov.uk",
        },
        sections=DURHAM_SECTIONS,
    ),
)


def load_reports(load: LoadSummary) -> None:
    for spec in REPORTS:
        framework = Framework.objects.get(area__slug=spec.area_slug, title=spec.framework_title)
        subject = str(spec.details["subject"])
        if PanelReport.objects.filter(framework=framework, subject=subject).exists():
            load.note("Panel reports", "unchanged")
            continue
        report = panel_report_create(
            actor=None, framework=framework, implications_template=spec.template, **spec.details
        )
        for key, body in spec.sections.items():
            panel_report_section_save(actor=None, report=report, key=key, body=body)
        load.note("Panel reports", "created")
