"""Widgets for GOV.UK patterns Django has no widget for, and the map from any widget to
the GOV.UK component that renders it.

Standard Django widgets need nothing from here: the renderer draws a ``RadioSelect`` as
GOV.UK radios, a ``Textarea`` with a ``maxlength`` as a character count, and so on. The
classes below only add options (inline radios, hints per option, a £ prefix, a date in
three boxes).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import format_money

# The parts of a date, in the order GOV.UK shows them.
DATE_PARTS = ("day", "month", "year")

# Where the bound field tells DateInputWidget which boxes to highlight ("day month").
# Removed from the attributes before rendering, so it never reaches the HTML.
ERROR_PARTS_ATTR = "_govuk_error_parts"


class GovukRadioSelect(forms.RadioSelect):
    """Radios with GOV.UK options: side by side (``inline``, for two short answers),
    smaller (``small``), a hint under an option (``hints={value: text}``) and a divider
    such as "or" before an option (``dividers={value: text}``)."""

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        inline: bool = False,
        small: bool = False,
        hints: Mapping[Any, "str | Promise"] | None = None,
        dividers: Mapping[Any, str] | None = None,
    ) -> None:
        super().__init__(attrs, choices)
        self.inline = inline
        self.small = small
        self.hints = dict(hints or {})
        self.dividers = dict(dividers or {})


class GovukCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with GOV.UK options: ``small``, ``hints={value: text}`` and
    ``dividers={value: text}`` (for an exclusive "None of these" option, pass
    ``exclusive=value``)."""

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        small: bool = False,
        hints: Mapping[Any, "str | Promise"] | None = None,
        dividers: Mapping[Any, str] | None = None,
        exclusive: Any = None,
    ) -> None:
        super().__init__(attrs, choices)
        self.small = small
        self.hints = dict(hints or {})
        self.dividers = dict(dividers or {})
        self.exclusive = exclusive


class CharacterCountTextarea(forms.Textarea):
    """A textarea with the GOV.UK character count. Any ``Textarea`` whose field has a
    ``max_length`` already gets one; use this class to count words (``maxwords``) or to
    show the count only near the limit (``threshold``, a percentage)."""

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        maxwords: int | None = None,
        threshold: int | None = None,
    ) -> None:
        super().__init__(attrs)
        self.maxwords = maxwords
        self.threshold = threshold


class MoneyInput(forms.TextInput):
    """A text box with a £ prefix. GOV.UK asks for numbers in ``type="text"`` boxes: a
    ``type="number"`` box changes the value when people scroll and refuses commas."""

    prefix = "£"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"spellcheck": "false", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        # A saved amount is shown as people would type it ("1,234.50"); what someone
        # typed is shown back exactly as typed, so they can correct it.
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_money(Decimal(value), symbol=False)
        return super().format_value(value)


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: Day, Month and Year boxes in a fieldset.

    ``autocomplete="bday"`` marks a date of birth (the boxes get ``bday-day`` and so on).
    Pair it with :class:`commissioning.core.forms.fields.GovukDateField`.
    """

    template_name = "govuk/widgets/date_input.html"
    labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}

    def __init__(self, attrs: dict[str, Any] | None = None, *, autocomplete: str = "") -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput() for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)
        self.autocomplete = autocomplete

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        error_parts = str(attrs.pop(ERROR_PARTS_ATTR, "")).split() or None
        has_errors = attrs.pop("aria-invalid", None) is not None or error_parts is not None
        # Classes are set per box below; the fieldset carries any description.
        attrs.pop("class", None)
        attrs.pop("aria-describedby", None)
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            in_error = has_errors and (not error_parts or part in error_parts)
            classes = ["govuk-input", "govuk-date-input__input"]
            if in_error:
                classes.append("govuk-input--error")
            classes.append("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
            sub_attrs = subwidget["attrs"]
            sub_attrs.pop("aria-invalid", None)
            sub_attrs.pop("class", None)
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
            sub_attrs["class"] = " ".join(classes)
            sub_attrs["inputmode"] = "numeric"
            if in_error:
                sub_attrs["aria-invalid"] = "true"
            if self.autocomplete:
                sub_attrs["autocomplete"] = f"{self.autocomplete}-{part}"
            subwidget["label"] = self.labels[part]
            subwidget["part"] = part
        return context


# The GOV.UK component for each kind of widget; the field template switches on these.
INPUT = "input"
PASSWORD = "password"  # noqa: S105 - a component name, not a secret
MONEY = "money"
TEXTAREA = "textarea"
CHARACTER_COUNT = "character_count"
SELECT = "select"
RADIOS = "radios"
CHECKBOXES = "checkboxes"
CHECKBOX = "checkbox"
DATE = "date"
FILE = "file"
HIDDEN = "hidden"
OTHER = "other"

# Kinds drawn as a fieldset with a legend rather than a label.
FIELDSET_KINDS = frozenset({RADIOS, CHECKBOXES, DATE})


def widget_kind(widget: forms.Widget, *, max_length: int | None = None) -> str:
    """Which GOV.UK component draws this widget (most specific classes first)."""
    if widget.is_hidden:
        return HIDDEN
    if isinstance(widget, DateInputWidget):
        return DATE
    if isinstance(widget, MoneyInput):
        return MONEY
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a RadioSelect subclass
        return CHECKBOXES
    if isinstance(widget, forms.RadioSelect):
        return RADIOS
    if isinstance(widget, forms.CheckboxInput):
        return CHECKBOX
    if isinstance(widget, forms.Select):  # also SelectMultiple and NullBooleanSelect
        return SELECT
    if isinstance(widget, forms.Textarea):
        counted = isinstance(widget, CharacterCountTextarea) and widget.maxwords
        return CHARACTER_COUNT if (counted or max_length) else TEXTAREA
    if isinstance(widget, forms.FileInput):
        return FILE
    if isinstance(widget, forms.PasswordInput):
        return PASSWORD
    if isinstance(widget, forms.widgets.Input):
        return INPUT
    return OTHER
