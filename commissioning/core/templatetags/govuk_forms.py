"""Template tags for GOV.UK forms: ``{% load govuk_forms %}``.

``{% govuk_field form.name label_as_heading=True %}`` draws one field with options the
plain ``{{ form.name.as_field_group }}`` cannot take; the error summary include uses
``govuk_error_summary_items``.
"""

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from commissioning.core.forms.boundfield import GovukBoundField
from commissioning.core.forms.summary import ErrorItem, error_summary_items

register = template.Library()


@register.simple_tag
def govuk_field(
    bound_field: BoundField, *, label_as_heading: bool | None = None, label_size: str = ""
) -> SafeString:
    """One field in GOV.UK markup. ``label_as_heading`` makes its label (or legend) the
    page's h1; ``label_size`` is "s", "m", "l" or "xl"."""
    if not isinstance(bound_field, GovukBoundField):
        return bound_field.as_field_group()
    context = bound_field.govuk_context(label_as_heading=label_as_heading, label_size=label_size)
    return bound_field.render(context=context)


@register.simple_tag
def govuk_error_summary_items(*forms: Any) -> list[ErrorItem]:
    """Every error of the given forms, formsets or lists of them, each with the link
    to its field."""
    return error_summary_items(*forms)
