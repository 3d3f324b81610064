"""The demo consultation's responses and its published "you said, we did".

Seed 002 is the survey as it went out; the seeds do not include what people answered. So
that the analysis pages, the published outcome, the public site and Appendix B of the
Panel report have something real to show, the demo enters a handful of ILLUSTRATIVE
responses (written for the demo, attributed to no real person or organisation), themes
them, answers each comment and publishes the outcome, all through the same services an
officer uses in the browser. Created once, like the consultation itself.
"""

import csv
import io
from dataclasses import dataclass

from commissioning.accounts.models import User
from commissioning.consultations import analysis, outcomes
from commissioning.consultations.exports import question_heading, responses_table
from commissioning.consultations.models import Comment, Consultation, Outcome, Question
from commissioning.consultations.response_import import responses_import

from .consultations import TITLE
from .loader import LoadSummary

OFFICER_EMAIL = "officer@demo.example"


@dataclass(frozen=True)
class Reply:
    theme: str
    text: str
    outcome: str


# Each written answer (by its exact text) with its theme and the office's reply.
REPLIES: dict[str, Reply] = {
    "We welcome the Partnership Locality Fund continuing, allocated by population, as it "
    "lets each partnership fund what its own strategic assessment shows.": Reply(
        "Partnership Locality Fund",
        "None required.",
        Outcome.NONE_REQUIRED,
    ),
    "Allocating the Partnership Locality Fund by population alone does not reflect the "
    "higher levels of crime in the city.": Reply(
        "Partnership Locality Fund",
        "The allocation by population is simple and transparent. We will review the "
        "formula with the partnerships before the 2018/19 framework.",
        Outcome.NOTED,
    ),
    "The application form was proportionate to the size of the grant.": Reply(
        "Grants process",
        "None required.",
        Outcome.NONE_REQUIRED,
    ),
    "Feedback on unsuccessful bids would help small groups to improve.": Reply(
        "Grants process",
        "Agreed. Every unsuccessful applicant will be offered feedback.",
        Outcome.AGREED,
    ),
    "Being able to bid throughout the year would suit small voluntary groups, which cannot "
    "always meet a single deadline.": Reply(
        "Grants process",
        "Partially agreed. The grants round will open twice a year rather than once.",
        Outcome.PARTIALLY_AGREED,
    ),
    "Half-year and full-year monitoring would free up time for delivery.": Reply(
        "Simpler commissioning",
        "None required.",
        Outcome.NONE_REQUIRED,
    ),
    "A single monitoring template shared by all the local authorities would avoid "
    "reporting the same figures in different formats.": Reply(
        "Simpler commissioning",
        "Agreed. A single template will be issued with the 2017/18 grant agreements.",
        Outcome.AGREED,
    ),
    "Services for victims of domestic abuse should be protected from any reduction.": Reply(
        "Victim services",
        "Funding for domestic abuse services is maintained in 2017/18, as set out in Appendix A.",
        Outcome.NOTED,
    ),
    "The framework should say more about how services will be commissioned for young "
    "people at risk of exploitation.": Reply(
        "Vulnerability",
        "Amendments made. The section on vulnerability now describes the work with the "
        "local safeguarding boards.",
        Outcome.AMENDMENTS_MADE,
    ),
}

# Answers per respondent: question code -> answer (a choice label, labels joined by "|" for
# tick-all-that-apply, or text). Who is responding, and their consent to publication.
RESPONDENTS: list[dict[str, str]] = [
    {
        "Responding as": "On behalf of an organisation",
        "Organisation": "Community safety partnership (illustrative)",
        "Consent to publish": "Yes, but without my name",
        "Q1": "Fully support",
        "Q1 [Comments]": next(iter(REPLIES)),
        "Q3 a)": "Fully support",
        "Q3 b)": list(REPLIES)[6],
    },
    {
        "Responding as": "On behalf of an organisation",
        "Organisation": "Voluntary sector provider (illustrative)",
        "Consent to publish": "Yes, but without my name",
        "Q1": "Partially support",
        "Q1 [Comments]": list(REPLIES)[1],
        "Q2 a)": "Yes",
        "Q2 a) i)": list(REPLIES)[2],
        "Q2 a) ii)": list(REPLIES)[3],
        "Q2 c)": "Being open for bids throughout the year|Regular (but proportionate) contact "
        "with the OPCC team",
        "Q2 d)": list(REPLIES)[4],
    },
    {
        "Responding as": "On behalf of an organisation",
        "Organisation": "Local authority (illustrative)",
        "Consent to publish": "Yes, but without my name",
        "Q1": "Fully support",
        "Q3 a)": "Fully support",
        "Q3 b)": list(REPLIES)[5],
    },
    {
        "Responding as": "As an individual",
        "Consent to publish": "Yes, but without my name",
        "Q1": "Partially support",
        "Q1 [Comments]": list(REPLIES)[7],
        "Q4": list(REPLIES)[8],
    },
]


def _responses_csv(consultation: Consultation) -> bytes:
    """The respondents above in the layout of the responses download (which re-imports)."""
    headings, _rows = responses_table(consultation)
    questions = Question.objects.filter(section__consultation=consultation)
    # Question code -> its column heading, exactly as the download writes it.
    base = {q.code: question_heading(q, n) for n, q in enumerate(questions, start=1)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for answers in RESPONDENTS:
        row = dict.fromkeys(headings, "")
        row["Received by"] = "E-mail"
        for key, value in answers.items():
            code, _, label = key.partition(" [")
            if key in headings:
                row[key] = value
            elif label:  # a comment box: "Q1 [Comments]"
                row[f"{base[code]} [{label}"] = value
            elif "|" in value:  # tick all that apply: one column per option
                for option in value.split("|"):
                    row[f"{base[code]} [{option}]"] = "1"
            else:
                row[base[code]] = value
        writer.writerow([row[h] for h in headings])
    return out.getvalue().encode()


def load_outcome(load: LoadSummary) -> None:
    consultation = Consultation.objects.get(area__slug="llr", title=TITLE)
    if consultation.outcome_published_at is not None or consultation.responses.exists():
        load.note("consultation outcome", "unchanged")
        return
    officer = User.objects.get(email=OFFICER_EMAIL)
    responses_import(
        actor=officer,
        consultation=consultation,
        data=_responses_csv(consultation),
        filename="demo-responses.csv",
    )
    analysis.analysis_start(actor=officer, consultation=consultation)
    themes = {
        name: analysis.theme_create(actor=officer, consultation=consultation, name=name)
        for name in dict.fromkeys(reply.theme for reply in REPLIES.values())
    }
    for comment in Comment.objects.filter(consultation=consultation).order_by("order", "pk"):
        reply = REPLIES[comment.text]
        analysis.comment_set_theme(actor=officer, comment=comment, theme=themes[reply.theme])
        analysis.comment_mark_reviewed(actor=officer, comment=comment, reviewed=True)
        office_response = outcomes.office_response_create(
            actor=officer,
            consultation=consultation,
            comments=[comment],
            text=reply.text,
            outcome=reply.outcome,
        )
        outcomes.office_response_approve(actor=officer, office_response=office_response)
    outcomes.consultation_publish_outcome(actor=officer, consultation=consultation)
    load.note("consultation outcome", "created")
