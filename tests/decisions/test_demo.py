"""The demo's decision records and EIAs (commissioning/demo/decisions.py)."""

import io

import pytest
from pypdf import PdfReader

from commissioning.budgets.models import FrameworkStatus
from commissioning.budgets.services import framework_transition
from commissioning.core.roles import Role
from commissioning.decisions.models import Decision, DecisionStatus
from commissioning.decisions.services import decision_sign
from commissioning.demo.decisions import load_decisions
from commissioning.demo.frameworks import LLR_2016_TITLE, LLR_2017_TITLE
from commissioning.demo.loader import LoadSummary, load_demo
from commissioning.documents.selectors import public_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_demo()  # which calls load_decisions after load_consultations


def test_records_and_eias_are_loaded_once(demo):
    assert demo.counts["decision records"]["created"] == 2
    assert demo.counts["documents"]["created"] == 2
    again = LoadSummary()
    load_decisions(again)
    assert not again.changed_anything
    assert Decision.objects.count() == 2


def test_the_2016_17_record_is_published_with_its_framework(demo):
    record = Decision.objects.get(reference="PCC/2016/012")
    assert record.status == DecisionStatus.PUBLISHED
    assert record.framework.title == LLR_2016_TITLE
    assert record.published_at.year == 2016
    eia = record.framework.documents.get()
    assert public_documents().filter(pk=eia.pk).exists()


def test_the_2017_18_record_is_a_draft_on_the_framework_and_consultation(demo):
    record = Decision.objects.get(reference="PCC/2017/004")
    assert record.status == DecisionStatus.DRAFT
    assert record.title == "Commissioning Framework 2017/18"
    assert record.framework.title == LLR_2017_TITLE
    assert record.consultation.framework == record.framework
    assert "precept for 2017/18" in record.financial_implications
    eia = record.framework.documents.get()
    assert eia.content_type == "application/pdf"
    assert not public_documents().filter(pk=eia.pk).exists()
    text = PdfReader(io.BytesIO(eia.file.read())).pages[0].extract_text()
    assert "Equality Impact Assessment" in text
    assert "Commissioning Framework 2017/18" in text


def test_a_demo_user_can_sign_and_publish(demo, make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    record = Decision.objects.get(reference="PCC/2017/004")
    framework = record.framework
    framework_transition(actor=officer, framework=framework, to=FrameworkStatus.FINAL)
    decision_sign(actor=officer, decision=record)
    framework_transition(actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED)
    record.refresh_from_db()
    assert record.status == DecisionStatus.PUBLISHED
    assert public_documents().filter(framework=framework).count() == 1
