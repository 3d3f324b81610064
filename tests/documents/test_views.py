"""Documents tabs, upload, delete and the permission-checked download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from commissioning.documents.models import Document, DocumentKind
from tests.consultations.factories import ConsultationFactory
from tests.decisions.factories import DecisionFactory
from tests.documents import samples
from tests.documents.factories import PDF_BYTES, DocumentFactory
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


def content(response):
    return response.content.decode()


def body(response):
    return b"".join(response.streaming_content)


# --- Tabs --------------------------------------------------------------------------------


def test_framework_documents_tab_query_count(officer_client, django_assert_num_queries):
    framework = FrameworkFactory()
    for number in range(6):
        DocumentFactory(framework=framework, title=f"Appendix {number}")
    tab = reverse("documents:framework", args=[framework.pk])
    # Session, user, device; the framework; its documents with their uploaders; their
    # history with who made each change.
    with django_assert_num_queries(6):
        response = officer_client.get(tab)
    page = content(response)
    assert "Appendix 5" in page
    assert reverse("documents:framework-upload", args=[framework.pk]) in page
    assert reverse("documents:delete", args=[framework.documents.first().pk]) in page
    assert 'aria-current="page">Documents' in page


def test_consultation_and_decision_tabs(officer_client, django_assert_num_queries):
    consultation = ConsultationFactory()
    DocumentFactory(framework=None, consultation=consultation, title="Consultation document")
    decision = DecisionFactory()
    DocumentFactory(framework=None, decision=decision, title="Signed record")
    with django_assert_num_queries(6):
        page = content(
            officer_client.get(reverse("documents:consultation", args=[consultation.pk]))
        )
    assert "Consultation document" in page
    assert 'aria-current="page">Documents' in page
    with django_assert_num_queries(6):
        page = content(officer_client.get(reverse("documents:decision", args=[decision.pk])))
    assert "Signed record" in page


def test_the_tab_shows_who_uploaded_and_deleted_each_document(
    make_user, login, django_assert_num_queries
):
    from commissioning.documents.services import document_delete

    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Olive Officer")
    client = login(officer)
    framework = FrameworkFactory()
    kept = DocumentFactory(framework=framework, title="Kept appendix")
    gone = DocumentFactory(framework=framework, title="Withdrawn appendix")
    document_delete(actor=officer, document=gone)
    other = DocumentFactory(title="Another framework's appendix")
    assert other.framework != framework
    with django_assert_num_queries(6):  # as many entries as there are, the same queries
        page = content(client.get(reverse("documents:framework", args=[framework.pk])))
    history = page.split("History of these documents")[1]
    assert "Kept appendix" in history
    assert "Deleted" in history
    assert "Withdrawn appendix" in history
    assert str(officer) in history
    assert "Another framework" not in history
    assert kept.title in page.split("History of these documents")[0]


def test_a_public_parents_documents_cannot_be_deleted(officer_client):
    framework = FrameworkFactory(status=FrameworkStatus.PUBLISHED)
    document = DocumentFactory(framework=framework)
    page = content(officer_client.get(reverse("documents:framework", args=[framework.pk])))
    assert "kept as part of the public record" in page
    upload_page = content(
        officer_client.get(reverse("documents:framework-upload", args=[framework.pk]))
    )
    assert "anyone will be able to download the document as soon as it is uploaded" in upload_page
    assert reverse("documents:delete", args=[document.pk]) not in page
    assert officer_client.post(reverse("documents:delete", args=[document.pk])).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_record_published_while_deleting_keeps_its_document(officer_client, monkeypatch):
    """The view's check passed, then the framework was published before the service
    locked the document: the service refuses, and the officer is told (not a 500)."""
    from commissioning.documents import views

    framework = FrameworkFactory(status=FrameworkStatus.PUBLISHED)
    document = DocumentFactory(framework=framework)
    monkeypatch.setattr(views.document_policy, "can_delete", lambda user, obj: True)
    response = officer_client.post(reverse("documents:delete", args=[document.pk]), follow=True)
    assert response.redirect_chain == [(reverse("documents:framework", args=[framework.pk]), 302)]
    assert "has been published with its commissioning framework" in content(response)
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_provider_and_csp_users_get_404_on_staff_pages(make_user, login, role):
    client = login(make_user(role))
    framework = FrameworkFactory(status=FrameworkStatus.PUBLISHED)
    document = DocumentFactory(framework=framework)
    for path in [
        reverse("documents:framework", args=[framework.pk]),
        reverse("documents:framework-upload", args=[framework.pk]),
        reverse("documents:delete", args=[document.pk]),
    ]:
        assert client.get(path).status_code == 404, path


def test_panel_members_read_but_do_not_upload_or_delete(make_user, login):
    client = login(make_user(Role.PANEL_MEMBER))
    framework = FrameworkFactory()
    document = DocumentFactory(framework=framework)
    page = content(client.get(reverse("documents:framework", args=[framework.pk])))
    assert document.title in page
    assert "Upload a document" not in page
    assert client.get(reverse("documents:framework-upload", args=[framework.pk])).status_code == 403
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 403


# --- Upload and delete ---------------------------------------------------------------------


def test_upload_a_document(officer_client):
    decision = DecisionFactory()
    upload_url = reverse("documents:decision-upload", args=[decision.pk])
    page = content(officer_client.get(upload_url))
    assert 'enctype="multipart/form-data"' in page
    assert "smaller than 20 MB" in page
    response = officer_client.post(
        upload_url,
        {
            "title": "Equality Impact Assessment",
            "kind": DocumentKind.EQUALITY_IMPACT_ASSESSMENT,
            "file": SimpleUploadedFile("EIA.pdf", PDF_BYTES),
        },
    )
    assert response.url == reverse("documents:decision", args=[decision.pk])
    document = decision.documents.get()
    assert (document.original_name, document.content_type) == ("EIA.pdf", "application/pdf")


def test_upload_errors_are_shown_against_the_file(officer_client):
    framework = FrameworkFactory()
    upload_url = reverse("documents:framework-upload", args=[framework.pk])
    response = officer_client.post(
        upload_url,
        {
            "title": "X",
            "kind": DocumentKind.OTHER,
            "file": SimpleUploadedFile("x.pdf", samples.exe()),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The selected file must be a PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, CSV or TXT"
    ]
    response = officer_client.post(upload_url, {"title": "", "kind": ""})
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter a title"]
    assert errors["kind"] == ["Select the kind of document"]
    assert errors["file"] == ["Select a file"]
    assert not Document.objects.exists()


def test_an_oversized_upload_is_refused_as_it_arrives(officer_client, settings, monkeypatch):
    """Skipped while it streams in (never spooled whole to disk), and reported against
    the file with the limit; the other answers are kept."""
    from django.core.files import uploadhandler

    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    spooled = []
    real_chunk = uploadhandler.TemporaryFileUploadHandler.receive_data_chunk

    def counting(handler, raw_data, start):
        spooled.append(len(raw_data))
        return real_chunk(handler, raw_data, start)

    # An upload this big goes to a temporary file: count what is written there.
    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "receive_data_chunk", counting)
    framework = FrameworkFactory()
    big = PDF_BYTES + b"0" * (8 * 1024 * 1024)
    response = officer_client.post(
        reverse("documents:framework-upload", args=[framework.pk]),
        {"title": "Big", "kind": DocumentKind.OTHER, "file": SimpleUploadedFile("big.pdf", big)},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == ["The selected file must be smaller than 1 MB"]
    assert form["title"].value() == "Big"
    assert sum(spooled) <= settings.DOCUMENT_MAX_BYTES  # the rest was never kept
    assert not Document.objects.exists()


def test_an_upload_without_the_csrf_token_is_refused(make_user, login, client):
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    checked.cookies = login(make_user(Role.COMMISSIONING_OFFICER)).cookies
    framework = FrameworkFactory()
    response = checked.post(
        reverse("documents:framework-upload", args=[framework.pk]),
        {"title": "X", "kind": DocumentKind.OTHER,
         "file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
    )  # fmt: skip
    assert response.status_code == 403
    assert not Document.objects.exists()
    # With the token it goes through.
    page = checked.get(reverse("documents:framework-upload", args=[framework.pk]))
    token = page.context["csrf_token"]
    response = checked.post(
        reverse("documents:framework-upload", args=[framework.pk]),
        {"title": "X", "kind": DocumentKind.OTHER, "csrfmiddlewaretoken": str(token),
         "file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_delete_a_document_with_confirmation(officer_client):
    document = DocumentFactory()
    delete_url = reverse("documents:delete", args=[document.pk])
    assert "Delete the document" in content(officer_client.get(delete_url))
    response = officer_client.post(delete_url)
    assert response.url == reverse("documents:framework", args=[document.framework.pk])
    assert not Document.objects.exists()


# --- Download ----------------------------------------------------------------------------


def test_a_draft_frameworks_document_is_hidden_until_published(client, make_user, login):
    framework = FrameworkFactory(status=FrameworkStatus.FINAL)
    document = DocumentFactory(framework=framework)
    download = document.get_absolute_url()
    assert client.get(download).status_code == 404
    provider = login(make_user(Role.PROVIDER))
    assert provider.get(download).status_code == 404
    provider.logout()
    framework.status = FrameworkStatus.PUBLISHED
    framework.save()
    response = client.get(download)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES


def test_staff_download_a_draft_with_safe_headers(officer_client):
    document = DocumentFactory(framework=FrameworkFactory())
    response = officer_client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="document.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_other_types_are_attachments(client):
    decision = DecisionFactory(status=DecisionStatus.PUBLISHED)
    data = samples.CSV
    document = DocumentFactory(
        framework=None,
        decision=decision,
        file=SimpleUploadedFile("budget.csv", data),
        original_name="budget.csv",
        content_type="text/csv",
        size=len(data),
    )
    response = client.get(document.get_absolute_url())
    # Checked as UTF-8 on upload, and sent saying so.
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="budget.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == data


def test_the_filename_in_the_address_must_match(officer_client):
    document = DocumentFactory()
    wrong = reverse("documents:download", kwargs={"pk": document.pk, "filename": "other.pdf"})
    assert officer_client.get(wrong).status_code == 404
    missing = reverse("documents:download", kwargs={"pk": 999_999, "filename": "document.pdf"})
    assert officer_client.get(missing).status_code == 404


def test_an_opened_consultations_documents_are_public(client):
    document = DocumentFactory(framework=None, consultation=ConsultationFactory())
    assert client.get(document.get_absolute_url()).status_code == 200


def test_download_query_count(client, django_assert_num_queries):
    document = DocumentFactory(framework=FrameworkFactory(status=FrameworkStatus.PUBLISHED))
    # The document (if public); nothing else for an anonymous visitor.
    with django_assert_num_queries(1):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200
