"""Decision record services: each transition and each refusal, audited; and the rule that
publishing a framework needs a signed decision record, which is published with it."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from commissioning.budgets import services as budgets
from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions import services
from commissioning.decisions.models import Decision, DecisionStatus
from tests.consultations.factories import ConsultationFactory
from tests.decisions.factories import DecisionFactory, signed_decision_for
from tests.documents.factories import DocumentFactory
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db
D = DecisionStatus


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def create(officer, **overrides):
    area = overrides.pop("area", None) or PolicingAreaFactory()
    values = {
        "actor": officer,
        "area": area,
        "reference": "PCC/2017/004",
        "title": "Commissioning Framework 2017/18",
        "decision": "To approve the framework.",
        "reasons": "It delivers the Plan.",
    }
    values.update(overrides)
    return services.decision_create(**values)


def test_create_makes_an_audited_draft(officer):
    framework = FrameworkFactory()
    decision = create(officer, area=framework.area, framework=framework, reference=" PCC/1 ")
    assert decision.status == D.DRAFT
    assert decision.reference == "PCC/1"
    record = decision.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        officer,
        "Drafted",
    )


def test_reference_is_unique_per_area_with_a_clear_message(officer):
    area = PolicingAreaFactory(name="Leicestershire")
    create(officer, area=area)
    with pytest.raises(ValidationError) as error:
        create(officer, area=area, reference="pcc/2017/004")
    assert error.value.message_dict["reference"] == [
        "Leicestershire already has a decision record with the reference pcc/2017/004"
    ]
    # Another area may use the same reference.
    assert create(officer).reference == "PCC/2017/004"


def test_a_reference_taken_at_the_same_moment_is_a_message_not_a_crash(officer, monkeypatch):
    """Two officers saving the same reference at once both pass the check; the database
    refuses the second, which must still get the message (and a usable transaction)."""
    area = PolicingAreaFactory()
    create(officer, area=area)
    monkeypatch.setattr(services, "_check", lambda decision: None)  # the race: check passed
    with pytest.raises(ValidationError) as error:
        create(officer, area=area)
    assert "already has a decision record with the reference PCC/2017/004" in str(
        error.value.message_dict["reference"]
    )
    assert Decision.objects.count() == 1  # and the database is still usable


def test_links_must_be_in_the_decisions_area(officer):
    area = PolicingAreaFactory(name="Durham")
    with pytest.raises(ValidationError) as error:
        create(officer, area=area, framework=FrameworkFactory(), consultation=ConsultationFactory())
    assert error.value.message_dict == {
        "framework": ["Choose a framework for Durham"],
        "consultation": ["Choose a consultation for Durham"],
    }
    assert not Decision.objects.exists()


def test_update_changes_a_draft_and_records_before_and_after(officer):
    decision = DecisionFactory(title="Old title")
    services.decision_update(actor=officer, decision=decision, changes={"title": "New title"})
    decision.refresh_from_db()
    assert decision.title == "New title"
    latest, previous = decision.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("title", "Old title", "New title")]
    assert latest.history_user == officer


def test_update_refuses_unknown_fields(officer):
    with pytest.raises(TypeError, match="status"):
        services.decision_update(
            actor=officer, decision=DecisionFactory(), changes={"status": D.PUBLISHED}
        )


def test_sign_needs_a_date_and_who_decided(officer):
    decision = DecisionFactory(decided_on=None, decided_by="  ")
    with pytest.raises(ValidationError) as error:
        services.decision_sign(actor=officer, decision=decision)
    assert set(error.value.message_dict) == {"decided_on", "decided_by"}
    decision.refresh_from_db()
    assert decision.status == D.DRAFT


def test_sign_refuses_a_decision_dated_in_the_future(officer):
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    decision = DecisionFactory(decided_on=tomorrow)
    with pytest.raises(ValidationError) as error:
        services.decision_sign(actor=officer, decision=decision)
    assert error.value.message_dict == {
        "decided_on": ["The date of the decision must be today or in the past"]
    }
    decision.refresh_from_db()
    assert decision.status == D.DRAFT
    # Today is fine.
    services.decision_update(actor=officer, decision=decision,
                             changes={"decided_on": timezone.localdate()})  # fmt: skip
    assert services.decision_sign(actor=officer, decision=decision).status == D.SIGNED


def test_sign_records_who_and_when_and_fixes_the_content(officer):
    decision = DecisionFactory(decided_on=dt.date(2017, 2, 27), decided_by="Lord Willy Bach, PCC")
    services.decision_sign(actor=officer, decision=decision)
    decision.refresh_from_db()
    assert decision.status == D.SIGNED
    assert decision.signed_by == officer
    assert decision.signed_at is not None
    latest = decision.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("Signed", officer)
    with pytest.raises(ValidationError, match="signed, so it cannot be changed"):
        services.decision_update(actor=officer, decision=decision, changes={"title": "Changed"})
    with pytest.raises(ValidationError, match="signed, so it cannot be signed again"):
        services.decision_sign(actor=officer, decision=decision)
    with pytest.raises(ValidationError, match="signed, so it cannot be deleted"):
        services.decision_delete(actor=officer, decision=decision)
    decision.refresh_from_db()
    assert decision.title != "Changed"


def test_publish_only_a_signed_record(officer):
    draft = DecisionFactory()
    with pytest.raises(ValidationError, match="Only a signed decision record can be published"):
        services.decision_publish(actor=officer, decision=draft)
    signed = DecisionFactory(status=D.SIGNED)
    services.decision_publish(actor=officer, decision=signed)
    signed.refresh_from_db()
    assert signed.status == D.PUBLISHED
    assert signed.published_at is not None
    assert signed.history.first().history_change_reason == "Published"
    with pytest.raises(ValidationError, match="this one is published"):
        services.decision_publish(actor=officer, decision=signed)


def test_delete_a_draft_leaves_its_history(officer, django_capture_on_commit_callbacks):
    decision = DecisionFactory()
    document = DocumentFactory(framework=None, decision=decision)
    path = Path(document.file.path)
    pk = decision.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_delete(actor=officer, decision=decision)
    assert not Decision.objects.filter(pk=pk).exists()
    assert not path.exists()
    deleted = Decision.history.filter(id=pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", officer)


# --- Publishing a framework -----------------------------------------------------------


def final_framework():
    framework = FrameworkFactory(status=FrameworkStatus.FINAL)
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    ServiceLineCostFactory(line=line, amount=Decimal("10"))
    return framework


def test_a_framework_cannot_be_published_without_a_signed_decision(officer):
    framework = final_framework()
    DecisionFactory(area=framework.area, framework=framework)  # a draft is not enough
    DecisionFactory(area=framework.area, status=D.SIGNED)  # nor one for something else
    with pytest.raises(ValidationError, match="only with a signed decision record for it"):
        budgets.framework_transition(
            actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED
        )
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.FINAL


def test_publishing_the_framework_publishes_its_signed_decision(officer):
    framework = final_framework()
    signed = signed_decision_for(framework)
    draft = DecisionFactory(area=framework.area, framework=framework)
    budgets.framework_transition(actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED)
    signed.refresh_from_db()
    draft.refresh_from_db()
    assert signed.status == D.PUBLISHED
    assert signed.published_at is not None
    assert signed.history.first().history_user == officer
    assert draft.status == D.DRAFT


def test_an_already_published_decision_also_allows_publishing(officer):
    framework = final_framework()
    DecisionFactory(area=framework.area, framework=framework, status=D.PUBLISHED)
    budgets.framework_transition(actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED)
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.PUBLISHED


def test_the_hooks_are_registered_once():
    assert budgets.PUBLISH_REQUIREMENTS.count(services.framework_publish_requirement) == 1
    assert budgets.ON_PUBLISH.count(services.publish_framework_decisions) == 1
