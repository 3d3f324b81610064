"""The ceiling on every upload: past it, the body is not read and no file reaches a form."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import RequestFactory

from commissioning.core.uploads import UploadCeilingHandler


def _files_seen(rf: RequestFactory, size: int) -> dict[str, object]:
    request = rf.post("/", {"file": SimpleUploadedFile("a.pdf", b"x" * size), "name": "n"})
    request._load_post_and_files()  # as the first access to request.FILES would
    return {name: upload.size for name in request.FILES if (upload := request.FILES.get(name))}


def test_a_file_within_the_ceiling_arrives(rf, settings):
    settings.MAX_UPLOAD_BYTES = 100_000
    assert _files_seen(rf, 50_000) == {"file": 50_000}


def test_a_request_past_the_ceiling_is_not_read(rf, settings):
    settings.MAX_UPLOAD_BYTES = 100_000
    assert _files_seen(rf, 150_000) == {}
    # Without the ceiling, Django would have kept it.
    settings.FILE_UPLOAD_HANDLERS = settings.FILE_UPLOAD_HANDLERS[1:]
    assert _files_seen(rf, 150_000) == {"file": 150_000}


def test_the_handler_is_installed_first(settings):
    assert settings.FILE_UPLOAD_HANDLERS[0] == "commissioning.core.uploads.UploadCeilingHandler"
    handler = UploadCeilingHandler(HttpRequest())
    assert handler.max_bytes == settings.MAX_UPLOAD_BYTES
