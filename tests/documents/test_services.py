"""Attaching and deleting documents."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from commissioning.documents.models import Document, DocumentKind
from commissioning.documents.services import document_create, document_delete
from tests.decisions.factories import DecisionFactory
from tests.documents import samples
from tests.documents.factories import DocumentFactory
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def test_upload_is_checked_stored_privately_and_audited(officer):
    framework = FrameworkFactory()
    data = samples.docx()
    document = document_create(
        actor=officer,
        title=" Equality Impact Assessment ",
        kind=DocumentKind.EQUALITY_IMPACT_ASSESSMENT,
        upload=SimpleUploadedFile("../../EIA 2017.docx", data),
        framework=framework,
    )
    assert document.title == "Equality Impact Assessment"
    assert document.original_name == "EIA_2017.docx"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.uploaded_by == officer
    stored = Path(document.file.path)
    # Under MEDIA_ROOT, in a random directory, never under the static root.
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    assert stored.name == "EIA_2017.docx"
    assert stored.read_bytes() == data
    record = document.history.get()
    assert (record.history_user, record.history_change_reason) == (
        officer,
        "Uploaded EIA_2017.docx",
    )


def test_a_refused_upload_stores_nothing(officer):
    with pytest.raises(ValidationError):
        document_create(
            actor=officer,
            title="Bad",
            kind=DocumentKind.OTHER,
            upload=SimpleUploadedFile("bad.pdf", samples.exe()),
            decision=DecisionFactory(),
        )
    assert not Document.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("bad.pdf"))


def test_a_document_needs_exactly_one_parent(officer):
    with pytest.raises(TypeError):
        document_create(
            actor=officer,
            title="X",
            kind=DocumentKind.OTHER,
            upload=SimpleUploadedFile("x.pdf", samples.pdf()),
        )


def test_delete_while_the_parent_is_not_public(officer, django_capture_on_commit_callbacks):
    document = DocumentFactory()
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(actor=officer, document=document)
    assert not Document.objects.exists()
    assert not path.exists()
    assert Document.history.filter(history_type="-").get().history_user == officer


@pytest.mark.parametrize(
    "parent",
    [
        lambda: {"framework": FrameworkFactory(status=FrameworkStatus.PUBLISHED)},
        lambda: {"framework": None, "decision": DecisionFactory(status=DecisionStatus.PUBLISHED)},
    ],
)
def test_a_public_document_is_kept(officer, parent):
    document = DocumentFactory(**parent())
    with pytest.raises(ValidationError, match="kept as part of the public record"):
        document_delete(actor=officer, document=document)
    assert Document.objects.filter(pk=document.pk).exists()
