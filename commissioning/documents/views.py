"""Document pages: each parent's Documents tab (framework, consultation, decision
record), uploading, deleting, and the permission-checked download."""

from typing import Any, ClassVar, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from commissioning.budgets.models import Framework
from commissioning.budgets.policies import framework_policy
from commissioning.budgets.views.frameworks_base import add_service_errors
from commissioning.consultations.models import Consultation
from commissioning.consultations.policies import consultation_policy
from commissioning.core.permissions import Policy
from commissioning.core.roles import is_staff_role
from commissioning.core.uploads import SizeLimitedUploadHandler
from commissioning.core.views import PolicyView
from commissioning.decisions.models import Decision
from commissioning.decisions.policies import decision_policy
from commissioning.decisions.views import decision_tabs

from .forms import DocumentUploadForm
from .models import Document
from .policies import document_policy
from .selectors import document_history, documents_of, is_public, parent_is_public
from .services import document_create, document_delete
from .validation import too_big_message

# Each kind of parent: its model, the policy that decides who sees it, and what to
# fetch with it for its page header.
PARENTS: dict[str, tuple[type[Model], Policy[Any], tuple[str, ...]]] = {
    "framework": (Framework, framework_policy, ("area", "based_on")),
    "consultation": (Consultation, consultation_policy, ("area", "framework")),
    "decision": (Decision, decision_policy, ("area",)),
}


class StaffDocumentView(PolicyView):
    """Staff pages: anyone signed in without a staff role is told the page does not exist."""

    policy = document_policy
    permission = "view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_staff_role(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ParentDocumentsView(StaffDocumentView):
    """The Documents tab of one parent (``parent_kind``, ``pk`` in the URL)."""

    parent_kind: ClassVar[str]
    template_name = "documents/list.html"

    def get_parent(self) -> Any:
        model, policy, related = PARENTS[self.parent_kind]
        queryset = model._default_manager.select_related(*related)
        return policy.get_visible_or_404(self.request.user, queryset, pk=self.kwargs["pk"])

    def tab_url(self, parent: Any) -> str:
        return reverse(f"documents:{self.parent_kind}", args=[parent.pk])

    def context(self, parent: Any, **extra: Any) -> dict[str, Any]:
        context: dict[str, Any] = {
            "parent": parent,
            "public": parent_is_public(parent),
            "parent_kind": self.parent_kind,
            self.parent_kind: parent,
            "tab_url": self.tab_url(parent),
            "upload_url": reverse(f"documents:{self.parent_kind}-upload", args=[parent.pk]),
            "can_upload": document_policy.can_create(self.request.user),
        }
        if self.parent_kind == "decision":
            context["sub_navigation"] = decision_tabs(parent, "documents")
        context.update(extra)
        return context

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        parent = self.get_parent()
        documents = list(documents_of(**{self.parent_kind: parent}))
        history = document_history(**{self.parent_kind: parent})
        context = self.context(parent, documents=documents, document_history=history)
        # The documents share their parent's visibility: one answer for the whole tab.
        context["can_delete"] = document_policy.can_create(request.user) and not context["public"]
        return render(request, self.template_name, context)


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), see there
class DocumentUploadView(ParentDocumentsView):
    template_name = "documents/upload.html"

    def get_parent(self) -> Any:
        parent = super().get_parent()
        if not document_policy.can_create(self.request.user):
            raise PermissionDenied
        return parent

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        parent = self.get_parent()
        return render(request, self.template_name, self.context(parent, form=DocumentUploadForm()))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        # Who may upload here is settled before the body is read. Nothing has read it
        # yet (the view is exempt from the CSRF middleware, which would parse it first):
        # the size limit applies while the file arrives, then the CSRF check runs, as
        # strictly as the middleware's, on that same parse.
        parent = self.get_parent()
        limiter = SizeLimitedUploadHandler(settings.DOCUMENT_MAX_BYTES, request)
        request.upload_handlers.insert(0, limiter)
        handler: Any = csrf_protect(self.checked_post)
        return cast(HttpResponse, handler(request, parent, limiter))

    def checked_post(
        self, request: HttpRequest, parent: Any, limiter: SizeLimitedUploadHandler
    ) -> HttpResponse:
        form = DocumentUploadForm(request.POST, request.FILES)
        if "file" in limiter.skipped:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", too_big_message(settings.DOCUMENT_MAX_BYTES))
        elif form.is_valid():
            try:
                document = document_create(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    **{self.parent_kind: parent},
                )
            except ValidationError as error:
                add_service_errors(form, error)
                if not hasattr(error, "error_dict"):
                    # A problem with the file belongs to the file question.
                    form.errors.pop("__all__", None)
                    for message in error.messages:
                        form.add_error("file", message)
            else:
                messages.success(
                    request,
                    _("‘%(title)s’ has been uploaded") % {"title": document.title},
                )
                return redirect(self.tab_url(parent))
        return render(request, self.template_name, self.context(parent, form=form))


class FrameworkDocumentsView(ParentDocumentsView):
    parent_kind = "framework"


class ConsultationDocumentsView(ParentDocumentsView):
    parent_kind = "consultation"


class DecisionDocumentsView(ParentDocumentsView):
    parent_kind = "decision"


class FrameworkUploadView(DocumentUploadView):
    parent_kind = "framework"


class ConsultationUploadView(DocumentUploadView):
    parent_kind = "consultation"


class DecisionUploadView(DocumentUploadView):
    parent_kind = "decision"


def _parent_kind(document: Document) -> str:
    if document.framework_id:
        return "framework"
    if document.consultation_id:
        return "consultation"
    return "decision"


class DocumentDeleteView(StaffDocumentView):
    """Confirm, then delete: only while the parent is not public."""

    template_name = "documents/delete.html"

    def _document(self) -> Document:
        document = document_policy.get_visible_or_404(
            self.request.user,
            Document.objects.select_related("framework", "consultation", "decision"),
            pk=self.kwargs["pk"],
        )
        self.authorise(document, "delete")
        return document

    def _context(self, document: Document, **extra: Any) -> dict[str, Any]:
        kind = _parent_kind(document)
        return {
            "document": document,
            "parent": document.parent,
            "tab_url": reverse(f"documents:{kind}", args=[document.parent.pk]),
            **extra,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self._document()
        return render(request, self.template_name, self._context(document))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self._document()
        context = self._context(document)
        try:
            document_delete(actor=request.user, document=document)
        except ValidationError as refusal:
            # Its record was published between this check and the service's lock.
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("‘%(title)s’ has been deleted") % {"title": document.title})
        return redirect(context["tab_url"])


class DocumentDownloadView(PolicyView):
    """The file itself, for staff, and for anyone once its parent is public (else 404).

    Sent with the type found by content when it was uploaded, ``nosniff`` so a browser
    never second-guesses it, and as an attachment unless it is a PDF.
    """

    policy = document_policy
    permission = "view"
    login_required = False

    def get(self, request: HttpRequest, pk: int, filename: str) -> FileResponse:
        document = document_policy.get_visible_or_404(request.user, pk=pk)
        if filename != document.original_name:
            raise Http404
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        content_type = document.content_type
        if content_type.startswith("text/"):
            # Text was accepted only as valid UTF-8: say so, or a browser or spreadsheet
            # guesses (and "£" arrives as "Â£").
            content_type = f"{content_type}; charset=utf-8"
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=document.content_type != "application/pdf",
            filename=document.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        if is_staff_role(request.user) and not is_public(document):
            # Not yet public: no shared cache may keep a copy.
            response["Cache-Control"] = "private, no-store"
        return response
