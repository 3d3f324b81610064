"""The demo consultation's illustrative responses and published outcome."""

import pytest

from commissioning.consultations.models import Comment, Consultation, OfficeResponse
from commissioning.consultations.outcomes import published_groups
from commissioning.demo.consultations import TITLE
from commissioning.demo.loader import load_demo
from commissioning.demo.outcome import REPLIES

pytestmark = pytest.mark.django_db


def test_every_comment_is_themed_answered_and_published_once():
    load_demo()
    consultation = Consultation.objects.get(title=TITLE)
    assert consultation.status == "outcome_published"
    assert consultation.responses.count() == 4
    comments = Comment.objects.filter(consultation=consultation)
    assert sorted(c.text for c in comments) == sorted(REPLIES)
    assert all(c.theme is not None and c.reviewed for c in comments)
    groups = published_groups(consultation)
    assert [str(g.theme) for g in groups] == [
        "Partnership Locality Fund",
        "Grants process",
        "Simpler commissioning",
        "Victim services",
        "Vulnerability",
    ]
    assert sum(len(g.rows) for g in groups) == len(REPLIES)

    load_demo()
    assert consultation.responses.count() == 4
    assert OfficeResponse.objects.filter(consultation=consultation).count() == len(REPLIES)
