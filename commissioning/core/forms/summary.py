"""The GOV.UK error summary: every error of one or more forms or formsets, each linked
to the element it is about, in the order the fields appear on the page."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.forms import BaseForm, BoundField
from django.forms.formsets import BaseFormSet

from .boundfield import conditional_reveal, revealed_field_names


@dataclass(frozen=True)
class ErrorItem:
    message: str
    href: str = ""  # "" for an error with nothing on the page to link to


def anchor_id(bound_field: BoundField) -> str:
    """The id of the first input of a field, whatever its bound field class."""
    return str(
        getattr(bound_field, "govuk_anchor_id", None)
        or bound_field.id_for_label
        or bound_field.auto_id
    )


def _page_order(form: BaseForm) -> list[str]:
    # Fields revealed by an option are drawn inside their controlling field.
    revealed = revealed_field_names(form)
    reveals = conditional_reveal(form)
    order: list[str] = []
    for name in form.fields:
        if name in revealed:
            continue
        order.append(name)
        for names in reveals.get(name, {}).values():
            order.extend(n for n in names if n not in order)
    order.extend(name for name in form.fields if name not in order)
    return order


def _first_anchor(form: BaseForm) -> str:
    visible = [bf for bf in form.visible_fields() if bf.name not in revealed_field_names(form)]
    return f"#{anchor_id(visible[0])}" if visible else ""


def form_error_items(form: BaseForm) -> list[ErrorItem]:
    if not form.is_bound or not form.errors:
        return []
    # An error about the form as a whole ("Enter a correct e-mail address and password")
    # links to its first question.
    first = _first_anchor(form)
    items = [ErrorItem(str(message), first) for message in form.non_field_errors()]
    for name in _page_order(form):
        bound_field = form[name]
        href = "" if bound_field.is_hidden else f"#{anchor_id(bound_field)}"
        items.extend(ErrorItem(str(message), href) for message in bound_field.errors)
    return items


def _flatten(objects: Iterable[Any]) -> Iterator[BaseForm | BaseFormSet]:
    for obj in objects:
        if isinstance(obj, BaseForm | BaseFormSet):
            yield obj
        elif isinstance(obj, list | tuple):
            yield from _flatten(obj)
        # Anything else (None, "" for a missing template variable) has no errors.


def error_summary_items(*objects: Any) -> list[ErrorItem]:
    """Errors of forms and formsets (or lists of them), in page order."""
    items: list[ErrorItem] = []
    for obj in _flatten(objects):
        if isinstance(obj, BaseFormSet):
            forms_with_fields = [form for form in obj.forms if form.visible_fields()]
            first = _first_anchor(forms_with_fields[0]) if forms_with_fields else ""
            items.extend(ErrorItem(str(message), first) for message in obj.non_form_errors())
            for form in obj.forms:
                items.extend(form_error_items(form))
        else:
            items.extend(form_error_items(obj))
    return items
