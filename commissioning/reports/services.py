"""Writing Panel reports: create one from a framework, change its details, write a
section, choose the implications template, mark it final or reopen it.

Every function is keyword-only, atomic, checks the actor may edit (``actor=None`` is the
system: the demo loader), and saves through simple-history with the actor (and a reason
where it helps).
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation
from commissioning.core.roles import is_editor

from .defaults import DEFAULT_PANEL, DEFAULT_REPORT_OF, default_bodies
from .models import ImplicationsTemplate, PanelReport, ReportSection, ReportStatus
from .sections import normalise, sections_for, spec_for
from .selectors import framework_consultation

# Which status each may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.FINAL}),
    ReportStatus.FINAL: frozenset({ReportStatus.DRAFT}),
}
DETAIL_FIELDS = (
    "panel_name",
    "meeting_date",
    "meeting_time",
    "subject",
    "report_of",
    "author_name",
    "author_role",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
)


def _require_editor(actor: Any) -> None:
    # ``None`` is the system itself (the demo loader), as in the other apps' services.
    if actor is not None and not is_editor(actor):
        raise PermissionDenied(_("Only officers may change Panel reports"))


def _save(instance: Any, actor: Any, reason: str = "") -> Any:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.save()
    return instance


def _locked(report: PanelReport) -> PanelReport:
    return (
        PanelReport.objects.select_for_update(of=("self",))
        .select_related("framework")
        .get(pk=report.pk)
    )


def _require_draft(report: PanelReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("This report is final: reopen it as a draft to change it"))


def _clean_consultation(framework: Framework, consultation: Consultation | None) -> None:
    if consultation is not None and consultation.framework_id != framework.pk:
        raise ValidationError(
            {"consultation": _("Select a consultation on the framework the report is about")}
        )


def _ensure_sections(report: PanelReport, actor: Any, bodies: dict[str, str]) -> None:
    """Create the sections the report's template has and it lacks, with their defaults;
    sections already written are never touched."""
    existing = set(report.sections.values_list("key", flat=True))
    for spec in sections_for(report.implications_template):
        if spec.key not in existing:
            _save(ReportSection(report=report, key=spec.key, body=bodies.get(spec.key, "")), actor)


@transaction.atomic
def panel_report_create(
    *,
    actor: Any,
    framework: Framework,
    meeting_date: date,
    implications_template: str = ImplicationsTemplate.STANDARD,
    consultation: Consultation | None = None,
    panel_name: str = "",
    subject: str = "",
    **details: Any,
) -> PanelReport:
    """A draft report on the framework, with every section written in the seeds' words
    from the framework's data. ``consultation`` defaults to the framework's latest."""
    _require_editor(actor)
    if implications_template not in ImplicationsTemplate.values:
        raise ValidationError({"implications_template": _("Select the implications to use")})
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown report details: {sorted(unknown)}")
    if consultation is None:
        consultation = framework_consultation(framework)
    _clean_consultation(framework, consultation)
    report = PanelReport(
        framework=framework,
        consultation=consultation,
        panel_name=panel_name.strip() or DEFAULT_PANEL,
        subject=subject.strip() or framework.title,
        report_of=DEFAULT_REPORT_OF,
        meeting_date=meeting_date,
        implications_template=implications_template,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for name, value in details.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.full_clean(exclude=["framework", "consultation", "created_by"])
    _save(report, actor, "Created from the framework")
    _ensure_sections(report, actor, default_bodies(report))
    return report


@transaction.atomic
def panel_report_update(*, actor: Any, report: PanelReport, **changes: Any) -> PanelReport:
    """Change the title block and the person to contact."""
    _require_editor(actor)
    unknown = set(changes) - set(DETAIL_FIELDS) - {"consultation"}
    if unknown:
        raise TypeError(f"unknown report details: {sorted(unknown)}")
    locked = _locked(report)
    _require_draft(locked)
    if "consultation" in changes:
        _clean_consultation(locked.framework, changes["consultation"])
    changed = False
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed = True
    if not changed:
        return locked
    locked.full_clean(exclude=["framework", "consultation", "created_by"])
    return _save(locked, actor)


@transaction.atomic
def panel_report_section_save(
    *, actor: Any, report: PanelReport, key: str, body: str
) -> ReportSection:
    """Write one section's paragraphs (blank line between paragraphs; numbers typed at
    the start of a paragraph are removed: the report numbers its paragraphs)."""
    _require_editor(actor)
    locked = _locked(report)
    _require_draft(locked)
    if spec_for(locked.implications_template, key) is None:
        raise ValidationError({"key": _("This report has no such section")})
    section, _created = ReportSection.objects.select_for_update().get_or_create(
        report=locked, key=key
    )
    text = normalise(body)
    if section.body == text:
        return section
    section.body = text
    _save(section, actor)
    # The report's "last changed" follows its sections.
    return _touch(locked, actor, section)


def _touch(report: PanelReport, actor: Any, section: ReportSection) -> ReportSection:
    report.skip_history_when_saving = True  # type: ignore[attr-defined]
    report.save(update_fields=["updated_at"])
    del report.skip_history_when_saving  # type: ignore[attr-defined]
    return section


@transaction.atomic
def panel_report_set_template(
    *, actor: Any, report: PanelReport, implications_template: str
) -> PanelReport:
    """Choose the implications template. Sections the new template needs are created
    with their defaults; what was written for the other template is kept, so choosing
    it again brings the text back."""
    _require_editor(actor)
    if implications_template not in ImplicationsTemplate.values:
        raise ValidationError({"implications_template": _("Select the implications to use")})
    locked = _locked(report)
    _require_draft(locked)
    if locked.implications_template == implications_template:
        return locked
    locked.implications_template = implications_template
    _save(locked, actor, "Implications template changed")
    _ensure_sections(locked, actor, default_bodies(locked))
    return locked


@transaction.atomic
def panel_report_transition(*, actor: Any, report: PanelReport, to: str) -> PanelReport:
    """Mark a draft final (it can no longer be changed) or reopen a final report."""
    _require_editor(actor)
    locked = _locked(report)
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A %(status)s report cannot become %(to)s")
            % {
                "status": ReportStatus(locked.status).label.lower(),
                "to": ReportStatus(to).label.lower() if to in ReportStatus.values else to,
            }
        )
    locked.status = to
    locked.finalised_at = timezone.now() if to == ReportStatus.FINAL else None
    reason = "Marked final" if to == ReportStatus.FINAL else "Reopened as a draft"
    return _save(locked, actor, reason)
