"""Load the demo data (data.py) into the database, as often as you like.

Every record is found by its natural key (an area's slug, a sub-area's name within its
area, an organisation's name, a person's e-mail address) and saved only when something
differs, so a second run changes nothing and leaves no new history entries. The one
exception by design: a demo account whose password no longer matches the demo password
gets it back, so that nobody trying the demo is locked out by someone else's change.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.accounts.services import ensure_demo_totp_device
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.roles import STAFF_ROLES
from commissioning.organisations.models import Organisation

from . import data

M = TypeVar("M", bound=models.Model)

CHANGE_REASON = "Demo data loaded"


@dataclass
class LoadSummary:
    """What a run did, per kind of record: created, updated or already as it should be."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    passwords_reset: list[str] = field(default_factory=list)

    def note(self, label: str, outcome: str) -> None:
        self.counts.setdefault(label, Counter())[outcome] += 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.passwords_reset) or any(
            counter["created"] or counter["updated"] for counter in self.counts.values()
        )


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    current_field = instance._meta.get_field(name)
    if isinstance(current_field, models.ForeignKey):
        # Compare ids: reading the related object would cost a query per field.
        return bool(getattr(instance, current_field.attname) != (value.pk if value else None))
    return bool(getattr(instance, name) != value)


def upsert(
    model: type[M], *, lookup: dict[str, Any], values: dict[str, Any], summary: LoadSummary
) -> M:
    """Create the record, or bring it in line with ``values``; save only if needed."""
    label = str(model._meta.verbose_name_plural)
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        outcome = "created"
    elif any(_differs(instance, name, value) for name, value in values.items()):
        for name, value in values.items():
            setattr(instance, name, value)
        outcome = "updated"
    else:
        summary.note(label, "unchanged")
        return instance
    # Loaded by a command, not a person: the history shows "System" and this reason.
    instance._history_user = None  # type: ignore[attr-defined]
    instance._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
    instance.save()
    summary.note(label, outcome)
    return instance


def load_areas(summary: LoadSummary) -> dict[str, SubArea]:
    """The policing areas, LLR's sub-areas and groups. Returns LLR's sub-areas by name."""
    areas = {
        spec.slug: upsert(
            PolicingArea,
            lookup={"slug": spec.slug},
            values={
                "name": spec.name,
                "short_name": spec.short_name,
                "force_name": spec.force_name,
            },
            summary=summary,
        )
        for spec in data.AREAS
    }
    llr = areas[data.LLR_SLUG]
    sub_areas: dict[str, SubArea] = {}
    for spec in data.LLR_SUB_AREAS:
        sub_areas[spec.name] = upsert(
            SubArea,
            lookup={"area": llr, "name": spec.name},
            values={
                "kind": spec.kind,
                "parent": sub_areas[spec.parent] if spec.parent else None,
                "is_csp_area": bool(spec.csp_name),
                "csp_name": spec.csp_name,
                "population": spec.population,
                "population_year": data.POPULATION_YEAR,
                "population_source": data.POPULATION_SOURCE,
            },
            summary=summary,
        )
    for name, member_names in data.LLR_GROUPS.items():
        group = upsert(SubAreaGroup, lookup={"area": llr, "name": name}, values={}, summary=summary)
        members = {sub_areas[member] for member in member_names}
        current = set(group.members.all())
        if current != members:
            # As the areas service does: one history entry for the new membership.
            group.skip_history_when_saving = True  # type: ignore[attr-defined]
            group.members.set(members)
            del group.skip_history_when_saving  # type: ignore[attr-defined]
            group._history_user = None  # type: ignore[attr-defined]
            group._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            group.save()
            summary.note("group memberships", "updated" if current else "created")
        else:
            summary.note("group memberships", "unchanged")
    return sub_areas


def load_organisations(summary: LoadSummary) -> dict[str, Organisation]:
    return {
        spec.name: upsert(
            Organisation,
            lookup={"name": spec.name},
            values={
                "kind": spec.kind,
                "charity_number": spec.charity_number,
                "notes": spec.notes,
                "is_active": True,
            },
            summary=summary,
        )
        for spec in data.ORGANISATIONS
    }


def load_users(
    summary: LoadSummary,
    *,
    organisations: dict[str, Organisation],
    sub_areas: dict[str, SubArea],
) -> list[User]:
    users = []
    for spec in data.USERS:
        user = upsert(
            User,
            lookup={"email": spec.email},
            values={
                "full_name": spec.full_name,
                "role": spec.role,
                "organisation": organisations[spec.organisation] if spec.organisation else None,
                "csp_area": sub_areas[spec.csp_area] if spec.csp_area else None,
                "is_active": True,
            },
            summary=summary,
        )
        if not user.check_password(data.DEMO_PASSWORD):
            user.set_password(data.DEMO_PASSWORD)
            # The password is not part of a user's history (it is excluded there), so
            # resetting it leaves no entry.
            user.skip_history_when_saving = True  # type: ignore[attr-defined]
            user.save(update_fields=["password"])
            del user.skip_history_when_saving  # type: ignore[attr-defined]
            summary.passwords_reset.append(user.email)
        # Clear any lock-out from failed log-ins, for the same reason.
        axes_reset(username=user.email)
        if spec.role in STAFF_ROLES:
            ensure_demo_totp_device(user, data.DEMO_TOTP_KEY_HEX)
        users.append(user)
    return users


def demo_devices() -> "models.QuerySet[TOTPDevice]":
    return TOTPDevice.objects.filter(
        user__email__in=[spec.email for spec in data.USERS], confirmed=True
    )


@transaction.atomic
def load_demo() -> LoadSummary:
    """Load everything, in dependency order, in one transaction."""
    summary = LoadSummary()
    sub_areas = load_areas(summary)
    organisations = load_organisations(summary)
    load_users(summary, organisations=organisations, sub_areas=sub_areas)
    # Imported here: frameworks build on the areas and organisations loaded above.
    from .frameworks import load_frameworks

    load_frameworks(summary)
    from .consultations import load_consultations

    load_consultations(summary)
    from .outcome import load_outcome

    load_outcome(summary)
    from .decisions import load_decisions

    load_decisions(summary)
    from .reports import load_reports

    load_reports(summary)
    return summary
