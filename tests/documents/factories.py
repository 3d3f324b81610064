"""Factories for documents (a small real PDF by default)."""

import hashlib

import factory
from django.core.files.base import ContentFile

from commissioning.documents.models import Document, DocumentKind
from tests.factories import FrameworkFactory

# The smallest well-formed PDF: enough for content sniffing to call it a PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    kind = DocumentKind.EQUALITY_IMPACT_ASSESSMENT
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="document.pdf"))
    original_name = "document.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    framework = factory.SubFactory(FrameworkFactory)
