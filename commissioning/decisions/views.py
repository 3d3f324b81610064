"""Decision record pages (staff): the list, creating and changing a draft, the record
with its Sign and Publish confirmations, its history, and a framework's Decisions tab."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.budgets.models import Framework
from commissioning.budgets.views.frameworks_base import FrameworkRecordView, add_service_errors
from commissioning.core.history import history_entries
from commissioning.core.roles import is_staff_role
from commissioning.core.views import PolicyView

from . import services
from .forms import ConfirmForm, DecisionFilterForm, DecisionForm
from .models import Decision, DecisionStatus
from .policies import decision_policy
from .selectors import decision_detail, decision_list

PAGE_SIZE = 50

# A decision record's tabs: (key, label, URL name taking the record's pk).
TABS = (
    ("details", gettext_lazy("Details"), "decisions:detail"),
    ("documents", gettext_lazy("Documents"), "documents:decision"),
    ("history", gettext_lazy("History"), "decisions:history"),
)


def decision_tabs(decision: Decision, current: str) -> list[tuple[Any, str, bool]]:
    """(label, href, is_current) for includes/sub_navigation.html."""
    tabs = []
    for key, label, url_name in TABS:
        try:
            href = reverse(url_name, args=[decision.pk])
        except NoReverseMatch:
            continue
        tabs.append((label, href, key == current))
    return tabs


class DecisionView(PolicyView):
    """Staff pages: anyone signed in without a staff role is told the page does not exist
    (providers and CSP users must not learn what the office is deciding)."""

    policy = decision_policy

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_staff_role(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DecisionRecordView(DecisionView):
    permission = "view"

    def get_decision(self, *, detail: bool = False) -> Decision:
        queryset = decision_policy.visible(self.request.user)
        try:
            if detail:
                return decision_detail(queryset=queryset, pk=self.kwargs["pk"])
            return queryset.select_related("area", "framework").get(pk=self.kwargs["pk"])
        except Decision.DoesNotExist as exc:
            raise Http404 from exc

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied

    def render_page(self, template: str, decision: Decision, **context: Any) -> HttpResponse:
        context.setdefault("decision", decision)
        return render(self.request, template, context)


class DecisionListView(DecisionView):
    permission = "list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DecisionFilterForm(request.GET or None)
        status = form.status_filter()
        queryset = decision_list(queryset=decision_policy.visible(request.user), status=status)
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "decisions/list.html",
            {
                "form": form,
                "page_obj": page,
                "filtered": bool(status),
                "can_create": decision_policy.can_create(request.user),
            },
        )


class DecisionCreateView(DecisionView):
    """A new draft; ``?framework=ID`` starts it from a framework (area, title, link)."""

    permission = "create"
    template_name = "decisions/form.html"

    def _initial(self) -> dict[str, Any]:
        framework_id = self.request.GET.get("framework", "")
        if not framework_id.isdigit():
            return {}
        framework = (
            Framework.objects.filter(pk=framework_id).prefetch_related("consultations").first()
        )
        if framework is None:
            return {}
        consultations = list(framework.consultations.all())
        return {
            "area": framework.area_id,
            "framework": framework.pk,
            "title": framework.title,
            "consultation": consultations[0].pk if len(consultations) == 1 else None,
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DecisionForm(initial=self._initial())
        return render(request, self.template_name, {"form": form, "creating": True})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision = services.decision_create(actor=request.user, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Decision record %(reference)s has been created as a draft")
                    % {"reference": decision.reference},
                )
                return redirect("decisions:detail", pk=decision.pk)
        return render(request, self.template_name, {"form": form, "creating": True})


class DecisionDetailView(DecisionRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self.get_decision(detail=True)
        user = request.user
        return self.render_page(
            "decisions/detail.html",
            decision,
            documents=list(decision.documents.all()),
            sub_navigation=decision_tabs(decision, "details"),
            can_edit=decision_policy.can_edit(user, decision),
            can_sign=decision_policy.can_sign(user, decision),
            can_publish=decision_policy.can_publish(user, decision),
            can_delete=decision_policy.can_delete(user, decision),
        )


class DecisionEditView(DecisionRecordView):
    template_name = "decisions/form.html"

    def _decision(self) -> Decision:
        decision = self.get_decision()
        self.require(decision_policy.can_edit(self.request.user, decision))
        return decision

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self._decision()
        return self.render_page(self.template_name, decision, form=DecisionForm(instance=decision))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self._decision()
        form = DecisionForm(request.POST, instance=decision)
        if form.is_valid():
            try:
                services.decision_update(
                    actor=request.user, decision=decision, changes=form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The decision record has been saved"))
                return redirect("decisions:detail", pk=decision.pk)
        return self.render_page(self.template_name, decision, form=form)


class DecisionActionView(DecisionRecordView):
    """A confirmation page explaining what an action means, then the action (POST)."""

    template_name = "decisions/confirm.html"
    action: str
    # Statuses in which the action has already been done: a second submission of the
    # same confirmation (a double click, the back button, two tabs) is told so and sent
    # to the record, rather than refused as if the officer were not allowed.
    done_statuses: tuple[str, ...] = ()

    def allowed(self, decision: Decision) -> bool:
        raise NotImplementedError

    def perform(self, decision: Decision) -> str:
        """Do it; return the URL to go to next."""
        raise NotImplementedError

    def _decision(self) -> Decision:
        decision = self.get_decision()
        self.require(self.allowed(decision))
        return decision

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self._decision()
        return self.render_page(
            self.template_name, decision, form=ConfirmForm(), action=self.action
        )

    def already_done(self, decision: Decision) -> HttpResponse | None:
        if decision.status in self.done_statuses and decision_policy.can_create(self.request.user):
            messages.info(
                self.request,
                _("Decision record %(reference)s is already %(status)s")
                % {
                    "reference": decision.reference,
                    "status": decision.get_status_display().lower(),
                },
            )
            return redirect("decisions:detail", pk=decision.pk)
        return None

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self.get_decision()
        if not self.allowed(decision):
            done = self.already_done(decision)
            if done is not None:
                return done
            raise PermissionDenied
        form = ConfirmForm(request.POST)
        try:
            target = self.perform(decision)
        except ValidationError as error:
            # Another request may have done it between our read and the service's lock.
            done = self.already_done(self.get_decision())
            if done is not None:
                return done
            add_service_errors(form, error)
            return self.render_page(self.template_name, decision, form=form, action=self.action)
        return redirect(target)


class DecisionSignView(DecisionActionView):
    action = "sign"
    done_statuses = (DecisionStatus.SIGNED, DecisionStatus.PUBLISHED)

    def allowed(self, decision: Decision) -> bool:
        return decision_policy.can_sign(self.request.user, decision)

    def perform(self, decision: Decision) -> str:
        services.decision_sign(actor=self.request.user, decision=decision)
        messages.success(
            self.request,
            _("Decision record %(reference)s has been signed") % {"reference": decision.reference},
        )
        return reverse("decisions:detail", args=[decision.pk])


class DecisionPublishView(DecisionActionView):
    action = "publish"
    done_statuses = (DecisionStatus.PUBLISHED,)

    def allowed(self, decision: Decision) -> bool:
        return decision_policy.can_publish(self.request.user, decision)

    def perform(self, decision: Decision) -> str:
        services.decision_publish(actor=self.request.user, decision=decision)
        messages.success(
            self.request,
            _("Decision record %(reference)s has been published")
            % {"reference": decision.reference},
        )
        return reverse("decisions:detail", args=[decision.pk])


class DecisionDeleteView(DecisionActionView):
    action = "delete"

    def allowed(self, decision: Decision) -> bool:
        return decision_policy.can_delete(self.request.user, decision)

    def perform(self, decision: Decision) -> str:
        reference = decision.reference
        services.decision_delete(actor=self.request.user, decision=decision)
        messages.success(
            self.request,
            _("Draft decision record %(reference)s has been deleted") % {"reference": reference},
        )
        return reverse("decisions:list")


class DecisionHistoryView(DecisionRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = self.get_decision()
        return self.render_page(
            "decisions/history.html",
            decision,
            history=history_entries(decision),
            sub_navigation=decision_tabs(decision, "history"),
        )


class FrameworkDecisionsView(FrameworkRecordView):
    """The framework's Decisions tab: the records that decide on it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        decisions = list(
            decision_list(queryset=decision_policy.visible(request.user)).filter(
                framework=framework
            )
        )
        return self.render_page(
            "decisions/framework.html",
            framework,
            decisions=decisions,
            can_create=decision_policy.can_create(request.user),
        )
