"""Every change to the organisations register. Each function checks permission, validates,
locks what it changes and saves model instances one by one so that simple-history records
who changed what (``_history_user`` covers calls made outside a request)."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from .identifiers import normalise_charity_number, normalise_company_number
from .merging import merge_plan, merge_problems, referencing_relations, rows_referencing
from .models import Contact, Organisation
from .policies import organisation_policy
from .selectors import organisations_with_identifiers, organisations_with_same_name

# simple-history's change reason column holds 100 characters.
REASON_MAX_LENGTH = 100

ORGANISATION_FIELDS = frozenset(
    {
        "name",
        "kind",
        "charity_number",
        "company_number",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "website",
        "email",
        "phone",
        "notes",
        "is_active",
    }
)
CONTACT_FIELDS = frozenset({"name", "job_title", "email", "phone", "is_primary"})


class PossibleDuplicateError(ValidationError):
    """An organisation with the same name exists: the officer must confirm it is another."""

    def __init__(self, matches: list[Organisation]) -> None:
        self.matches = matches
        super().__init__(
            _(
                "An organisation with this name is already in the register. Check it is not the "
                "same organisation, then confirm that you want to add another"
            ),
            code="possible_duplicate",
        )


def _reason(template: str, *, name: str, pk: int | None) -> str:
    """A change reason naming a record, shortening the name to fit the column."""
    text = template % {"name": name, "pk": pk}
    overflow = len(text) - REASON_MAX_LENGTH
    if overflow > 0:
        text = template % {"name": name[: max(len(name) - overflow - 1, 1)] + "…", "pk": pk}
    return text[:REASON_MAX_LENGTH]


def _save(instance: models.Model, *, actor: Any, reason: str = "", **kwargs: Any) -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(**kwargs)


def _clean_identifiers(values: dict[str, Any]) -> None:
    """Normalise charity and company numbers in place; one error per bad field."""
    errors: dict[str, list[ValidationError]] = {}
    for name, normalise in (
        ("charity_number", normalise_charity_number),
        ("company_number", normalise_company_number),
    ):
        if name not in values:
            continue
        try:
            values[name] = normalise(values[name] or "")
        except ValidationError as error:
            errors[name] = [error]
    if errors:
        raise ValidationError(errors)


def _check_identifier_clashes(organisation: Organisation) -> None:
    clashes = organisations_with_identifiers(
        charity_number=organisation.charity_number,
        company_number=organisation.company_number,
        exclude_pk=organisation.pk,
    )
    messages = {
        "charity_number": _(
            "‘%(name)s’ already has charity number %(number)s. Use that record instead"
        ),
        "company_number": _(
            "‘%(name)s’ already has company number %(number)s. Use that record instead"
        ),
    }
    if clashes:
        raise ValidationError(
            {
                name: ValidationError(
                    messages[name]
                    % {"name": matches[0].name, "number": getattr(organisation, name)},
                    code="duplicate_identifier",
                )
                for name, matches in clashes.items()
            }
        )


def _save_checked(organisation: Organisation, *, actor: Any) -> None:
    """Save, reporting a clash that got past the check (someone else saved the same
    number a moment before; the database constraint caught it) like any other clash."""
    try:
        with transaction.atomic():
            _save(organisation, actor=actor)
    except IntegrityError:
        _check_identifier_clashes(organisation)
        raise


def organisation_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    charity_number: str = "",
    company_number: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
    notes: str = "",
    same_name_confirmed: bool = False,
) -> Organisation:
    """Add an organisation to the register.

    Raises ValidationError for invalid values or a charity or company number another
    record already has, and PossibleDuplicateError for a name that normalises to an
    existing one unless ``same_name_confirmed``.
    """
    if not organisation_policy.can_create(actor):
        raise PermissionDenied
    values: dict[str, Any] = {
        "name": name.strip(),
        "kind": kind,
        "charity_number": charity_number,
        "company_number": company_number,
        "address_line_1": address_line_1.strip(),
        "address_line_2": address_line_2.strip(),
        "town": town.strip(),
        "postcode": postcode.strip().upper(),
        "website": website.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "notes": notes.strip(),
    }
    _clean_identifiers(values)
    organisation = Organisation(**values)
    with transaction.atomic():
        organisation.full_clean(exclude=["name_key"], validate_constraints=False)
        _check_identifier_clashes(organisation)
        if not same_name_confirmed:
            matches = organisations_with_same_name(name=organisation.name)
            if matches:
                raise PossibleDuplicateError(matches)
        _save_checked(organisation, actor=actor)
    return organisation


def organisation_update(
    *, actor: Any, organisation: Organisation, data: Mapping[str, Any]
) -> Organisation:
    """Change an organisation's details (any of ORGANISATION_FIELDS)."""
    unknown = set(data) - ORGANISATION_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    values = {
        key: (value.strip() if isinstance(value, str) else value) for key, value in data.items()
    }
    if "postcode" in values:
        values["postcode"] = values["postcode"].upper()
    _clean_identifiers(values)
    with transaction.atomic():
        organisation = Organisation._default_manager.select_for_update().get(pk=organisation.pk)
        if not organisation_policy.can_edit(actor, organisation):
            raise PermissionDenied
        for key, value in values.items():
            setattr(organisation, key, value)
        organisation.full_clean(exclude=["name_key"], validate_constraints=False)
        _check_identifier_clashes(organisation)
        _save_checked(organisation, actor=actor)
    return organisation


def _unset_other_main_contacts(*, actor: Any, contact: Contact) -> None:
    """An organisation has one main contact; choosing a new one clears the old."""
    others = Contact._default_manager.select_for_update().filter(
        organisation_id=contact.organisation_id, is_primary=True
    )
    for other in others.exclude(pk=contact.pk):
        other.is_primary = False
        _save(other, actor=actor, update_fields=["is_primary"])


def contact_create(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    job_title: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> Contact:
    if not organisation_policy.can_edit(actor, organisation):
        raise PermissionDenied
    contact = Contact(
        organisation=organisation,
        name=name.strip(),
        job_title=job_title.strip(),
        email=email.strip(),
        phone=phone.strip(),
        is_primary=is_primary,
    )
    contact.full_clean()
    with transaction.atomic():
        _save(contact, actor=actor)
        if contact.is_primary:
            _unset_other_main_contacts(actor=actor, contact=contact)
    return contact


def contact_update(*, actor: Any, contact: Contact, data: Mapping[str, Any]) -> Contact:
    unknown = set(data) - CONTACT_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        contact = (
            Contact._default_manager.select_for_update()
            .select_related("organisation")
            .get(pk=contact.pk)
        )
        if not organisation_policy.can_edit(actor, contact.organisation):
            raise PermissionDenied
        for key, value in data.items():
            setattr(contact, key, value.strip() if isinstance(value, str) else value)
        contact.full_clean()
        _save(contact, actor=actor)
        if contact.is_primary:
            _unset_other_main_contacts(actor=actor, contact=contact)
    return contact


def contact_delete(*, actor: Any, contact: Contact) -> None:
    """Remove a contact. The history keeps its last values and who removed it."""
    with transaction.atomic():
        contact = (
            Contact._default_manager.select_for_update()
            .select_related("organisation")
            .get(pk=contact.pk)
        )
        if not organisation_policy.can_edit(actor, contact.organisation):
            raise PermissionDenied
        contact._history_user = actor  # type: ignore[attr-defined]
        contact.delete()


def organisation_merge(*, actor: Any, keep: Organisation, duplicate: Organisation) -> Organisation:
    """Merge ``duplicate`` into ``keep``: two records of one organisation become one.

    Everything that points at the duplicate is moved to the kept record, row by row so
    each move is in its history; blanks on the kept record are filled from the
    duplicate; the duplicate's notes are appended. The duplicate is kept, inactive and
    marked as merged, with its history, so old links and reports still resolve.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(merge_problems(keep, duplicate))
    try:
        with transaction.atomic():
            return _merge(actor=actor, keep_pk=keep.pk, duplicate_pk=duplicate.pk)
    except IntegrityError as error:
        raise ValidationError(
            _(
                "The records could not be merged because the kept record already has a "
                "matching entry for something the duplicate has. Tell the system administrator."
            ),
            code="merge_conflict",
        ) from error


def _merge(*, actor: Any, keep_pk: int, duplicate_pk: int) -> Organisation:
    # Lock both rows in primary key order, so two merges of the same pair cannot deadlock.
    locked = {
        organisation.pk: organisation
        for organisation in Organisation._default_manager.select_for_update()
        .filter(pk__in=[keep_pk, duplicate_pk])
        .order_by("pk")
    }
    keep, duplicate = locked[keep_pk], locked[duplicate_pk]
    problems = merge_problems(keep, duplicate)
    if problems:
        raise ValidationError(problems, code="merge_refused")
    if not organisation_policy.can_merge(actor):
        raise PermissionDenied
    plan = merge_plan(keep, duplicate)
    moved_reason = _reason(
        _("Moved from merged record ‘%(name)s’ (#%(pk)s)"), name=duplicate.name, pk=duplicate.pk
    )

    # The duplicate is marked merged first: it gives up its identifiers' "live" status,
    # so the kept record may take them without breaking the uniqueness constraints.
    duplicate.is_active = False
    duplicate.merged_into = keep
    _save(
        duplicate,
        actor=actor,
        reason=_reason(_("Merged into ‘%(name)s’ (#%(pk)s)"), name=keep.name, pk=keep.pk),
    )

    keep_has_main_contact = keep.contacts.filter(is_primary=True).exists()
    for contact in Contact._default_manager.select_for_update().filter(organisation=duplicate):
        contact.organisation = keep
        if keep_has_main_contact:
            contact.is_primary = False
        _save(
            contact, actor=actor, reason=moved_reason, update_fields=["organisation", "is_primary"]
        )

    for relation in referencing_relations():
        field_name = relation.field.name
        if relation.many_to_many:
            for row in rows_referencing(relation, duplicate).select_for_update().order_by("pk"):
                manager = getattr(row, field_name)
                manager.add(keep)
                manager.remove(duplicate)
            continue
        for row in rows_referencing(relation, duplicate).select_for_update().order_by("pk"):
            setattr(row, field_name, keep)
            _save(row, actor=actor, reason=moved_reason, update_fields=[field_name])

    # Records merged into the duplicate earlier now point at the kept one: no chains.
    for earlier in Organisation._default_manager.select_for_update().filter(merged_into=duplicate):
        earlier.merged_into = keep
        _save(
            earlier,
            actor=actor,
            reason=_reason(_("Merged into ‘%(name)s’ (#%(pk)s)"), name=keep.name, pk=keep.pk),
            update_fields=["merged_into"],
        )

    for field_name, value in plan.copied_fields.items():
        setattr(keep, field_name, value)
    if plan.appends_notes:
        heading = _("Notes from merged record ‘%(name)s’ (#%(pk)s):") % {
            "name": duplicate.name,
            "pk": duplicate.pk,
        }
        keep.notes = "\n\n".join(part for part in (keep.notes.strip(), heading) if part)
        keep.notes += "\n" + duplicate.notes.strip()
    _save(
        keep,
        actor=actor,
        reason=_reason(
            _("Merged ‘%(name)s’ (#%(pk)s) into this record"), name=duplicate.name, pk=duplicate.pk
        ),
    )
    return keep
