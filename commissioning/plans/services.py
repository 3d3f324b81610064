"""Every change to Police and Crime Plans, their priorities and Key Performance Questions.

Keyword-only, atomic, validating before saving. Instances are saved one by one so that
django-simple-history records who changed what, before and after; ``_history_user``
names the actor even outside a request (commands, demo data). ``actor=None`` stands for
the system itself (a management command); a person must be an editor.

Services raise ``ValidationError`` with messages fit to show to the officer (keyed by
field where one field is at fault); views turn them into form errors.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea

from .models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority
from .policies import plan_policy
from .selectors import plan_area_is_fixed

# simple-history's change reason column holds 100 characters.
REASON_MAX_LENGTH = 100

PLAN_FIELDS = frozenset({"area", "title", "starts_on", "ends_on", "summary"})
PRIORITY_FIELDS = frozenset({"code", "name", "description", "is_cross_cutting"})

Direction = Literal["up", "down"]


def _authorise(actor: Any) -> None:
    if actor is not None and not plan_policy.can_create(actor):
        raise PermissionDenied


def _reason(template: str, name: str) -> str:
    """A change reason naming a record, the name shortened to fit the column."""
    text = template % {"name": name}
    overflow = len(text) - REASON_MAX_LENGTH
    if overflow > 0:
        text = template % {"name": name[: max(len(name) - overflow - 1, 1)] + "…"}
    return text[:REASON_MAX_LENGTH]


def _save(instance: models.Model, actor: Any, reason: str = "", *, clean: bool = True) -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    if clean:
        instance.full_clean()
    instance.save()


def _delete(instance: models.Model, actor: Any, reason: str = "") -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.delete()


def _renumber(items: list[Any], actor: Any, reason: str) -> None:
    """Give ``items`` the orders 1, 2, 3 ... in list order, saving only those that move."""
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            _save(item, actor, reason, clean=False)


def _move(items: list[Any], target: Any, direction: Direction) -> bool:
    """Swap ``target`` with its neighbour in ``items`` (in place). False at either end."""
    if direction not in ("up", "down"):
        raise ValueError(f"Not a direction: {direction!r}")
    index = next(i for i, item in enumerate(items) if item.pk == target.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


# --- Plans ------------------------------------------------------------------------------


def _check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on <= starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("The end date must be after the start date"))}
        )


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": ValidationError(_("Enter the plan's title"))})
    return title


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    area: PolicingArea,
    title: str,
    starts_on: date,
    ends_on: date,
    summary: str = "",
) -> PoliceAndCrimePlan:
    """A new plan for ``area``; add its priorities with :func:`priority_create`."""
    _authorise(actor)
    title = _check_title(title)
    _check_period(starts_on, ends_on)
    plan = PoliceAndCrimePlan(
        area=area, title=title, starts_on=starts_on, ends_on=ends_on, summary=summary.strip()
    )
    _save(plan, actor)
    return plan


@transaction.atomic
def plan_update(
    *, actor: Any, plan: PoliceAndCrimePlan, data: Mapping[str, Any]
) -> PoliceAndCrimePlan:
    """Change any of area, title, start and end dates and summary.

    The area can change only while nothing depends on it being where it is: no
    framework is aligned to the plan and it is not part of a chain of revisions.
    """
    _authorise(actor)
    unknown = set(data) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"Not plan fields: {sorted(unknown)}")
    plan = PoliceAndCrimePlan._default_manager.select_for_update().get(pk=plan.pk)
    if "title" in data:
        data = {**data, "title": _check_title(data["title"])}
    if "summary" in data:
        data = {**data, "summary": (data["summary"] or "").strip()}
    _check_period(data.get("starts_on", plan.starts_on), data.get("ends_on", plan.ends_on))
    area = data.get("area")
    if area is not None and area.pk != plan.area_id and plan_area_is_fixed(plan):
        raise ValidationError(
            {
                "area": ValidationError(
                    _(
                        "The area cannot change: frameworks are aligned to this plan or it "
                        "is part of a chain of revisions"
                    )
                )
            }
        )
    changed = False
    for field, value in data.items():
        if getattr(plan, field) != value:
            setattr(plan, field, value)
            changed = True
    if changed:
        _save(plan, actor)
    return plan


@transaction.atomic
def plan_revise(
    *, actor: Any, plan: PoliceAndCrimePlan, title: str | None = None
) -> PoliceAndCrimePlan:
    """Start a revision: a new plan that ``revises`` this one, with copies of its
    priorities, cross-cutting themes and their Key Performance Questions, in order.

    The earlier plan is left as it was, so frameworks aligned to it keep the priorities
    they were written against. A plan is revised once; later revisions revise the latest.
    """
    _authorise(actor)
    plan = PoliceAndCrimePlan._default_manager.select_for_update().get(pk=plan.pk)
    latest = plan.revisions.order_by("-created_at", "-pk").first()
    if latest is not None:
        raise ValidationError(
            _("This plan has already been revised. Revise the latest version, ‘%(title)s’")
            % {"title": latest.title}
        )
    reason = _reason(_("Revision of %(name)s"), plan.title)
    revision = PoliceAndCrimePlan(
        area_id=plan.area_id,
        title=_check_title(title if title is not None else plan.title),
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        summary=plan.summary,
        revises=plan,
    )
    _save(revision, actor, reason)
    priorities = Priority._default_manager.filter(plan=plan).prefetch_related("questions")
    for priority in priorities.order_by("is_cross_cutting", "order", "pk"):
        copy = Priority(
            plan=revision,
            code=priority.code,
            name=priority.name,
            description=priority.description,
            is_cross_cutting=priority.is_cross_cutting,
            order=priority.order,
        )
        _save(copy, actor, reason, clean=False)
        for question in priority.questions.all():
            _save(
                KeyPerformanceQuestion(priority=copy, text=question.text, order=question.order),
                actor,
                reason,
                clean=False,
            )
    return revision


# --- Priorities and cross-cutting themes -----------------------------------------------


def _clean_priority(plan_id: int, values: dict[str, Any], exclude_pk: int | None = None) -> None:
    """Trim and check ``values`` in place: code and name given, code unique in the plan
    whatever its case ("vs" and "VS" would be read as the same reference)."""
    errors: dict[str, ValidationError] = {}
    for field in ("code", "name", "description"):
        if field in values:
            values[field] = (values[field] or "").strip()
    if "code" in values:
        if not values["code"]:
            errors["code"] = ValidationError(_("Enter a code for the priority"))
        else:
            clash = Priority._default_manager.filter(plan_id=plan_id, code__iexact=values["code"])
            if exclude_pk is not None:
                clash = clash.exclude(pk=exclude_pk)
            existing = clash.first()
            if existing is not None:
                errors["code"] = ValidationError(
                    _("‘%(name)s’ already has the code %(code)s. Enter a different code")
                    % {"name": existing.name, "code": existing.code}
                )
    if "name" in values and not values["name"]:
        errors["name"] = ValidationError(_("Enter the priority's name"))
    if errors:
        raise ValidationError(errors)


def _next_order(queryset: "models.QuerySet[Any]") -> int:
    return int(queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def priority_create(
    *,
    actor: Any,
    plan: PoliceAndCrimePlan,
    code: str,
    name: str,
    description: str = "",
    is_cross_cutting: bool = False,
) -> Priority:
    """Add a priority (or cross-cutting theme) after the others of its kind."""
    _authorise(actor)
    # Lock the plan: two officers adding at once must not both take the same code or place.
    PoliceAndCrimePlan._default_manager.select_for_update().filter(pk=plan.pk).first()
    values = {"code": code, "name": name, "description": description}
    _clean_priority(plan.pk, values)
    siblings = Priority._default_manager.filter(plan=plan, is_cross_cutting=is_cross_cutting)
    priority = Priority(
        plan=plan, is_cross_cutting=is_cross_cutting, order=_next_order(siblings), **values
    )
    _save(priority, actor)
    return priority


@transaction.atomic
def priority_update(*, actor: Any, priority: Priority, data: Mapping[str, Any]) -> Priority:
    """Change code, name, description or whether it is a cross-cutting theme (which
    moves it to the end of the other list)."""
    _authorise(actor)
    unknown = set(data) - PRIORITY_FIELDS
    if unknown:
        raise ValueError(f"Not priority fields: {sorted(unknown)}")
    PoliceAndCrimePlan._default_manager.select_for_update().filter(pk=priority.plan_id).first()
    priority = Priority._default_manager.select_for_update().get(pk=priority.pk)
    values = dict(data)
    _clean_priority(priority.plan_id, values, exclude_pk=priority.pk)
    if "is_cross_cutting" in values and values["is_cross_cutting"] != priority.is_cross_cutting:
        siblings = Priority._default_manager.filter(
            plan_id=priority.plan_id, is_cross_cutting=values["is_cross_cutting"]
        )
        priority.order = _next_order(siblings)
    changed = False
    for field, value in values.items():
        if getattr(priority, field) != value:
            setattr(priority, field, value)
            changed = True
    if changed:
        _save(priority, actor)
    return priority


def priority_delete_problems(priority: Priority) -> list[str]:
    """Why the priority cannot be deleted, in words an officer can act on (empty if it can).

    A framework's budget category aligned to the priority would silently lose its
    alignment, so the officer must first remove the priority from those categories.
    """
    categories = list(
        priority.budget_categories.select_related("framework").order_by("framework__title", "name")
    )
    return [
        _(
            "The budget category ‘%(category)s’ of ‘%(framework)s’ is aligned to this "
            "priority. Remove the priority from that category first"
        )
        % {"category": category.name, "framework": category.framework.title}
        for category in categories
    ]


@transaction.atomic
def priority_delete(*, actor: Any, priority: Priority) -> None:
    """Delete a priority and its Key Performance Questions, unless a framework's budget
    category is aligned to it."""
    _authorise(actor)
    PoliceAndCrimePlan._default_manager.select_for_update().filter(pk=priority.plan_id).first()
    problems = priority_delete_problems(priority)
    if problems:
        raise ValidationError(problems)
    reason = _reason(_("Priority %(name)s deleted"), priority.name)
    # One by one, so that each question's history says who removed it and why.
    for question in list(priority.questions.all()):
        _delete(question, actor, reason)
    _delete(priority, actor)
    remaining = Priority._default_manager.filter(
        plan_id=priority.plan_id, is_cross_cutting=priority.is_cross_cutting
    ).order_by("order", "name", "pk")
    _renumber(list(remaining), actor, reason)


@transaction.atomic
def priority_move(*, actor: Any, priority: Priority, direction: Direction) -> bool:
    """Move a priority up or down among the plan's priorities (or among its cross-cutting
    themes). Returns False, changing nothing, when it is already first or last."""
    _authorise(actor)
    PoliceAndCrimePlan._default_manager.select_for_update().filter(pk=priority.plan_id).first()
    siblings = list(
        Priority._default_manager.filter(
            plan_id=priority.plan_id, is_cross_cutting=priority.is_cross_cutting
        ).order_by("order", "name", "pk")
    )
    if not _move(siblings, priority, direction):
        return False
    reason = _("Moved up") if direction == "up" else _("Moved down")
    _renumber(siblings, actor, _reason(f"{reason}: %(name)s", priority.name))
    return True


# --- Key Performance Questions ----------------------------------------------------------


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Enter the question"))})
    return text


@transaction.atomic
def kpq_create(*, actor: Any, priority: Priority, text: str) -> KeyPerformanceQuestion:
    """Add a Key Performance Question after the priority's others."""
    _authorise(actor)
    Priority._default_manager.select_for_update().filter(pk=priority.pk).first()
    question = KeyPerformanceQuestion(
        priority=priority,
        text=_check_text(text),
        order=_next_order(KeyPerformanceQuestion._default_manager.filter(priority=priority)),
    )
    _save(question, actor)
    return question


@transaction.atomic
def kpq_update(
    *, actor: Any, question: KeyPerformanceQuestion, text: str
) -> KeyPerformanceQuestion:
    _authorise(actor)
    question = KeyPerformanceQuestion._default_manager.select_for_update().get(pk=question.pk)
    text = _check_text(text)
    if text != question.text:
        question.text = text
        _save(question, actor)
    return question


@transaction.atomic
def kpq_delete(*, actor: Any, question: KeyPerformanceQuestion) -> None:
    _authorise(actor)
    Priority._default_manager.select_for_update().filter(pk=question.priority_id).first()
    _delete(question, actor)
    remaining = KeyPerformanceQuestion._default_manager.filter(
        priority_id=question.priority_id
    ).order_by("order", "pk")
    _renumber(list(remaining), actor, _("Question removed"))


@transaction.atomic
def kpq_move(*, actor: Any, question: KeyPerformanceQuestion, direction: Direction) -> bool:
    """Move a question up or down among its priority's questions (False at either end)."""
    _authorise(actor)
    Priority._default_manager.select_for_update().filter(pk=question.priority_id).first()
    siblings = list(
        KeyPerformanceQuestion._default_manager.filter(priority_id=question.priority_id).order_by(
            "order", "pk"
        )
    )
    if not _move(siblings, question, direction):
        return False
    _renumber(siblings, actor, _("Moved up") if direction == "up" else _("Moved down"))
    return True
