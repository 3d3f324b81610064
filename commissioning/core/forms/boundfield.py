"""The bound field every form gets from the GOV.UK renderer.

It works out, once per field, what the GOV.UK templates need: which component draws the
widget, the ids of the hint and error messages (``<id>-hint``, ``<id>-error``), the
classes of the input, the options of radios and checkboxes with their hints and the
fields they reveal, and which element the error summary should link to.
"""

import copy
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from . import widgets as w

_BLANK_LABEL = BLANK_CHOICE_DASH[0][1]

# Attributes GOV.UK does not put on inputs. The browser's own "required" bubbles and
# silent "maxlength" truncation are inaccessible; the server validates and the error
# summary explains. Autofocus moves screen reader users past the page's content.
_SUPPRESSED_ATTRS = ("required", "maxlength", "minlength", "autofocus")

# Classes for the input element of each kind, and the class added when it has an error.
_INPUT_CLASSES: dict[str, tuple[str, str]] = {
    w.INPUT: ("govuk-input", "govuk-input--error"),
    w.MONEY: ("govuk-input", "govuk-input--error"),
    w.PASSWORD: (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    w.TEXTAREA: ("govuk-textarea", "govuk-textarea--error"),
    w.CHARACTER_COUNT: ("govuk-textarea govuk-js-character-count", "govuk-textarea--error"),
    w.SELECT: ("govuk-select", "govuk-select--error"),
    w.RADIOS: ("govuk-radios__input", ""),
    w.CHECKBOXES: ("govuk-checkboxes__input", ""),
    w.CHECKBOX: ("govuk-checkboxes__input", ""),
    w.FILE: ("govuk-file-upload", "govuk-file-upload--error"),
}

LABEL_SIZES = ("s", "m", "l", "xl")


def conditional_reveal(form: forms.BaseForm) -> Mapping[str, Mapping[Any, list[str]]]:
    """The form's ``conditional_reveal``: {controlling field: {option value: [fields]}}."""
    return getattr(form, "conditional_reveal", None) or {}


def revealed_field_names(form: forms.BaseForm) -> set[str]:
    """Fields drawn inside another field's option rather than on their own."""
    return {
        name
        for options in conditional_reveal(form).values()
        for names in options.values()
        for name in names
    }


def _key(value: Any) -> str:
    # Option values may be ints, model choice values or booleans; match them as text.
    return str(value)


class GovukBoundField(BoundField):
    """A ``BoundField`` that knows its GOV.UK component (see the module docstring)."""

    @cached_property
    def govuk_kind(self) -> str:
        return self._kind_of(self.field.widget)

    def _kind_of(self, widget: forms.Widget) -> str:
        max_length = getattr(self.field, "max_length", None) or widget.attrs.get("maxlength")
        return w.widget_kind(widget, max_length=max_length)

    # --- Ids -----------------------------------------------------------------------

    @property
    def govuk_id(self) -> str:
        """The id the field's ids derive from (the input's id for single inputs)."""
        return str(self.field.widget.attrs.get("id") or self.auto_id or self.html_name)

    @property
    def hint_id(self) -> str:
        return f"{self.govuk_id}-hint"

    @property
    def count_id(self) -> str:
        return f"{self.govuk_id}-info"

    @property
    def error_ids(self) -> list[str]:
        base = f"{self.govuk_id}-error"
        return [base if n == 0 else f"{base}-{n + 1}" for n in range(len(self.errors))]

    @property
    def aria_describedby(self) -> str | None:
        """The GOV.UK description ids (Django's own are ``<id>_helptext``); any
        ``aria-describedby`` set on the widget comes first."""
        if self.field.widget.is_hidden:
            return None
        ids = []
        if own := self.field.widget.attrs.get("aria-describedby"):
            ids.append(str(own))
        if self.govuk_kind == w.CHARACTER_COUNT:
            ids.append(self.count_id)
        if self.help_text:
            ids.append(self.hint_id)
        ids.extend(self.error_ids)
        return " ".join(ids) or None

    @property
    def error_parts(self) -> tuple[str, ...] | None:
        """For a date, the boxes its errors are about (None means all of them)."""
        parts: set[str] = set()
        for error in self.form.errors.get(self.name, self.form.error_class()).as_data():
            params = getattr(error, "params", None) or {}
            if "date_parts" not in params:
                return None
            parts.update(params["date_parts"])
        return tuple(part for part in w.DATE_PARTS if part in parts) or None

    @property
    def govuk_anchor_id(self) -> str:
        """The element the error summary links to: the first radio or checkbox, the
        first date box in error, or the input itself."""
        kind = self.govuk_kind
        if kind in (w.RADIOS, w.CHECKBOXES):
            for option in self._options():
                return str(option.data["attrs"].get("id") or self.govuk_id)
        if kind == w.DATE:
            return f"{self.govuk_id}_{(self.error_parts or w.DATE_PARTS)[0]}"
        return self.govuk_id

    @property
    def govuk_is_revealed(self) -> bool:
        return self.name in revealed_field_names(self.form)

    # --- Rendering the widget ------------------------------------------------------

    def as_widget(
        self,
        widget: forms.Widget | None = None,
        attrs: dict[str, Any] | None = None,
        only_initial: bool = False,
    ) -> SafeString:
        widget = widget or self.field.widget
        if isinstance(widget, forms.NumberInput):
            # GOV.UK asks for numbers in type="text" boxes (scrolling changes a number
            # box's value, and some assistive technology misreads it).
            widget = copy.copy(widget)
            widget.input_type = "text"
            widget.attrs = {
                k: v for k, v in widget.attrs.items() if k not in {"min", "max", "step"}
            }
        return super().as_widget(widget, attrs, only_initial)

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        for name in _SUPPRESSED_ATTRS:
            if name in attrs or name in widget.attrs:
                attrs[name] = False  # False attributes are left out of the HTML
        kind = self._kind_of(widget)
        if kind == w.HIDDEN:
            return attrs
        if kind == w.CHECKBOX and conditional_reveal(self.form).get(self.name):
            # GOV.UK Frontend shows and hides the revealed fields through this attribute.
            attrs.setdefault("data-aria-controls", f"conditional-{self.govuk_id}")
        if kind == w.DATE:
            if self.errors and self.error_parts:
                attrs[w.ERROR_PARTS_ATTR] = " ".join(self.error_parts)
            return attrs
        base, error = _INPUT_CLASSES.get(kind, ("", ""))
        classes = [base, widget.attrs.get("class", ""), attrs.get("class", "")]
        # Numbers and amounts are short: a narrow box unless the form asks for a width.
        widths = ("govuk-input--width-", "govuk-!-width-")
        if isinstance(widget, forms.NumberInput | w.MoneyInput) and not any(
            width in " ".join(classes) for width in widths
        ):
            classes.append("govuk-input--width-10")
        if self.errors and error:
            classes.append(error)
        if css := " ".join(c for c in classes if c):
            attrs["class"] = css
        if isinstance(widget, forms.NumberInput):
            attrs.setdefault("spellcheck", "false")
            if isinstance(self.field, forms.IntegerField) and not isinstance(
                self.field, forms.DecimalField | forms.FloatField
            ):
                attrs.setdefault("inputmode", "numeric")
        if isinstance(widget, forms.EmailInput | forms.URLInput):
            attrs.setdefault("spellcheck", "false")
        if kind == w.PASSWORD:
            attrs.setdefault("spellcheck", "false")
            attrs.setdefault("autocapitalize", "none")
            if "autocomplete" not in widget.attrs:
                attrs.setdefault("autocomplete", "current-password")
        return attrs

    # --- Options of radios and checkboxes -----------------------------------------

    def _options(self) -> list[Any]:
        """The radios or checkboxes, without Django's "---------" blank option (a radio
        labelled with dashes means nothing; leaving all radios unticked is the blank)."""
        return [
            option
            for option in self.subwidgets
            if not (
                self.govuk_kind == w.RADIOS
                and option.data["value"] in ("", None)
                and str(option.data["label"]) == _BLANK_LABEL
            )
        ]

    def _revealed_html(self, names: list[str]) -> SafeString:
        html = []
        for name in names:
            if name not in self.form.fields:
                raise ImproperlyConfigured(
                    f"{type(self.form).__name__}.conditional_reveal names {name!r}, "
                    "which is not a field of the form."
                )
            html.append(str(self.form[name].as_field_group()))
        return mark_safe("".join(html))  # noqa: S308 - rendered, escaped templates

    def govuk_items(self) -> list[dict[str, Any]]:
        """Each radio or checkbox: its rendered input, label, hint, divider and the
        fields it reveals."""
        widget = self.field.widget
        hints = {_key(k): v for k, v in getattr(widget, "hints", {}).items()}
        dividers = {_key(k): v for k, v in getattr(widget, "dividers", {}).items()}
        exclusive = getattr(widget, "exclusive", None)
        reveals = {
            _key(k): names for k, names in conditional_reveal(self.form).get(self.name, {}).items()
        }
        items = []
        for option in self._options():
            data = option.data
            key = _key(data["value"])
            attrs = dict(data["attrs"])
            item_id = str(attrs.get("id", ""))
            item: dict[str, Any] = {
                "id": item_id,
                "label": data["label"],
                "checked": bool(data["selected"]),
                "hint": hints.get(key, ""),
                "hint_id": f"{item_id}-item-hint",
                "divider": dividers.get(key, ""),
                "conditional_id": f"conditional-{item_id}",
                "conditional": "",
            }
            if item["hint"]:
                attrs["aria-describedby"] = item["hint_id"]
            if key in reveals:
                attrs["data-aria-controls"] = item["conditional_id"]
                item["conditional"] = self._revealed_html(reveals[key])
            if exclusive is not None and key == _key(exclusive):
                attrs["data-behaviour"] = "exclusive"
            context = {"widget": {**data, "attrs": attrs, "wrap_label": False}}
            item["tag"] = widget._render(option.template_name, context, self.renderer)
            items.append(item)
        return items

    # --- Context for the field template -------------------------------------------

    def _heading_from_form(self) -> bool:
        """``label_as_heading`` on the form: a field name, or True for the first
        visible field (a one-question page)."""
        setting = getattr(self.form, "label_as_heading", None)
        if setting is True:
            visible = self.form.visible_fields()
            return bool(visible) and visible[0].name == self.name
        return bool(setting) and setting == self.name

    def get_context(self) -> dict[str, Any]:
        return self.govuk_context()

    def govuk_context(
        self, *, label_as_heading: bool | None = None, label_size: str = ""
    ) -> dict[str, Any]:
        """What the templates in ``govuk/forms/`` use to draw this field."""
        kind = self.govuk_kind
        heading = self._heading_from_form() if label_as_heading is None else label_as_heading
        size = label_size or ("l" if heading else "")
        if size and size not in LABEL_SIZES:
            raise ValueError(f"label_size must be one of {LABEL_SIZES}, not {size!r}")
        fieldset_ids = []
        if self.help_text:
            fieldset_ids.append(self.hint_id)
        fieldset_ids.extend(self.error_ids)
        context: dict[str, Any] = {
            "field": self,
            "kind": kind,
            "field_template": f"govuk/forms/fields/{kind}.html",
            "field_id": self.govuk_id,
            "hint_id": self.hint_id,
            "errors": [
                {"id": error_id, "message": message}
                for error_id, message in zip(self.error_ids, self.errors, strict=True)
            ],
            "label_as_heading": heading,
            "label_classes": f"govuk-label--{size}" if size else "",
            "legend_classes": f"govuk-fieldset__legend--{size}" if size else "",
            "fieldset_describedby": " ".join(fieldset_ids),
        }
        widget = self.field.widget
        if kind in (w.RADIOS, w.CHECKBOXES):
            context["items"] = self.govuk_items()
            modifiers = []
            if getattr(widget, "inline", False):
                modifiers.append(f"govuk-{kind}--inline")
            if getattr(widget, "small", False):
                modifiers.append(f"govuk-{kind}--small")
            context["container_classes"] = " ".join(modifiers)
        if kind == w.CHECKBOX:
            names = [
                n
                for names in conditional_reveal(self.form).get(self.name, {}).values()
                for n in names
            ]
            context["conditional"] = self._revealed_html(names) if names else ""
            context["conditional_id"] = f"conditional-{self.govuk_id}"
            check_test = getattr(widget, "check_test", bool)
            context["checked"] = bool(check_test(self.value()))
        if kind == w.CHARACTER_COUNT:
            maxwords = getattr(widget, "maxwords", None)
            limit = maxwords or int(
                getattr(self.field, "max_length", None) or widget.attrs["maxlength"]
            )
            context.update(
                count_id=self.count_id,
                maxwords=maxwords,
                maxlength=None if maxwords else limit,
                threshold=getattr(widget, "threshold", None),
                count_message=(
                    ngettext(
                        "You can enter up to %(count)d word",
                        "You can enter up to %(count)d words",
                        limit,
                    )
                    if maxwords
                    else ngettext(
                        "You can enter up to %(count)d character",
                        "You can enter up to %(count)d characters",
                        limit,
                    )
                )
                % {"count": limit},
            )
        if kind == w.MONEY:
            context["prefix"] = getattr(widget, "prefix", "£")
        return context
