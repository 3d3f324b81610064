"""Form behaviour that goes with the GOV.UK renderer."""

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django import forms


class ConditionalRevealMixin(forms.BaseForm):
    """Validates fields revealed by a radio or checkbox option (GOV.UK "conditional
    reveal"), declared as::

        conditional_reveal = {"contact_by": {"email": ["email"], "phone": ["phone"]}}

    The renderer draws ``email`` inside the "email" option of ``contact_by`` whether or
    not the form uses this mixin. The mixin makes the validation match what people
    see: a revealed field is required only when its option is chosen, and whatever was
    typed into the fields of an option that is not chosen is ignored (its errors too),
    so it is never saved.

    For a single checkbox (a ``BooleanField``) use the key ``True``.
    """

    conditional_reveal: ClassVar[Mapping[str, Mapping[Any, list[str]]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._required_when_revealed: dict[str, bool] = {}
        for options in self.conditional_reveal.values():
            for names in options.values():
                for name in names:
                    field = self.fields[name]
                    self._required_when_revealed[name] = field.required
                    field.required = False

    def _chosen(self, controller: str) -> set[str]:
        value = self.cleaned_data.get(controller)
        if isinstance(value, bool):
            return {str(value)} if value else set()
        if isinstance(value, str) or not isinstance(value, Iterable):
            values: Iterable[Any] = [] if value in (None, "") else [value]
        else:
            values = value
        return {str(getattr(v, "pk", v)) for v in values}

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or self.cleaned_data
        # A field may sit under more than one option: it counts as shown if any is chosen.
        shown: dict[str, bool] = {}
        for controller, options in self.conditional_reveal.items():
            if controller in self.errors:
                continue
            chosen = self._chosen(controller)
            for value, names in options.items():
                for name in names:
                    shown[name] = shown.get(name, False) or str(value) in chosen
        for name, is_shown in shown.items():
            if is_shown:
                self._require(name)
            else:
                self._ignore(name)
        return cleaned_data

    def _require(self, name: str) -> None:
        field = self.fields[name]
        if (
            self._required_when_revealed.get(name)
            and name not in self.errors
            and _unanswered(self.cleaned_data.get(name), field)
        ):
            self.add_error(
                name, forms.ValidationError(field.error_messages["required"], code="required")
            )

    def _ignore(self, name: str) -> None:
        self.errors.pop(name, None)  # clean() runs inside full_clean: errors exist
        field = self.fields[name]
        empty: Any = [] if isinstance(field, forms.MultipleChoiceField) else None
        if isinstance(field, forms.CharField):
            empty = field.empty_value
        self.cleaned_data[name] = empty


def _unanswered(value: Any, field: forms.Field) -> bool:
    # A multiple choice with nothing ticked cleans to an empty list or QuerySet, which
    # empty_values (None, "", [], (), {}) does not list.
    if value in field.empty_values:
        return True
    return hasattr(value, "exists") and not value.exists()
