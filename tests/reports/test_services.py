"""Writing Panel reports: every change audited, drafts only, editors only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commissioning.core.roles import Role
from commissioning.reports.models import ImplicationsTemplate, ReportSection, ReportStatus
from commissioning.reports.sections import sections_for
from commissioning.reports.services import (
    panel_report_create,
    panel_report_section_save,
    panel_report_set_template,
    panel_report_transition,
    panel_report_update,
)
from tests.consultations.factories import ConsultationFactory
from tests.factories import FrameworkFactory

from .support import consultation_with_outcome, itemised_framework, report_on

pytestmark = pytest.mark.django_db


def test_create_writes_every_section_of_the_template_and_defaults_the_consultation(
    make_user,
) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    framework = itemised_framework()
    consultation = consultation_with_outcome(framework)
    report = panel_report_create(
        actor=officer,
        framework=framework,
        meeting_date=dt.date(2017, 2, 3),
        panel_name=" Leicestershire Police and Crime Panel ",
        author_name="Simon Down",
    )
    assert report.consultation == consultation
    assert report.panel_name == "Leicestershire Police and Crime Panel"
    assert report.subject == framework.title
    assert report.status == ReportStatus.DRAFT
    keys = set(report.sections.values_list("key", flat=True))
    assert keys == {spec.key for spec in sections_for(ImplicationsTemplate.STANDARD)}
    record = report.history.get()
    assert record.history_user == officer
    assert record.history_change_reason == "Created from the framework"


def test_create_refuses_a_consultation_on_another_framework(make_user) -> None:
    framework = itemised_framework()
    other = ConsultationFactory(framework=FrameworkFactory())
    with pytest.raises(ValidationError) as caught:
        report_on(framework, consultation=other)
    assert "consultation" in caught.value.message_dict


def test_panel_members_and_providers_cannot_write(make_user) -> None:
    framework = itemised_framework()
    for role in (Role.PANEL_MEMBER, Role.PROVIDER, Role.ASSESSOR):
        with pytest.raises(PermissionDenied):
            report_on(framework, actor=make_user(role))
    report = report_on(framework)
    with pytest.raises(PermissionDenied):
        panel_report_section_save(
            actor=make_user(Role.PANEL_MEMBER), report=report, key="purpose", body="No."
        )


def test_section_save_normalises_and_records_who_changed_it(make_user) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    report = report_on(itemised_framework())
    section = panel_report_section_save(
        actor=officer, report=report, key="purpose", body="4. First.\r\n\r\nSecond."
    )
    assert section.body == "First.\n\nSecond."
    latest = section.history.first()
    assert latest.history_user == officer
    # Saving the same text again writes nothing.
    count = section.history.count()
    panel_report_section_save(actor=officer, report=report, key="purpose", body="First.\n\nSecond.")
    assert section.history.count() == count


def test_section_save_refuses_a_section_of_the_other_template() -> None:
    report = report_on(itemised_framework())
    with pytest.raises(ValidationError):
        panel_report_section_save(actor=None, report=report, key="staffing", body="n/a")


def test_switching_template_adds_its_sections_and_keeps_what_was_written() -> None:
    report = report_on(itemised_framework())
    panel_report_section_save(actor=None, report=report, key="legal", body="Our own words.")
    panel_report_set_template(
        actor=None, report=report, implications_template=ImplicationsTemplate.DURHAM
    )
    keys = set(report.sections.values_list("key", flat=True))
    assert {"staffing", "childrens_act", "other_risks", "legal"} <= keys
    panel_report_set_template(
        actor=None, report=report, implications_template=ImplicationsTemplate.STANDARD
    )
    assert ReportSection.objects.get(report=report, key="legal").body == "Our own words."


def test_a_final_report_cannot_change_until_reopened(make_user) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    report = report_on(itemised_framework())
    report = panel_report_transition(actor=officer, report=report, to=ReportStatus.FINAL)
    assert report.finalised_at is not None
    with pytest.raises(ValidationError):
        panel_report_section_save(actor=officer, report=report, key="purpose", body="Late.")
    with pytest.raises(ValidationError):
        panel_report_update(actor=officer, report=report, subject="Late")
    with pytest.raises(ValidationError):
        panel_report_transition(actor=officer, report=report, to=ReportStatus.FINAL)
    report = panel_report_transition(actor=officer, report=report, to=ReportStatus.DRAFT)
    assert report.finalised_at is None
    panel_report_update(actor=officer, report=report, subject="Commissioning Framework 2017/18")
    report.refresh_from_db()
    assert report.subject == "Commissioning Framework 2017/18"
    assert report.history.first().history_user == officer


def test_update_validates_the_contact_email() -> None:
    report = report_on(itemised_framework())
    with pytest.raises(ValidationError) as caught:
        panel_report_update(actor=None, report=report, contact_email="not an address")
    assert "contact_email" in caught.value.message_dict
