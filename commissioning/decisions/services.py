"""Every write to a decision record. Keyword-only, atomic, validating before saving, and
audited through django-simple-history (who, when, before and after).

The lifecycle, readable in one screen: a draft may be changed or deleted; signing
(draft -> signed) needs the date and who decided, and fixes the content; publishing
(signed -> published) makes it public. A framework is published only with a signed
decision record that decides on it, and publishing the framework publishes that record
(seed 000, paragraph 10: the decision record went on the website with the framework).
"""

from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework
from commissioning.consultations.models import Consultation

from .models import Decision, DecisionStatus

D = DecisionStatus

# Fields an officer writes; everything else is set by the lifecycle.
CONTENT_FIELDS = frozenset(
    {
        "reference",
        "title",
        "decision",
        "reasons",
        "financial_implications",
        "legal_implications",
        "decided_on",
        "decided_by",
        "significant_public_interest",
        "framework",
        "consultation",
    }
)


def _save(decision: Decision, actor: Any, reason: str | None = None) -> Decision:
    decision._history_user = actor  # type: ignore[attr-defined]
    if reason:
        decision._change_reason = reason  # type: ignore[attr-defined]
    decision.full_clean(validate_constraints=False)
    try:
        # A savepoint: two officers saving the same reference at once both pass _check,
        # and the second must get the message, not a broken transaction and a 500.
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        if (
            Decision.objects.filter(area=decision.area_id, reference=decision.reference)
            .exclude(pk=decision.pk)
            .exists()
        ):
            raise ValidationError({"reference": _reference_taken(decision)}) from exc
        raise
    return decision


def _reference_taken(decision: Decision) -> str:
    return _("%(area)s already has a decision record with the reference %(reference)s") % {
        "area": decision.area,
        "reference": decision.reference,
    }


def _check(decision: Decision) -> None:
    """What the database cannot check: links stay in the decision's area, and the
    reference is unique in the area (with a message an officer can act on)."""
    errors: dict[str, str] = {}
    framework: Framework | None = decision.framework
    consultation: Consultation | None = decision.consultation
    if framework is not None and framework.area_id != decision.area_id:
        errors["framework"] = _("Choose a framework for %(area)s") % {"area": decision.area}
    if consultation is not None and consultation.area_id != decision.area_id:
        errors["consultation"] = _("Choose a consultation for %(area)s") % {"area": decision.area}
    reference = (decision.reference or "").strip()
    decision.reference = reference
    taken = Decision.objects.filter(area=decision.area_id, reference__iexact=reference)
    if decision.pk:
        taken = taken.exclude(pk=decision.pk)
    if reference and taken.exists():
        errors["reference"] = _reference_taken(decision)
    if errors:
        raise ValidationError(errors)


def _locked(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().get(pk=decision.pk)


def _ensure_draft(decision: Decision, doing: str) -> None:
    if decision.status != D.DRAFT:
        raise ValidationError(
            _("This decision record is %(status)s, so it cannot be %(doing)s")
            % {"status": decision.get_status_display().lower(), "doing": doing}
        )


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    area: PolicingArea,
    reference: str,
    title: str,
    decision: str,
    reasons: str,
    financial_implications: str = "",
    legal_implications: str = "",
    decided_on: date | None = None,
    decided_by: str = "",
    significant_public_interest: bool = False,
    framework: Framework | None = None,
    consultation: Consultation | None = None,
) -> Decision:
    record = Decision(
        area=area,
        reference=reference,
        title=title,
        decision=decision,
        reasons=reasons,
        financial_implications=financial_implications,
        legal_implications=legal_implications,
        decided_on=decided_on,
        decided_by=decided_by,
        significant_public_interest=significant_public_interest,
        framework=framework,
        consultation=consultation,
    )
    _check(record)
    return _save(record, actor, _("Drafted"))


@transaction.atomic
def decision_update(*, actor: Any, decision: Decision, changes: Mapping[str, Any]) -> Decision:
    """Change a draft's content; a signed record is fixed. ``changes`` is a mapping (not
    keyword arguments) because one of the fields is itself called ``decision``."""
    unknown = set(changes) - CONTENT_FIELDS
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))} here")
    record = _locked(decision)
    _ensure_draft(record, _("changed"))
    for name, value in changes.items():
        setattr(record, name, value)
    _check(record)
    return _save(record, actor)


@transaction.atomic
def decision_sign(*, actor: Any, decision: Decision) -> Decision:
    """Record that the decision was signed: who decided and when must be stated first."""
    record = _locked(decision)
    _ensure_draft(record, _("signed again"))
    errors = {}
    if record.decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision before signing")
    elif record.decided_on > timezone.localdate():
        # A draft may carry the date planned for the decision; a signed record states
        # when it was made, which cannot be later than today.
        errors["decided_on"] = _("The date of the decision must be today or in the past")
    if not record.decided_by.strip():
        errors["decided_by"] = _("Enter who made the decision before signing")
    if errors:
        raise ValidationError(errors)
    record.status = D.SIGNED
    record.signed_at = timezone.now()
    record.signed_by = actor if getattr(actor, "pk", None) else None
    return _save(record, actor, _("Signed"))


@transaction.atomic
def decision_publish(*, actor: Any, decision: Decision) -> Decision:
    record = _locked(decision)
    if record.status != D.SIGNED:
        raise ValidationError(
            _("Only a signed decision record can be published; this one is %(status)s")
            % {"status": record.get_status_display().lower()}
        )
    record.status = D.PUBLISHED
    record.published_at = timezone.now()
    return _save(record, actor, _("Published"))


@transaction.atomic
def decision_delete(*, actor: Any, decision: Decision) -> None:
    """Only a draft may go: a signed record is the record of what was decided."""
    record = _locked(decision)
    _ensure_draft(record, _("deleted"))
    # Its documents go with it (the database cascades); their files go once that is
    # committed, so a failure leaves nothing half-deleted.
    files = [
        (document.file.storage, str(document.file.name)) for document in record.documents.all()
    ]
    record._history_user = actor  # type: ignore[attr-defined]
    record._change_reason = _("Deleted draft")  # type: ignore[attr-defined]
    record.delete()
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))


# --- Publishing a framework (registered with budgets.services in DecisionsConfig) --------


def framework_publish_requirement(framework: Framework) -> str | None:
    """Why the framework may not be published yet, or None."""
    if Decision.objects.filter(framework=framework, status__in=(D.SIGNED, D.PUBLISHED)).exists():
        return None
    return _(
        "A framework can be published only with a signed decision record for it. "
        "Create a decision record for this framework and sign it first"
    )


def publish_framework_decisions(*, actor: Any, framework: Framework) -> None:
    """The framework's signed decision records go public with it."""
    for record in Decision.objects.select_for_update().filter(framework=framework, status=D.SIGNED):
        decision_publish(actor=actor, decision=record)
