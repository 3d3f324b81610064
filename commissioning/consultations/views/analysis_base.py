"""What the analysis pages share: fetch-and-authorise the consultation, the editor check,
the tabs, and returning to the comment list where the officer was."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.core.views import PolicyView

from ..models import Consultation
from ..policies import consultation_policy

# Only these survive a round trip through a form's hidden "return_to".
LIST_PARAMETERS = ("q", "theme", "reviewed", "page")


class AnalysisView(PolicyView):
    """A page about one consultation's analysis (``pk`` in the URL): staff read it (a
    consultation they may not see answers 404), editors change it (others get 403)."""

    policy = consultation_policy
    permission = "view"
    tab = "analysis"  # which of the tabs is current

    def get_consultation(self, *, analyse: bool = False) -> Consultation:
        consultation = consultation_policy.get_visible_or_404(
            self.request.user, pk=self.kwargs["pk"]
        )
        if analyse and not self.can_analyse(consultation):
            raise PermissionDenied
        return consultation

    def can_analyse(self, consultation: Consultation) -> bool:
        return consultation_policy.can_analyse(self.request.user, consultation)

    def render_page(
        self, template: str, consultation: Consultation, status: int = 200, **context: Any
    ) -> HttpResponse:
        context.setdefault("consultation", consultation)
        context.setdefault("can_analyse", self.can_analyse(consultation))
        context["analysis_tabs"] = analysis_tabs(consultation, self.tab)
        context["breadcrumbs"] = breadcrumbs(consultation)
        return render(self.request, template, context, status=status)


def analysis_tabs(consultation: Consultation, current: str) -> list[tuple[str, str, bool]]:
    tabs = [
        ("analysis", _("Results"), "consultations:analysis"),
        ("comments", _("Comments"), "consultations:comments"),
        ("themes", _("Themes"), "consultations:themes"),
    ]
    return [
        (label, reverse(name, args=[consultation.pk]), key == current) for key, label, name in tabs
    ]


def breadcrumbs(consultation: Consultation) -> list[tuple[str, str]]:
    return [
        (_("Home"), reverse("core:dashboard")),
        (_("Consultations"), reverse("consultations:list")),
        (consultation.title, reverse("consultations:detail", args=[consultation.pk])),
    ]


def return_query(data: QueryDict) -> str:
    """The comment list's filters and page, from a form's hidden "return_to"."""
    given = QueryDict(str(data.get("return_to", "")))
    kept = QueryDict(mutable=True)
    for key in LIST_PARAMETERS:
        value = given.get(key, "")
        if value:
            kept[key] = value
    return kept.urlencode()


def back_to_comments(
    consultation: Consultation, data: QueryDict, anchor: str = ""
) -> HttpResponseRedirect:
    query = return_query(data)
    url = reverse("consultations:comments", args=[consultation.pk])
    return HttpResponseRedirect(
        url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
    )


def error_message(error: ValidationError) -> str:
    return " ".join(error.messages)
