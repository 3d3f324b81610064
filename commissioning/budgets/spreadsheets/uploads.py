"""Services for stored uploads (:class:`BudgetImport`): keep an upload for its preview,
and apply it once. Used by the import pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import BudgetImport, BudgetImportStatus, Framework
from .importing import ImportPlan, apply_import, plan_import
from .reading import read_table


@transaction.atomic
def budget_import_create(
    *, actor: Any, framework: Framework, filename: str, content: bytes
) -> BudgetImport:
    """Store an upload. The actor's earlier uploads for this framework that were never
    confirmed are discarded: only the latest one can be applied."""
    if len(content) > BudgetImport.MAX_BYTES:
        raise ValidationError(_("The selected file must be smaller than 5MB"))
    earlier = BudgetImport.objects.select_for_update().filter(
        framework=framework, uploaded_by=actor, status=BudgetImportStatus.PENDING
    )
    for stale in earlier:
        stale.status = BudgetImportStatus.DISCARDED
        stale._history_user = actor  # type: ignore[attr-defined]
        stale.save(update_fields=["status"])
    upload = BudgetImport(
        framework=framework, uploaded_by=actor, filename=filename[:255], content=content
    )
    upload._history_user = actor  # type: ignore[attr-defined]
    upload.save()
    return upload


def budget_import_plan(budget_import: BudgetImport) -> ImportPlan:
    """Read and check the stored file against the framework as it is now.

    Raises reading.TableError when the file as a whole cannot be read."""
    table = read_table(bytes(budget_import.content), budget_import.filename)
    return plan_import(framework=budget_import.framework, table=table)


@transaction.atomic
def budget_import_apply(
    *,
    actor: Any,
    budget_import: BudgetImport,
    plan: ImportPlan,
    organisation_choices: dict[str, Any],
) -> BudgetImport:
    """Replace the framework's lines with the plan's, once: a second confirmation of the
    same upload (a double submit, the back button) is refused."""
    locked = BudgetImport.objects.select_for_update().get(pk=budget_import.pk)
    if locked.status != BudgetImportStatus.PENDING:
        raise ValidationError(
            _("This file has already been imported or replaced by a later upload")
        )
    apply_import(actor=actor, plan=plan, organisation_choices=organisation_choices)
    locked.status = BudgetImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked._change_reason = _("Imported %(count)s service lines") % {"count": len(plan.lines)}  # type: ignore[attr-defined]
    locked.save(update_fields=["status", "applied_at"])
    return locked
