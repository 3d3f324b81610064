"""Forms for the officers' survey builder: a consultation's details, its sections and
questions, and a response received on paper. Forms read and check what was typed; the
services decide and write."""

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework
from commissioning.core.forms import (
    ConditionalRevealMixin,
    GovukCheckboxSelectMultiple,
    GovukDateField,
    GovukRadioSelect,
)

from ..building import OFFICER_CHANNELS
from ..models import (
    CHOICE_KINDS,
    Audience,
    Channel,
    Consultation,
    Option,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Section,
)
from ..services import OTHER, SUPPORT_SCALE

UK = ZoneInfo("Europe/London")
INTRODUCTION_MAX_LENGTH = 10_000
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_time(text: str) -> time:
    """A time as people type it: 09:00, 9:00, 9.30, 17:00, 9am, 5.30pm."""
    match = _TIME.match(text.strip().lower())
    if not match:
        raise ValidationError(_("Enter a time like 09:00 or 17:30"))
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix:
        if not 1 <= hour <= 12:
            raise ValidationError(_("Enter a time like 09:00 or 17:30"))
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match[2] is None:
        raise ValidationError(_("Enter a time like 09:00 or 17:30"))
    if hour > 23 or minute > 59:
        raise ValidationError(_("Enter a real time, like 09:00 or 17:30"))
    return time(hour, minute)


def uk_datetime(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=UK)


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{obj.title} ({obj.area.short_name})"


def _time_field(label: Any, initial: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        initial=initial,
        help_text=_("UK time, 24-hour clock. For example, 09:00 or 17:30"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter a time")},
    )


class ConsultationForm(forms.Form):
    """Creating a consultation and changing its details."""

    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicingArea.objects.order_by("name"),
        error_messages={"required": _("Select the area")},
    )
    framework = FrameworkChoiceField(
        label=_("Framework consulted on (optional)"),
        queryset=Framework.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("The draft framework the consultation asks about, if any."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        help_text=_("For example, Draft Commissioning Framework 2017/18 consultation"),
        error_messages={"required": _("Enter a title")},
    )
    introduction = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        max_length=INTRODUCTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Shown at the start of the survey. You can use Markdown: **bold**, "
            "a line starting with - for a list."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        initial=Audience.BOTH,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select who the consultation is for")},
    )
    opens_on = GovukDateField(
        label=_("Opens"),
        error_label=_("The opening date"),
        help_text=_("For example, 6 1 2017"),
    )
    opens_time = _time_field(_("Opening time"), "09:00")
    closes_on = GovukDateField(
        label=_("Closes"),
        error_label=_("The closing date"),
        help_text=_("For example, 10 2 2017"),
    )
    closes_time = _time_field(_("Closing time"), "23:59")
    privacy_notice = forms.CharField(
        label=_("Privacy notice (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How responses are used and kept. You can use Markdown."),
    )
    contact = forms.CharField(
        label=_("Contact (optional)"),
        required=False,
        max_length=250,
        help_text=_("Who to ask about the consultation, for example an e-mail address."),
    )

    def __init__(self, *args: Any, consultation: Consultation | None = None, **kwargs: Any):
        if consultation is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(consultation)
        super().__init__(*args, **kwargs)
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ModelChoiceField)  # noqa: S101 - for mypy
        framework.queryset = Framework.objects.select_related("area").order_by(
            "area__name", "-first_year", "title"
        )

    def clean_opens_time(self) -> time:
        return parse_time(self.cleaned_data["opens_time"])

    def clean_closes_time(self) -> time:
        return parse_time(self.cleaned_data["closes_time"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        area, framework = data.get("area"), data.get("framework")
        if area and framework and framework.area_id != area.pk:
            self.add_error("framework", _("Choose a framework of %(area)s") % {"area": area})
        opens, closes = self.opens_at(), self.closes_at()
        if opens and closes and closes <= opens:
            self.add_error("closes_on", _("The closing date must be after the opening date"))
        return data

    def opens_at(self) -> datetime | None:
        day, at = self.cleaned_data.get("opens_on"), self.cleaned_data.get("opens_time")
        return uk_datetime(day, at) if day and at else None

    def closes_at(self) -> datetime | None:
        day, at = self.cleaned_data.get("closes_on"), self.cleaned_data.get("closes_time")
        return uk_datetime(day, at) if day and at else None

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "framework": data["framework"],
            "title": data["title"].strip(),
            "introduction": data["introduction"],
            "audience": data["audience"],
            "opens_at": self.opens_at(),
            "closes_at": self.closes_at(),
            "privacy_notice": data["privacy_notice"],
            "contact": data["contact"].strip(),
        }


def _initial(consultation: Consultation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "area": consultation.area_id,
        "framework": consultation.framework_id,
        "title": consultation.title,
        "introduction": consultation.introduction,
        "audience": consultation.audience,
        "privacy_notice": consultation.privacy_notice,
        "contact": consultation.contact,
    }
    for prefix, moment in (("opens", consultation.opens_at), ("closes", consultation.closes_at)):
        if moment is not None:
            local = moment.astimezone(UK)
            initial[f"{prefix}_on"] = local.date()
            initial[f"{prefix}_time"] = local.strftime("%H:%M")
    return initial


class SectionForm(forms.Form):
    title = forms.CharField(
        label=_("Section title"),
        max_length=250,
        help_text=_("Each section is a page of the survey. For example, A grants process"),
        error_messages={"required": _("Enter the section's title")},
    )
    introduction = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        max_length=INTRODUCTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown above the section's questions. You can use Markdown."),
    )


KIND_HINTS = {
    QuestionKind.SINGLE: _("Radios: the respondent chooses one option."),
    QuestionKind.MULTIPLE: _("Checkboxes: the respondent ticks every option that applies."),
    QuestionKind.SHORT_TEXT: _("A one-line answer, such as a name or a number."),
    QuestionKind.LONG_TEXT: _("A box for a written answer of any length."),
    QuestionKind.SINGLE_WITH_COMMENT: _(
        "Radios, then a box to explain the answer. For example, "
        "Fully support / Partially support / Do not support with Comments."
    ),
}


class QuestionForm(ConditionalRevealMixin, forms.Form):
    """Adding or changing a question. Options are typed one on each line, or the ready-made
    support scale is ticked."""

    conditional_reveal = {
        "kind": {
            QuestionKind.MULTIPLE: ["max_choices"],
            QuestionKind.SINGLE_WITH_COMMENT: ["comment_label"],
        }
    }

    code = forms.CharField(
        label=_("Number (optional)"),
        required=False,
        max_length=20,
        help_text=_("As printed, for example Q2 c)"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    text = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the question")},
    )
    help_text = forms.CharField(
        label=_("Hint (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown under the question, to help people answer it."),
    )
    kind = forms.ChoiceField(
        label=_("Type of answer"),
        choices=QuestionKind.choices,
        widget=GovukRadioSelect(hints=KIND_HINTS),
        error_messages={"required": _("Select the type of answer")},
    )
    max_choices = forms.IntegerField(
        label=_("Most options that may be ticked (optional)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to allow any number."),
        error_messages={
            "invalid": _("Enter a whole number, like 2"),
            "min_value": _("Enter a number of 1 or more"),
        },
    )
    comment_label = forms.CharField(
        label=_("Label of the comment box"),
        max_length=200,
        initial="Comments",
        error_messages={"required": _("Enter the label of the comment box")},
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One on each line, in the order they are shown."),
    )
    support_scale = forms.BooleanField(
        label=_("Use the Fully support / Partially support / Do not support scale"),
        required=False,
    )
    has_other = forms.BooleanField(
        label=_("Add an “Other (please specify)” option with a box to say what"),
        required=False,
    )
    required = forms.BooleanField(
        label=_("An answer is required"),
        required=False,
    )
    analyst_only = forms.BooleanField(
        label=_("For analysts only: filled in by officers, never shown to respondents"),
        required=False,
    )

    def __init__(self, *args: Any, question: Question | None = None, **kwargs: Any) -> None:
        if question is not None and "initial" not in kwargs:
            labels = [option.label for option in question.options.all()]
            scale = tuple(labels) == SUPPORT_SCALE
            kwargs["initial"] = {
                "code": question.code,
                "text": question.text,
                "help_text": question.help_text,
                "kind": question.kind,
                "max_choices": question.max_choices,
                "comment_label": question.comment_label,
                "options": "" if scale else "\n".join(labels),
                "support_scale": scale,
                "has_other": question.has_other,
                "required": question.required,
                "analyst_only": question.analyst_only,
            }
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        kind = data.get("kind")
        typed = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if kind and kind not in CHOICE_KINDS:
            if typed or data.get("support_scale"):
                self.add_error(
                    "options", _("Only single choice and tick-box questions have options")
                )
            if data.get("has_other"):
                self.add_error("has_other", _("Only choice questions have an “Other” option"))
        elif data.get("support_scale") and typed:
            self.add_error(
                "options", _("Either type the options or use the support scale, not both")
            )
        return data

    def option_labels(self) -> list[str]:
        if self.cleaned_data.get("support_scale"):
            return list(SUPPORT_SCALE)
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        return {
            "code": data["code"].strip(),
            "text": data["text"].strip(),
            "help_text": data["help_text"].strip(),
            "kind": kind,
            "options": self.option_labels(),
            "max_choices": data["max_choices"] if kind == QuestionKind.MULTIPLE else None,
            "comment_label": (
                data["comment_label"].strip()
                if kind == QuestionKind.SINGLE_WITH_COMMENT
                else Question._meta.get_field("comment_label").default
            ),
            "has_other": data["has_other"] and kind in CHOICE_KINDS,
            "required": data["required"],
            "analyst_only": data["analyst_only"],
        }


# --- A response received on paper --------------------------------------------------------


class ResponseEntryForm(forms.Form):
    """The respondent's details, then every question of the survey on one page.

    Question fields are named ``q<pk>`` (the choice or choices, or a written answer),
    ``q<pk>_other`` (the "Other" text) and ``q<pk>_text`` (the comment box of a single
    choice with comment), as the service names its errors.
    """

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("How was the response received?"),
        choices=[(value, label) for value, label in Channel.choices if value in OFFICER_CHANNELS],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select how the response was received")},
    )
    received_on = GovukDateField(
        label=_("Date received"),
        error_label=_("The date received"),
        help_text=_("For example, 8 2 2017"),
    )
    respondent_type = forms.ChoiceField(
        label=_("Who is responding?"),
        choices=RespondentType.choices,
        widget=GovukRadioSelect,
        error_messages={
            "required": _("Select whether they respond as an individual or for an organisation")
        },
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"), required=False, max_length=250
    )
    respondent_name = forms.CharField(
        label=_("Name of the person (optional)"), required=False, max_length=200
    )
    publish_consent = forms.ChoiceField(
        label=_("May the response be published?"),
        choices=PublishConsent.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether the response may be published")},
    )

    def __init__(self, *args: Any, sections: list[Section], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        # Per instance: the questions' "Other" boxes are revealed under their option.
        self.conditional_reveal: dict[str, dict[Any, list[str]]] = {
            "respondent_type": {RespondentType.ORGANISATION: ["organisation_name"]}
        }
        for section in sections:
            for question in section.questions.all():
                if not question.analyst_only:
                    self._add_question(question)

    def _add_question(self, question: Question) -> None:
        name = f"q{question.pk}"
        label = f"{question.code} {question.text}".strip()
        options: list[Option] = list(question.options.all())
        choices: list[tuple[str, str]] = [(str(option.pk), option.label) for option in options]
        if question.has_other:
            choices.append((OTHER, str(_("Other (please specify)"))))
            self.fields[f"{name}_other"] = forms.CharField(
                label=_("Other (please specify)"), required=False
            )
            self.conditional_reveal[name] = {OTHER: [f"{name}_other"]}
        if question.kind == QuestionKind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=False,
                help_text=question.help_text,
                widget=GovukCheckboxSelectMultiple,
            )
        elif question.is_choice:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                help_text=question.help_text,
                widget=GovukRadioSelect,
            )
            if question.kind == QuestionKind.SINGLE_WITH_COMMENT:
                self.fields[f"{name}_text"] = forms.CharField(
                    label=question.comment_label or _("Comments"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
        else:
            widget = forms.TextInput if question.kind == QuestionKind.SHORT_TEXT else forms.Textarea
            self.fields[name] = forms.CharField(
                label=label, required=False, help_text=question.help_text, widget=widget
            )

    def question_fields(self) -> list[tuple[Section, list[list[forms.BoundField]]]]:
        """For the template: each section with its questions' fields, in order (the
        "Other" boxes are drawn inside their option, so they are left out here)."""
        groups = []
        for section in self.sections:
            questions = []
            for question in section.questions.all():
                name = f"q{question.pk}"
                if name in self.fields:
                    fields = [self[name]]
                    if f"{name}_text" in self.fields:
                        fields.append(self[f"{name}_text"])
                    questions.append(fields)
            groups.append((section, questions))
        return groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("respondent_type") != RespondentType.ORGANISATION:
            data["organisation_name"] = ""
        elif (
            not data.get("organisation_name", "").strip() and "organisation_name" not in self.errors
        ):
            self.add_error("organisation_name", _("Enter the name of the organisation"))
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("The date received must be today or in the past"))
        return data

    def received_at(self) -> datetime:
        day: date = self.cleaned_data["received_on"]
        if day == timezone.localdate():
            return timezone.now()
        # The hour is unknown: midday keeps the date the same in any UK season.
        return uk_datetime(day, time(12, 0))

    def answers(self) -> dict[int, dict[str, Any]]:
        answers: dict[int, dict[str, Any]] = {}
        for section in self.sections:
            for question in section.questions.all():
                name = f"q{question.pk}"
                if name not in self.fields:
                    continue
                value = self.cleaned_data.get(name)
                given: dict[str, Any] = {
                    "other_text": self.cleaned_data.get(f"{name}_other", ""),
                    "text": self.cleaned_data.get(f"{name}_text", ""),
                }
                if question.is_choice:
                    given["choices"] = (
                        list(value or []) if isinstance(value, list) else ([value] if value else [])
                    )
                else:
                    given["text"] = value or ""
                if given.get("choices") or given["text"].strip() or given["other_text"].strip():
                    answers[question.pk] = given
        return answers
