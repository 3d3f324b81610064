"""The demo's decision records and Equality Impact Assessments.

- LLR 2016/17 refresh (published): seed 000 paragraph 10 says its decision record was
  placed on the PCC's website with the framework, and paragraph 7 that an Equality
  Impact Assessment was undertaken (its Appendix C). The record is published here, with
  the EIA attached to the framework.
- LLR 2017/18 draft: a draft decision record, PCC/2017/004, on the framework and its
  consultation, in seed 002's words, ready for a demo user to sign; the framework is left
  at its status so that they can then publish it. Its EIA (seed 002 paragraph 13 says one
  accompanies the final framework) is attached to the framework.

Records and documents are created once, like the frameworks: a later run leaves them
(and anything changed while trying the demo) alone. Call after load_consultations::

    from .decisions import load_decisions
    load_decisions(summary)
"""

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision, DecisionStatus
from commissioning.decisions.services import decision_create
from commissioning.documents.models import Document, DocumentKind
from commissioning.documents.services import document_create

from .consultations import TITLE as CONSULTATION_TITLE
from .frameworks import LLR_2016_TITLE, LLR_2017_TITLE, data_reason
from .loader import LoadSummary

UK = ZoneInfo("Europe/London")

# The seeds do not give the 2016/17 record's reference or date: these are illustrative.
REFERENCE_2016 = "PCC/2016/012"
REFERENCE_2017 = "PCC/2017/004"

DECISION_2016 = {
    "reference": REFERENCE_2016,
    "title": "Refreshed Commissioning Framework 2016/17",
    "decision": (
        "To approve the refreshed Commissioning Framework 2016/17, setting out the "
        "commissioned services that will be funded during 2016/17."
    ),
    "reasons": (
        "The refresh confirms and updates the expected figures for 2016/17 in the "
        "Commissioning Framework 2015-17, and sets out further investments in response to "
        "strategic developments.\n\n"
        "It takes into account the feedback from partners and wider stakeholders on the "
        "draft (for consultation) framework, which shaped the final plans:\n\n"
        "* a full year's Partnership Locality Fund allocation;\n"
        "* re-procuring Project 360, proactive short-term support for repeat victims of "
        "domestic abuse;\n"
        "* voluntary tags for the Integrated Offender Management cohort."
    ),
    "financial_implications": "None.",
    "legal_implications": "None.",
    "decided_on": dt.date(2016, 3, 24),  # illustrative
    "decided_by": "Sir Clive Loader, Police and Crime Commissioner",
}

DECISION_2017 = {
    "reference": REFERENCE_2017,
    "title": "Commissioning Framework 2017/18",
    "decision": (
        "To approve the Commissioning Framework 2017/18, setting out how the Police and "
        "Crime Commissioner will spend his commissioning budget in 2017/18."
    ),
    "reasons": (
        "The framework aligns commissioning to the priorities of the Police and Crime "
        "Plan: Viable Partnerships, Victim Services, Vulnerability Group Protection and "
        "Value for Money, with the cross-cutting theme of Crime Prevention and simpler "
        "commissioning arrangements.\n\n"
        "The main changes from the current framework are:\n\n"
        "* a grants process so that the voluntary and community sector can contribute to "
        "the priorities of the Plan;\n"
        "* increased contributions to local authorities, for Think Family, Supporting "
        "Families and Changing Lives, and for the Partnership Locality Funds;\n"
        "* an investment in behavioural change programmes for offenders.\n\n"
        "The draft was consulted on with stakeholders until 10 February 2017, and the "
        "responses were reviewed before the framework was finalised."
    ),
    "financial_implications": (
        "The commissioning budget is contained within the PCC budget and precept for 2017/18."
    ),
    "legal_implications": "Contracts or agreements will be in place for commissioned services.",
    # Seed 002 paragraph 11: the final framework was to be published by the end of
    # February 2017. The date is illustrative; the demo user signs the record.
    "decided_on": dt.date(2017, 2, 27),
    "decided_by": "Lord Willy Bach, Police and Crime Commissioner",
    "significant_public_interest": True,
}

EIA_2016 = {
    "title": "Equality Impact Assessment: refreshed Commissioning Framework 2016/17",
    "heading": "Equality Impact Assessment",
    "subject": "Refreshed Commissioning Framework 2016/17",
    "area": "Leicester, Leicestershire and Rutland",
    "date": "March 2016",
    "paragraphs": [
        "This assessment considers whether the refreshed Commissioning Framework 2016/17 "
        "could affect people differently because of a protected characteristic under the "
        "Equality Act 2010: age, disability, gender reassignment, marriage and civil "
        "partnership, pregnancy and maternity, race, religion or belief, sex, and sexual "
        "orientation.",
        "The framework funds services for victims and witnesses, for offenders, and for "
        "vulnerable people, and a Partnership Locality Fund for each Community Safety "
        "Partnership. Providers must meet the Public Sector Equality Duty in delivering "
        "commissioned services and report on who uses them.",
        "No negative impact on any group was identified. The refresh extends support for "
        "repeat victims of domestic abuse, most of whom are women, which is a positive "
        "impact.",
    ],
}

EIA_2017 = {
    "title": "Equality Impact Assessment: Commissioning Framework 2017/18",
    "heading": "Equality Impact Assessment",
    "subject": "Commissioning Framework 2017/18",
    "area": "Leicester, Leicestershire and Rutland",
    "date": "February 2017",
    "paragraphs": [
        "An Equality Impact Assessment was prepared for the Draft Police and Crime Plan; "
        "this separate assessment of the Commissioning Framework 2017/18 takes account of "
        "the feedback to the consultation that closed on 10 February 2017.",
        "The framework aligns commissioning to the Plan's priorities of Viable "
        "Partnerships, Victim Services, Vulnerability Group Protection and Value for "
        "Money. It introduces a grants process open to the voluntary and community sector, "
        "including small organisations that work with groups who share a protected "
        "characteristic and who may not use mainstream services.",
        "Services for victims of domestic and sexual abuse, for young people, and for "
        "people with mental health needs are maintained or increased. No negative impact "
        "on any group sharing a protected characteristic was identified. The assessment "
        "will be reviewed as grants are awarded and services are monitored.",
    ],
}


# Made once per process: the tests load the demo many times, and each PDF takes a second.
_EIA_PDFS: dict[str, bytes] = {}


def eia_pdf(values: Mapping[str, object]) -> bytes:
    """A short, tagged, readable PDF made at load time (WeasyPrint is imported here so
    that nothing else pays for it)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    key = str(values["title"])
    if key not in _EIA_PDFS:
        html = render_to_string("decisions/demo_eia.html", values)
        _EIA_PDFS[key] = bytes(HTML(string=html).write_pdf(pdf_tags=True))
    return _EIA_PDFS[key]


def _attach_eia(framework: Framework, values: Mapping[str, object], load: LoadSummary) -> None:
    title = str(values["title"])
    if Document.objects.filter(framework=framework, title=title).exists():
        load.note("documents", "unchanged")
        return
    name = "Equality_Impact_Assessment_" + str(values["subject"]).split()[-1].replace("/", "-")
    document_create(
        actor=None,
        title=title,
        kind=DocumentKind.EQUALITY_IMPACT_ASSESSMENT,
        upload=ContentFile(eia_pdf(values), name=f"{name}.pdf"),
        framework=framework,
    )
    load.note("documents", "created")


def _decision(
    framework: Framework,
    values: dict[str, object],
    load: LoadSummary,
    consultation: Consultation | None = None,
) -> Decision | None:
    if Decision.objects.filter(area=framework.area, reference=values["reference"]).exists():
        load.note("decision records", "unchanged")
        return None
    decision = decision_create(
        actor=None,
        area=framework.area,
        framework=framework,
        consultation=consultation,
        **values,  # type: ignore[arg-type]
    )
    load.note("decision records", "created")
    return decision


def load_decisions(load: LoadSummary) -> None:
    old = Framework.objects.select_related("area").get(area__slug="llr", title=LLR_2016_TITLE)
    new = Framework.objects.select_related("area").get(area__slug="llr", title=LLR_2017_TITLE)
    consultation = Consultation.objects.filter(area=new.area, title=CONSULTATION_TITLE).first()

    published = _decision(old, DECISION_2016, load)
    if published is not None:
        # Historical, like the frameworks' statuses: set as it was rather than walked
        # through today's lifecycle (which would stamp today's date on it).
        published.status = DecisionStatus.PUBLISHED
        published.signed_at = dt.datetime(2016, 3, 24, 12, 0, tzinfo=UK)
        published.published_at = dt.datetime(2016, 3, 31, 9, 0, tzinfo=UK)
        published._change_reason = data_reason()  # type: ignore[attr-defined]
        published.save()
    _attach_eia(old, EIA_2016, load)

    _decision(new, DECISION_2017, load, consultation=consultation)
    _attach_eia(new, EIA_2017, load)
