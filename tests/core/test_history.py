"""history_entries: who changed a record, when, and each field's value before and after,
in words a person reads (choice labels, related records' names), not stored codes."""

from collections.abc import Callable

import pytest

from commissioning.accounts.models import User
from commissioning.core.history import history_entries
from commissioning.core.roles import Role
from commissioning.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _save_as(obj: Organisation, user: User | None, reason: str = "") -> None:
    obj._history_user = user  # type: ignore[attr-defined]
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()


def _changes(entry: object) -> dict[str, tuple[str, str]]:
    return {c.field: (c.before, c.after) for c in entry.changes}  # type: ignore[attr-defined]


def test_creation_shows_who_and_every_value_given(make_user: Callable[..., User]) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    organisation = Organisation(
        name="Safe Homes Trust", kind=Organisation.Kind.CIC, town="Exeter", postcode="EX1 1AA"
    )
    _save_as(organisation, officer)

    [entry] = history_entries(organisation)
    assert entry.action == "Created"
    assert entry.who == "Priya Shah"
    changes = _changes(entry)
    assert changes["Name"] == ("–", "Safe Homes Trust")
    # The label people chose from, not the stored code "cic".
    assert changes["Type"] == ("–", "Community interest company")
    assert changes["Town or city"] == ("–", "Exeter")
    assert changes["Active"] == ("–", "Yes")
    # Blank fields are not listed as "created with nothing".
    assert "Charity number" not in changes


def test_a_change_lists_only_changed_fields_with_before_and_after(
    make_user: Callable[..., User],
) -> None:
    creator = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    editor = make_user(Role.ADMIN, full_name="Tom Baker")
    organisation = Organisation(name="Safe Homes", kind=Organisation.Kind.VCS)
    _save_as(organisation, creator)

    organisation.name = "Safe Homes Trust"
    organisation.kind = Organisation.Kind.CIC
    organisation.is_active = False
    _save_as(organisation, editor, reason="Registered as a CIC")

    newest, oldest = history_entries(organisation)
    assert (newest.action, newest.who, newest.reason) == (
        "Changed",
        "Tom Baker",
        "Registered as a CIC",
    )
    assert _changes(newest) == {
        "Name": ("Safe Homes", "Safe Homes Trust"),
        "Type": ("Voluntary or community sector organisation", "Community interest company"),
        "Active": ("Yes", "No"),
    }
    assert (oldest.action, oldest.who) == ("Created", "Priya Shah")
    assert newest.when >= oldest.when


def test_a_related_record_is_shown_by_name(make_user: Callable[..., User]) -> None:
    officer = make_user(Role.ADMIN, full_name="Tom Baker")
    survivor = OrganisationFactory.create(name="Victim Support")
    duplicate = OrganisationFactory.create(name="Victim Support (duplicate)")

    duplicate.merged_into = survivor
    _save_as(duplicate, officer)

    newest = history_entries(duplicate)[0]
    assert _changes(newest)["Merged into"] == ("–", "Victim Support")


def test_a_change_made_outside_a_request_is_by_the_system() -> None:
    organisation = OrganisationFactory.create(name="Imported Org")
    [entry] = history_entries(organisation)
    assert entry.who == "System"


def test_a_save_with_nothing_changed_has_no_field_changes(make_user: Callable[..., User]) -> None:
    officer = make_user(Role.ADMIN)
    organisation = OrganisationFactory.create()
    _save_as(organisation, officer)
    newest = history_entries(organisation)[0]
    assert newest.action == "Changed"
    assert newest.changes == []


def test_entries_are_newest_first_and_limited(make_user: Callable[..., User]) -> None:
    officer = make_user(Role.ADMIN)
    organisation = OrganisationFactory.create(name="Version 0")
    for number in range(1, 5):
        organisation.name = f"Version {number}"
        _save_as(organisation, officer)

    entries = history_entries(organisation, limit=3)
    assert len(entries) == 3
    assert [_changes(e)["Name"][1] for e in entries] == ["Version 4", "Version 3", "Version 2"]
    # The oldest entry shown still compares with the record before it.
    assert _changes(entries[-1])["Name"] == ("Version 1", "Version 2")
