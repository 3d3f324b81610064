"""Forms of the analysis pages: filters (submitted by GET), a comment's theme, splitting
a comment, and a theme with its keywords."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import GovukRadioSelect

from ..analysis import UNTAGGED
from ..models import RespondentType, Theme

ALL = ""


class RespondentTypeFilterForm(forms.Form):
    """Whose answers to count. An unknown value counts everyone."""

    respondent_type = forms.ChoiceField(
        label=_("Show answers from"),
        required=False,
        initial=ALL,
        choices=[
            (ALL, _("Everyone")),
            (RespondentType.INDIVIDUAL, _("Individuals")),
            (RespondentType.ORGANISATION, _("Organisations")),
        ],
        widget=GovukRadioSelect(small=True),
    )

    def chosen(self) -> str:
        if self.is_valid():
            return str(self.cleaned_data.get("respondent_type") or "")
        return ""


REVIEWED_CHOICES = [(ALL, _("Any")), ("yes", _("Reviewed")), ("no", _("Not reviewed"))]


class CommentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the comments"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    reviewed = forms.ChoiceField(label=_("Reviewed"), required=False, choices=REVIEWED_CHOICES)

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme: Any = self.fields["theme"]
        theme.choices = [
            (ALL, _("Any theme")),
            (UNTAGGED, _("No theme yet")),
            *[(str(t.pk), t.name) for t in themes],
        ]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for analysis.comment_list; anything invalid is ignored."""
        if not self.is_valid():
            return {}
        reviewed = {"yes": True, "no": False}.get(self.cleaned_data.get("reviewed") or "")
        return {
            "q": self.cleaned_data.get("q") or "",
            "theme": self.cleaned_data.get("theme") or "",
            "reviewed": reviewed,
        }


class CommentThemeForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("No theme"),
    )

    def __init__(self, *args: Any, themes: "Any", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme: Any = self.fields["theme"]
        theme.queryset = themes


class CommentReviewForm(forms.Form):
    reviewed = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes"
    )


class CommentSplitForm(forms.Form):
    """One box per part, each filled in with the whole comment to cut down."""

    def __init__(self, *args: Any, text: str, count: int = 2, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, count + 1):
            self.fields[f"part_{number}"] = forms.CharField(
                label=_("Part %(number)s") % {"number": number},
                required=False,
                initial=text,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def parts(self) -> list[str]:
        return [str(self.cleaned_data.get(name) or "") for name in self.fields]


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the theme's name")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        help_text=_(
            "Words or phrases that suggest this theme, one per line. "
            "End a word with * to match any ending, for example grant*."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
