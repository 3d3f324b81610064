"""Seed 002's Appendix 2: the PCC's 2017/18 Commissioning Framework consultation, built
question for question with the consultation services (the demo loads it; a test checks
that every question of the appendix is there as printed)."""

from typing import Any

from . import services
from .models import Consultation, QuestionKind

INTRODUCTION = (
    "The 2017/18 Commissioning Framework sets out how the PCC intends to spend his "
    "commissioning budget of £4.668m. The spend, as set out within the draft Commissioning "
    "Framework for consultation, builds upon previous frameworks and begins to shift "
    "provision towards the emergent priorities of the Police and Crime Plan.\n\n"
    "The Framework, as it currently stands, is already the result of the extensive "
    "engagement by the PCC who now wants to provide stakeholders and partners with a "
    "further opportunity to influence commissioning spend over 2017/18.\n\n"
    'This survey should be undertaken with reference to the "Draft Commissioning '
    'Framework 2017/18" and responses should be provided by no later than Friday 10th '
    "February 2017."
)

SIGNIFICANT_CHANGES = (
    "The commissioning budget for 2017/18 is anticipated to be £4.668m which is an "
    "increase from 2016/17. Significant changes for this year include:\n\n"
    "- **Partnership Locality Fund**: an additional £50k allocated across Community "
    "Safety Partnerships to be targeted towards grass roots organisations in their "
    "communities\n"
    "- **Troubled Families programmes**: an additional £50k allocated across the three "
    "troubled families teams (Think Family - City, Supporting Leicestershire Families and "
    "Changing Lives - Rutland)\n"
    "- **Out of Court disposals**: an investment of over £70k in behavioural change "
    "programmes for offenders\n"
    "- **Grants funding**: an investment of £600k to cover both a Grants programme and "
    "emergent issues/innovative ideas\n"
    "- **Integrated Offender Management (IOM)**: a proposed £50k reduction. We will work "
    "with the Reducing Reoffending Board to identify how this saving might be realised"
)

GRANT_ELEMENTS = (
    "Allowing for an implementation phase before delivery commences",
    "Flexibility in performance measures for each grant",
    "Regular (but proportionate) contact with the OPCC team",
    "Ability to meet other successful grant recipients",
    "Being open for bids throughout the year",
)


def build_seed_002_survey(*, actor: Any, consultation: Consultation) -> None:
    long = QuestionKind.LONG_TEXT
    q = services.question_create
    changes = services.section_create(
        actor=actor,
        consultation=consultation,
        title="Significant changes",
        introduction=SIGNIFICANT_CHANGES,
    )
    q(
        actor=actor,
        section=changes,
        code="Q1",
        kind=QuestionKind.SINGLE_WITH_COMMENT,
        text="Do you support the proposed significant changes listed above?",
        options=services.SUPPORT_SCALE,
        comment_label="Comments",
    )
    grants = services.section_create(
        actor=actor,
        consultation=consultation,
        title="A grants process",
        introduction=(
            "Lord Bach would like to offer a grants process. In designing this process it "
            "would be valuable to gain your views to help to shape the process."
        ),
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 a)",
        kind=QuestionKind.SINGLE,
        text="Have you been a PCC grant recipient in the past?",
        options=["Yes", "No"],
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 a) i)",
        kind=long,
        text="If so, drawing from your experience: what worked well?",
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 a) ii)",
        kind=long,
        text="If so, drawing from your experience: what areas could be improved?",
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 b)",
        kind=long,
        text="Have you ever received a grant from another body? If so, drawing from your "
        "experience, what worked well?",
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 c)",
        kind=QuestionKind.MULTIPLE,
        text="Considering the grants process, which elements do you consider to be important?",
        help_text="Tick all that apply.",
        options=GRANT_ELEMENTS,
    )
    q(
        actor=actor,
        section=grants,
        code="Q2 d)",
        kind=long,
        text="Any other comments in relation to the grants process.",
    )
    simpler = services.section_create(
        actor=actor,
        consultation=consultation,
        title="Simpler commissioning",
        introduction=(
            "It is intended that commissioning, contracting and monitoring processes are "
            "simplified."
        ),
    )
    q(
        actor=actor,
        section=simpler,
        code="Q3 a)",
        kind=QuestionKind.SINGLE,
        text="We are intending to only require half year and full year monitoring from Local "
        "authorities. Do you support this change?",
        options=["Fully support", "Do not support"],
    )
    q(
        actor=actor,
        section=simpler,
        code="Q3 b)",
        kind=long,
        text="Are there any ways (other than those listed in the draft Commissioning "
        "Framework) that you think we could simplify our commissioning, contracting and "
        "monitoring processes?",
    )
    other = services.section_create(actor=actor, consultation=consultation, title="Anything else")
    q(
        actor=actor,
        section=other,
        code="Q4",
        kind=long,
        text="Do you have any other comments that you would like to make in relation to the "
        "2017/18 Commissioning Framework?",
    )
