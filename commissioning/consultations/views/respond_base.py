"""What every page of the public journey shares: the consultation from the address, the
draft response from the session, and the "this consultation is closed" page.

The response's id never appears in an address: it is kept in the session, signed with a
salt per consultation, so a guessed or copied link cannot open someone else's answers.
"""

import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core import signing
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from commissioning.core.views import PolicyView

from ..models import Consultation, Option, Question, Response, ResponseStatus, Section
from ..policies import public_consultation_policy
from ..responding import closing_date


class RespondView(PolicyView):
    """A public page about one consultation (``slug``); forthcoming ones answer 404."""

    policy = public_consultation_policy
    permission = "list"
    login_required = False

    consultation: Consultation

    def get_consultation(self, slug: str) -> Consultation:
        return public_consultation_policy.get_visible_or_404(self.request.user, slug=slug)

    def base_context(self, **extra: Any) -> dict[str, Any]:
        return {
            "consultation": self.consultation,
            "closing_date": closing_date(self.consultation),
            **extra,
        }


@dataclass
class Journey:
    """This visitor's progress through one consultation, kept in their session."""

    request: HttpRequest
    consultation: Consultation

    @property
    def _session_key(self) -> str:
        return f"respond-{self.consultation.pk}"

    @property
    def _salt(self) -> str:
        return f"consultations.respond.{self.consultation.pk}"

    def _state(self) -> dict[str, Any]:
        return dict(self.request.session.get(self._session_key, {}))

    def _update(self, **values: Any) -> None:
        state = self._state()
        state.update(values)
        self.request.session[self._session_key] = state

    def _signed(self, pk: int) -> str:
        return signing.dumps(pk, salt=self._salt)

    def _unsign(self, value: Any) -> int | None:
        if not value:
            return None
        try:
            return int(signing.loads(value, salt=self._salt))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def response(self, *, submitted_too: bool = False) -> Response | None:
        pk = self._unsign(self._state().get("response"))
        if pk is None:
            return None
        found = Response.objects.filter(pk=pk, consultation=self.consultation).order_by().first()
        if found is None or (found.status != ResponseStatus.DRAFT and not submitted_too):
            return None
        return found

    def begin(self, response: Response) -> None:
        """Follow this draft from now on (a new response, or one resumed from a link)."""
        self.request.session.cycle_key()  # a session that now holds answers gets a new id
        self.request.session[self._session_key] = {"response": self._signed(response.pk)}

    @property
    def consent_given(self) -> bool:
        return bool(self._state().get("consent"))

    def give_consent(self) -> None:
        self._update(consent=True)

    def submission_key(self) -> uuid.UUID:
        """The key the check page puts in its form: one per draft, so two tabs or a
        reload still send the same key."""
        key = self._state().get("key")
        if key:
            return uuid.UUID(key)
        new = uuid.uuid4()
        self._update(key=str(new))
        return new

    def matches_key(self, value: str) -> uuid.UUID | None:
        key = self._state().get("key")
        if not key or value != key:
            return None
        return uuid.UUID(key)

    def forget(self, **values: Any) -> None:
        """Let go of the draft (it was saved for later: the e-mailed link brings it back),
        keeping only ``values`` for the next page."""
        self.request.session[self._session_key] = dict(values)

    @property
    def saved_to(self) -> str:
        return str(self._state().get("saved_to", ""))

    def finish(self, response: Response) -> None:
        self._update(done=self._signed(response.pk))

    def finished(self) -> Response | None:
        pk = self._unsign(self._state().get("done"))
        if pk is None:
            return None
        return (
            Response.objects.filter(
                pk=pk, consultation=self.consultation, status=ResponseStatus.SUBMITTED
            )
            .order_by()
            .first()
        )


def public_sections(consultation: Consultation) -> list[Section]:
    """The sections people answer, each with its public questions and their options
    (``section.public_questions``); a section of analysts' questions only is left out."""
    questions = Question.objects.filter(analyst_only=False).prefetch_related(
        Prefetch("options", queryset=Option.objects.order_by("order", "pk"))
    )
    sections = consultation.sections.order_by("order", "pk").prefetch_related(
        Prefetch(
            "questions", queryset=questions.order_by("order", "pk"), to_attr="public_questions"
        )
    )
    return [section for section in sections if section.public_questions]


def public_section_count(consultation: Consultation) -> int:
    return consultation.sections.filter(questions__analyst_only=False).distinct().order_by().count()


def section_url(consultation: Consultation, number: int) -> str:
    return reverse("respond:section", args=[consultation.slug, number])


class JourneyView(RespondView):
    """A page of the form itself. Once the consultation has closed every one of them
    says so (and writes nothing); before it opens they do not exist."""

    closed_template: ClassVar[str] = "consultations/respond/closed.html"
    needs_draft: ClassVar[bool] = True

    journey: Journey
    draft: Response  # set when ``needs_draft``

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.consultation = self.get_consultation(kwargs["slug"])
        if not self.consultation.is_open:
            return self.closed()
        self.journey = Journey(request, self.consultation)
        if self.needs_draft:
            draft = self.journey.response()
            if draft is None:
                return redirect("respond:consultation", self.consultation.slug)
            self.draft = draft
        return super().dispatch(request, *args, **kwargs)

    def closed(self) -> HttpResponse:
        return render(self.request, self.closed_template, self.base_context())
