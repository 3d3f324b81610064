from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import ContactForm
from ..models import Contact, Organisation
from ..selectors import contact_get
from ..services import contact_create, contact_delete, contact_update
from .base import OrganisationRecordView


class _ContactFormView(OrganisationRecordView):
    template_name = "organisations/contact_form.html"

    def _editable_organisation(self) -> Organisation:
        organisation = self.get_organisation()
        self.authorise(organisation, "edit")
        return organisation

    def _render(
        self, organisation: Organisation, form: ContactForm, contact: Contact | None = None
    ) -> HttpResponse:
        context = {"organisation": organisation, "form": form, "contact": contact}
        return render(self.request, self.template_name, context)


class ContactAddView(_ContactFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self._editable_organisation()
        return self._render(organisation, ContactForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self._editable_organisation()
        form = ContactForm(request.POST)
        if not form.is_valid():
            return self._render(organisation, form)
        try:
            contact = contact_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(organisation, form)
        messages.success(
            request, _("%(name)s has been added as a contact") % {"name": contact.name}
        )
        return redirect("organisations:detail", pk=organisation.pk)


class ContactEditView(_ContactFormView):
    def get(self, request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
        organisation = self._editable_organisation()
        contact = contact_get(organisation=organisation, pk=contact_pk)
        return self._render(organisation, ContactForm(instance=contact), contact)

    def post(self, request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
        organisation = self._editable_organisation()
        contact = contact_get(organisation=organisation, pk=contact_pk)
        form = ContactForm(
            request.POST, instance=contact_get(organisation=organisation, pk=contact_pk)
        )
        if not form.is_valid():
            return self._render(organisation, form, contact)
        try:
            contact_update(actor=request.user, contact=contact, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(organisation, form, contact)
        messages.success(request, _("The contact's details have been saved"))
        return redirect("organisations:detail", pk=organisation.pk)


class ContactDeleteView(OrganisationRecordView):
    """A confirmation page (GET) and the removal (POST)."""

    def get(self, request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
        organisation = self.get_organisation()
        self.authorise(organisation, "edit")
        contact = contact_get(organisation=organisation, pk=contact_pk)
        return render(
            request,
            "organisations/contact_confirm_delete.html",
            {"organisation": organisation, "contact": contact},
        )

    def post(self, request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
        organisation = self.get_organisation()
        self.authorise(organisation, "edit")
        contact = contact_get(organisation=organisation, pk=contact_pk)
        contact_delete(actor=request.user, contact=contact)
        messages.success(
            request, _("%(name)s has been removed from the contacts") % {"name": contact.name}
        )
        return redirect("organisations:detail", pk=organisation.pk)
