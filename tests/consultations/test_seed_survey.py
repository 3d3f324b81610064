"""Seed 002's Appendix 2 is expressed exactly, and the demo loads it on the 2017/18 draft."""

import pytest
from django.core.management import call_command

from commissioning.consultations.models import (
    Consultation,
    ConsultationStatus,
    Question,
    QuestionKind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    call_command("load_demo", verbosity=0)
    return Consultation.objects.get(title="PCC's 2017/18 Commissioning Framework consultation")


def test_every_question_of_appendix_2_as_printed(consultation):
    questions = Question.objects.filter(section__consultation=consultation)
    assert [(q.code, q.kind) for q in questions] == [
        ("Q1", QuestionKind.SINGLE_WITH_COMMENT),
        ("Q2 a)", QuestionKind.SINGLE),
        ("Q2 a) i)", QuestionKind.LONG_TEXT),
        ("Q2 a) ii)", QuestionKind.LONG_TEXT),
        ("Q2 b)", QuestionKind.LONG_TEXT),
        ("Q2 c)", QuestionKind.MULTIPLE),
        ("Q2 d)", QuestionKind.LONG_TEXT),
        ("Q3 a)", QuestionKind.SINGLE),
        ("Q3 b)", QuestionKind.LONG_TEXT),
        ("Q4", QuestionKind.LONG_TEXT),
    ]
    q1 = questions.get(code="Q1")
    assert q1.text == "Do you support the proposed significant changes listed above?"
    assert list(q1.options.values_list("label", flat=True)) == [
        "Fully support",
        "Partially support",
        "Do not support",
    ]
    assert questions.get(code="Q2 c)").options.count() == 5
    assert list(questions.get(code="Q3 a)").options.values_list("label", flat=True)) == [
        "Fully support",
        "Do not support",
    ]


def test_the_demo_consultation_is_on_the_draft_closed_with_its_outcome_published(consultation):
    assert consultation.framework.title == "Draft Commissioning Framework 2017/18"
    assert consultation.closes_at.date().isoformat() == "2017-02-10"
    assert consultation.status == ConsultationStatus.OUTCOME_PUBLISHED
    call_command("load_demo", verbosity=0)
    assert Consultation.objects.count() == 1
