"""Forms for the public answering a consultation.

A section's form is built from its questions (one field per question, plus a box for
"Other (please specify)" and for a comment), so an officer's survey needs no code. Field
names carry the question's id: ``q12`` (the choice), ``q12_other``, ``q12_text``.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import (
    ConditionalRevealMixin,
    GovukCheckboxSelectMultiple,
    GovukRadioSelect,
)

from ..models import Answer, PublishConsent, Question, QuestionKind, RespondentType
from ..services import OTHER

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000


class AboutYouForm(ConditionalRevealMixin, forms.Form):
    conditional_reveal = {"respondent_type": {RespondentType.ORGANISATION: ["organisation_name"]}}

    respondent_type = forms.ChoiceField(
        label=_("Are you responding as an individual or on behalf of an organisation?"),
        choices=RespondentType.choices,
        widget=GovukRadioSelect,
        error_messages={
            "required": _(
                "Select whether you are responding as an individual or for an organisation"
            )
        },
    )
    organisation_name = forms.CharField(
        label=_("Name of your organisation"),
        max_length=250,
        error_messages={"required": _("Enter the name of your organisation")},
    )
    respondent_name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("We will only publish it if you say we may."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class PublishingForm(forms.Form):
    label_as_heading = "publish_consent"

    publish_consent = forms.ChoiceField(
        label=_("May we publish your response?"),
        help_text=_(
            "We publish a summary of what people told us, with our response. "
            "We remove personal details before anything is published."
        ),
        choices=PublishConsent.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether we may publish your response")},
    )


class SaveForm(forms.Form):
    label_as_heading = "email"

    email = forms.EmailField(
        label=_("What is your e-mail address?"),
        help_text=_(
            "We will send you a link to come back to your answers. We delete your "
            "e-mail address when you send your response."
        ),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com"),
        },
    )


class CheckForm(forms.Form):
    """The check page's "Send" button: the key makes a double click or a retry harmless."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)


class LimitedMultipleChoiceField(forms.MultipleChoiceField):
    """Tick boxes with an optional most that may be ticked."""

    def __init__(self, *args: Any, max_choices: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_choices = max_choices

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise ValidationError(
                _("Select no more than %(count)s options") % {"count": self.max_choices},
                code="max_choices",
            )


def _name(question: Question) -> str:
    return question.code or str(question.text)[:60]


def _label(question: Question) -> str:
    return f"{question.code} {question.text}".strip()


def choice_field_name(question: Question) -> str:
    return f"q{question.pk}"


def other_field_name(question: Question) -> str:
    return f"q{question.pk}_other"


def text_field_name(question: Question) -> str:
    return f"q{question.pk}_text"


def _choice_field(question: Question) -> forms.Field:
    choices = [(str(option.pk), option.label) for option in question.options.all()]
    if question.has_other:
        choices.append((OTHER, str(_("Other (please specify)"))))
    hint = question.help_text
    if question.kind == QuestionKind.MULTIPLE:
        if question.max_choices:
            limit = _("Select up to %(count)s.") % {"count": question.max_choices}
            hint = f"{hint} {limit}".strip()
        return LimitedMultipleChoiceField(
            label=_label(question),
            help_text=hint,
            choices=choices,
            required=question.required,
            max_choices=question.max_choices,
            widget=GovukCheckboxSelectMultiple,
            error_messages={
                "required": _("Select at least one answer to %(q)s") % {"q": _name(question)}
            },
        )
    return forms.ChoiceField(
        label=_label(question),
        help_text=hint,
        choices=choices,
        required=question.required,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select an answer to %(q)s") % {"q": _name(question)}},
    )


def _text_field(question: Question) -> forms.Field:
    if question.kind == QuestionKind.SINGLE_WITH_COMMENT:
        return forms.CharField(
            label=question.comment_label or _("Comments"),
            help_text=_("Optional."),
            max_length=LONG_TEXT_MAX,
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
    long = question.kind == QuestionKind.LONG_TEXT
    return forms.CharField(
        label=_label(question),
        help_text=question.help_text,
        max_length=LONG_TEXT_MAX if long else SHORT_TEXT_MAX,
        required=question.required,
        widget=forms.Textarea(attrs={"rows": 5}) if long else forms.TextInput,
        error_messages={"required": _("Enter your answer to %(q)s") % {"q": _name(question)}},
    )


class SectionForm(ConditionalRevealMixin, forms.Form):
    """Base of the form built for one section by :func:`section_form_class`."""

    questions: Sequence[Question] = ()

    def answers(self) -> list[dict[str, Any]]:
        """What to save: one ``answer_save`` call's arguments per question."""
        result = []
        for question in self.questions:
            choices: list[str] = []
            if question.is_choice:
                value = self.cleaned_data.get(choice_field_name(question)) or []
                choices = [value] if isinstance(value, str) else list(value)
            result.append(
                {
                    "question": question,
                    "choices": choices,
                    "other_text": self.cleaned_data.get(other_field_name(question), "") or "",
                    "text": self.cleaned_data.get(text_field_name(question), "") or "",
                }
            )
        return result

    def field_for_error(self, question: Question, error: ValidationError) -> str | None:
        """Which field a service's refusal belongs to."""
        if hasattr(error, "error_dict") and "other_text" in error.error_dict:
            return other_field_name(question)
        return choice_field_name(question) if question.is_choice else text_field_name(question)


def section_form_class(questions: Iterable[Question]) -> type[SectionForm]:
    """A form class for one section's questions (options prefetched)."""
    questions = list(questions)
    fields: dict[str, Any] = {}
    reveal: dict[str, dict[str, list[str]]] = {}
    for question in questions:
        if question.is_choice:
            fields[choice_field_name(question)] = _choice_field(question)
            if question.has_other:
                fields[other_field_name(question)] = forms.CharField(
                    label=_("Your other answer"),
                    max_length=SHORT_TEXT_MAX,
                    error_messages={"required": _("Say what your other answer is")},
                )
                reveal[choice_field_name(question)] = {OTHER: [other_field_name(question)]}
            if question.kind == QuestionKind.SINGLE_WITH_COMMENT:
                fields[text_field_name(question)] = _text_field(question)
        else:
            fields[text_field_name(question)] = _text_field(question)
    attrs = {**fields, "questions": questions, "conditional_reveal": reveal}
    return type("SectionForm", (SectionForm,), attrs)


def initial_from_answers(
    questions: Iterable[Question], answers: dict[int, Answer]
) -> dict[str, Any]:
    """A section form's initial values from the answers already saved (choices
    prefetched)."""
    initial: dict[str, Any] = {}
    for question in questions:
        answer = answers.get(question.pk)
        if answer is None:
            continue
        if question.is_choice:
            chosen = [str(option.pk) for option in answer.choices.all()]
            if answer.other_text:
                chosen.append(OTHER)
            if question.kind == QuestionKind.MULTIPLE:
                initial[choice_field_name(question)] = chosen
            elif chosen:
                initial[choice_field_name(question)] = chosen[0]
            initial[other_field_name(question)] = answer.other_text
        initial[text_field_name(question)] = answer.text
    return initial
