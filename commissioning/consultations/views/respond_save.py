"""Save and come back later: an e-mailed link that brings the draft back, once."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import responding, services
from ..forms.respond import SaveForm
from ..models import Response
from .respond_base import JourneyView


class SaveView(JourneyView):
    def _render(self, form: SaveForm) -> HttpResponse:
        context = self.base_context(form=form)
        return render(self.request, "consultations/respond/save.html", context)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._render(SaveForm(initial={"email": self.draft.resume_email}))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = SaveForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        email = form.cleaned_data["email"]
        try:
            responding.response_save_and_email(response=self.draft, email=email)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        # On a shared computer the next person must not find these answers: the
        # e-mailed link is now the way back to them.
        self.journey.forget(saved_to=email)
        return redirect("respond:saved", slug)


class SavedView(JourneyView):
    needs_draft = False

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        email = self.journey.saved_to
        if not email:
            return redirect("respond:consultation", slug)
        context = self.base_context(email=email)
        return render(request, "consultations/respond/saved.html", context)


class ResumeView(JourneyView):
    """The e-mailed link. Opening it changes nothing (mail scanners open links too);
    the "Continue" button uses it up and brings the draft back."""

    needs_draft = False

    def _valid(self, response: Response | None) -> bool:
        return response is not None and response.consultation_id == self.consultation.pk

    def invalid(self) -> HttpResponse:
        context = self.base_context()
        return render(
            self.request, "consultations/respond/resume_invalid.html", context, status=404
        )

    def get(self, request: HttpRequest, slug: str, token: str) -> HttpResponse:
        if not self._valid(services.response_resume(token=token)):
            return self.invalid()
        return render(request, "consultations/respond/resume.html", self.base_context())

    def post(self, request: HttpRequest, slug: str, token: str) -> HttpResponse:
        if not self._valid(services.response_resume(token=token)):
            return self.invalid()
        response = responding.response_resume_once(token=token)
        if response is None:
            return self.invalid()
        self.journey.begin(response)
        return redirect("respond:about-you", slug)
