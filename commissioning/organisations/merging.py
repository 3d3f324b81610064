"""What merging one organisation record into another would do, worked out without writing.

The records that point at an organisation are discovered from the model's reverse
relations, not listed by hand, so that apps added later (users, grants, contracts,
budget lines) are carried over by a merge without this app importing them.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from .models import Contact, Organisation

# Values copied from the duplicate when the kept record has none. The address moves as a
# block: lines from two different addresses would make a wrong one.
IDENTIFIER_FIELDS = ("charity_number", "company_number")
CONTACT_FIELDS = ("website", "email", "phone")
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "postcode")


def referencing_relations() -> list[ForeignObjectRel]:
    """Every reverse relation whose rows a merge must move to the kept record.

    Left out: simple-history's historical models (history stays as it was recorded),
    the ``merged_into`` self relation (handled by the merge itself), and relations
    hidden with ``related_name="+"``.
    """
    merged_into = Organisation._meta.get_field("merged_into")
    relations = []
    for relation in Organisation._meta.related_objects:
        related_model = relation.related_model
        if not isinstance(related_model, type) or issubclass(related_model, HistoricalChanges):
            continue
        if relation.field is merged_into:
            continue
        if relation.many_to_many and not _auto_through(relation):
            # A custom through model has its own foreign key, which is moved instead.
            continue
        relations.append(relation)
    return relations


def _auto_through(relation: ForeignObjectRel) -> bool:
    through = relation.through if hasattr(relation, "through") else None
    return bool(through is not None and through._meta.auto_created)


def rows_referencing(
    relation: ForeignObjectRel, organisation: Organisation
) -> "models.QuerySet[Any]":
    """The rows of ``relation`` that point at ``organisation`` (base manager: a custom
    default manager that hides rows must not hide them from a merge)."""
    model = relation.related_model
    assert isinstance(model, type)  # noqa: S101 - narrowed for the type checker
    return model._base_manager.filter(**{relation.field.name: organisation})


def label_for(relation: ForeignObjectRel) -> str:
    model = relation.related_model
    assert isinstance(model, type)  # noqa: S101 - narrowed for the type checker
    name = str(model._meta.verbose_name_plural)
    if sum(1 for r in referencing_relations() if r.related_model is model) > 1:
        name = f"{name} ({relation.field.verbose_name})"
    return name[:1].upper() + name[1:]


def keep_problems(keep: Organisation) -> list[str]:
    """Why other records cannot be merged into ``keep`` (empty if they can)."""
    if keep.is_merged:
        return [
            _("‘%(name)s’ has been merged into another record. Merge into that one instead.")
            % {"name": keep.name}
        ]
    if not keep.is_active:
        return [_("‘%(name)s’ is inactive. Choose an active record to keep.") % {"name": keep.name}]
    return []


def merge_problems(keep: Organisation, duplicate: Organisation) -> list[str]:
    """Why these two records cannot be merged (empty if they can)."""
    if keep.pk == duplicate.pk:
        return [_("You cannot merge a record into itself. Choose a different record.")]
    problems = keep_problems(keep)
    if duplicate.is_merged:
        problems.append(
            _("‘%(name)s’ has already been merged into another record.") % {"name": duplicate.name}
        )
    if duplicate.pk == keep.merged_into_id:
        problems.append(
            _("‘%(name)s’ was merged into ‘%(other)s’, so they cannot be merged the other way.")
            % {"name": keep.name, "other": duplicate.name}
        )
    for relation in referencing_relations():
        if relation.one_to_one and (
            rows_referencing(relation, keep).exists()
            and rows_referencing(relation, duplicate).exists()
        ):
            problems.append(
                _("Both records have a %(thing)s, and a record can only have one.")
                % {"thing": relation.related_model._meta.verbose_name}
            )
    return problems


@dataclass(frozen=True)
class CopiedValue:
    field: str
    label: str
    value: str


@dataclass(frozen=True)
class KeptValue:
    """A value both records have, differently: the kept record's wins."""

    label: str
    kept: str
    discarded: str


@dataclass(frozen=True)
class MovedRows:
    label: str
    count: int


@dataclass
class MergePlan:
    keep: Organisation
    duplicate: Organisation
    copies: list[CopiedValue] = field(default_factory=list)
    kept: list[KeptValue] = field(default_factory=list)
    moves: list[MovedRows] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    appends_notes: bool = False

    @property
    def copied_fields(self) -> dict[str, str]:
        return {copy.field: copy.value for copy in self.copies}


def _label(name: str) -> str:
    field = Organisation._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 - narrowed for the type checker
    return str(field.verbose_name).capitalize()


def merge_plan(keep: Organisation, duplicate: Organisation) -> MergePlan:
    """What the merge will copy, keep and move; shown on the confirmation page and
    followed by the merge service, so the page and the result cannot disagree."""
    plan = MergePlan(keep=keep, duplicate=duplicate)
    for name in (*IDENTIFIER_FIELDS, *CONTACT_FIELDS):
        ours, theirs = getattr(keep, name), getattr(duplicate, name)
        if theirs and not ours:
            plan.copies.append(CopiedValue(field=name, label=_label(name), value=theirs))
        elif theirs and ours != theirs:
            plan.kept.append(KeptValue(label=_label(name), kept=ours, discarded=theirs))
    if not keep.address_lines and duplicate.address_lines:
        for name in ADDRESS_FIELDS:
            if getattr(duplicate, name):
                plan.copies.append(
                    CopiedValue(field=name, label=_label(name), value=getattr(duplicate, name))
                )
    elif duplicate.address_lines and keep.address_lines != duplicate.address_lines:
        plan.kept.append(
            KeptValue(
                label=_("Address"),
                kept=", ".join(keep.address_lines),
                discarded=", ".join(duplicate.address_lines),
            )
        )
    plan.appends_notes = bool(duplicate.notes.strip())
    plan.contacts = list(duplicate.contacts.all())
    for relation in referencing_relations():
        if relation.related_model is Contact:
            continue
        count = rows_referencing(relation, duplicate).count()
        if count:
            plan.moves.append(MovedRows(label=label_for(relation), count=count))
    earlier = duplicate.merged_from.count()
    if earlier:
        plan.moves.append(
            MovedRows(label=_("Records previously merged into this duplicate"), count=earlier)
        )
    return plan
