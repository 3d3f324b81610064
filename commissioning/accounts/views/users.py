"""Managing users: the administrators' pages under users/."""

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from commissioning.core.history import history_entries
from commissioning.core.views import PolicyView

from .. import selectors, services
from ..forms import InviteUserForm, RoleScopeForm, UserFilterForm
from ..models import User
from ..policies import USER_POLICY

USERS_PER_PAGE = 20


class UserListView(PolicyView, TemplateView):
    policy = USER_POLICY
    permission = "list"
    template_name = "accounts/user_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filter_form = UserFilterForm(self.request.GET)
        search = role = ""
        if filter_form.is_valid():
            search = filter_form.cleaned_data["q"]
            role = filter_form.cleaned_data["role"]
        users = selectors.user_list(
            queryset=self.policy.visible(self.request.user), search=search, role=role
        )
        page = Paginator(users, USERS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            filter_form=filter_form,
            page_obj=page,
            is_filtered=bool(search or role),
        )
        return context


class UserInviteView(PolicyView, FormView):
    policy = USER_POLICY
    permission = "create"
    form_class = InviteUserForm
    template_name = "accounts/user_invite.html"

    def form_valid(self, form: InviteUserForm) -> HttpResponse:
        try:
            person = services.user_invite(actor=self.request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s") % {"email": person.email})
        return redirect("accounts:user-detail", pk=person.pk)


class UserRecordView(PolicyView):
    """A page about one user: 404 unless the policy lets the viewer see them."""

    policy = USER_POLICY
    permission = "view"

    def get_person(self) -> User:
        users = selectors.user_with_two_factor(queryset=self.policy.visible(self.request.user))
        return get_object_or_404(users, pk=self.kwargs["pk"])

    def sub_navigation(self, person: User, current: str) -> list[tuple[Promise, str, bool]]:
        return [
            (_("Details"), reverse("accounts:user-detail", args=[person.pk]), current == "details"),
            (
                _("History"),
                reverse("accounts:user-history", args=[person.pk]),
                current == "history",
            ),
        ]


class UserDetailView(UserRecordView):
    template_name = "accounts/user_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person()
        context = {
            "person": person,
            "needs_two_factor": USER_POLICY.needs_two_factor(person),
            "can_edit": self.policy.can_edit(request.user, person),
            "sub_navigation": self.sub_navigation(person, "details"),
        }
        return render(request, self.template_name, context)


class UserHistoryView(UserRecordView):
    template_name = "accounts/user_history.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person()
        context = {
            "person": person,
            "history": history_entries(person),
            "sub_navigation": self.sub_navigation(person, "history"),
        }
        return render(request, self.template_name, context)


class UserRoleView(UserRecordView, FormView):
    """Change a user's role and the organisation or partnership it is scoped to."""

    form_class = RoleScopeForm
    template_name = "accounts/user_role.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.person = self.get_person()
            self.authorise(self.person, "edit")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {
            "role": self.person.role,
            "organisation": self.person.organisation,
            "csp_area": self.person.csp_area,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form: RoleScopeForm) -> HttpResponse:
        try:
            services.user_update_role(
                actor=self.request.user,  # type: ignore[arg-type]
                user=self.person,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Role changed"))
        return redirect("accounts:user-detail", pk=self.person.pk)


class UserActionView(UserRecordView):
    """A confirmation page (GET) and then the action itself (POST)."""

    template_name = "accounts/user_confirm.html"
    title: ClassVar[Promise]
    explanation: ClassVar[Promise]
    button: ClassVar[Promise]
    warning: ClassVar[bool] = True
    success: ClassVar[Promise]
    action: ClassVar[Callable[..., User]]

    def _render(self, person: User, form: forms.Form) -> HttpResponse:
        context = {"person": person, "form": form, "view": self}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person()
        self.authorise(person, "edit")
        return self._render(person, forms.Form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person()
        self.authorise(person, "edit")
        try:
            type(self).action(actor=request.user, user=person)
        except ValidationError as error:
            form = forms.Form(data={})
            form.add_error(None, error)
            return self._render(person, form)
        messages.success(request, self.success % {"name": person.full_name})
        return redirect("accounts:user-detail", pk=person.pk)


class UserDeactivateView(UserActionView):
    title = _("Are you sure you want to deactivate this user?")
    explanation = _(
        "They will be signed out and will not be able to sign in. "
        "Their name stays on the records they worked on. You can reactivate them later."
    )
    button = _("Deactivate user")
    success = _("%(name)s has been deactivated")
    action = services.user_deactivate


class UserReactivateView(UserActionView):
    title = _("Are you sure you want to reactivate this user?")
    explanation = _("They will be able to sign in again with their existing password.")
    button = _("Reactivate user")
    warning = False
    success = _("%(name)s has been reactivated")
    action = services.user_reactivate


class UserResetTwoFactorView(UserActionView):
    title = _("Are you sure you want to reset this user's two-factor authentication?")
    explanation = _(
        "Use this if they have lost the phone or app they sign in with. Their authenticator "
        "stops working at once. The next time they sign in, they must set up two-factor "
        "authentication again."
    )
    button = _("Reset two-factor authentication")
    success = _("Two-factor authentication reset for %(name)s")
    action = services.user_reset_two_factor


class UserResendInvitationView(UserRecordView):
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person()
        self.authorise(person, "edit")
        try:
            services.invitation_resend(actor=request.user, user=person)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("Invitation sent again to %(email)s") % {"email": person.email}
            )
        return redirect("accounts:user-detail", pk=person.pk)
