"""Uploads are checked by content, size and name before anything is stored."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.documents.validation import MAX_NAME_LENGTH, check_upload, safe_filename
from tests.documents import samples


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("eia.pdf", samples.pdf(), "application/pdf"),
        (
            "eia.docx",
            samples.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            samples.xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("eia.odt", samples.odt(), "application/vnd.oasis.opendocument.text"),
        ("chart.png", samples.png(), "image/png"),
        ("budget.csv", samples.CSV, "text/csv"),
        ("notes.txt", "Plain UK text: £5\n".encode(), "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_content(name, data, content_type):
    checked = check_upload(upload(name, data), max_bytes=1_000_000)
    assert checked.content_type == content_type
    assert checked.name == name
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", samples.exe()),
        ("archive.zip", samples.zip_archive()),
        ("page.html", samples.HTML),
        ("page.txt", samples.HTML),  # markup renamed as text is still markup
        ("image.svg", samples.SVG),
        ("data.bin", b"\x00\x01\x02\xff\xfe" * 10),
        ("latin1.txt", "caf\xe9".encode("latin-1")),
    ],
)
def test_other_types_are_refused(name, data):
    with pytest.raises(ValidationError, match="must be a PDF, DOCX, XLSX") as error:
        check_upload(upload(name, data), max_bytes=1_000_000)
    assert error.value.code == "type"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", samples.exe(), "must be a PDF"),  # an .exe calling itself a PDF
        ("report.pdf", samples.docx(), "is of type DOCX but its name ends in .pdf"),
        ("budget.docx", samples.xlsx(), "is of type XLSX but its name ends in .docx"),
        ("photo.jpg", samples.png(), "is of type PNG but its name ends in .jpg"),
        ("report", samples.pdf(), "rename it to end in .pdf"),
        ("notes.pdf", b"just text", "its name must end in .csv or .txt"),
    ],
)
def test_the_extension_must_agree_with_the_content(name, data, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(upload(name, data), max_bytes=1_000_000)


def test_oversize_is_refused_with_the_limit_in_megabytes(settings):
    settings.DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    data = samples.pdf() + b" " * (2 * 1024 * 1024)
    with pytest.raises(ValidationError, match="must be smaller than 2 MB"):
        check_upload(upload("big.pdf", data))
    assert check_upload(upload("small.pdf", samples.pdf())).size == len(samples.pdf())


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        check_upload(upload("empty.pdf", b""), max_bytes=100)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ("/var/www/static/x.pdf", "x.pdf"),
        ("My EIA (final).PDF", "My_EIA_final.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("..", "document"),
        ("", "document"),
        ("<script>.pdf", "script.pdf"),
        ("ﬁnal report.pdf", "final_report.pdf"),  # compatibility ligature normalised
        ("report\x00.pdf", "report.pdf"),
        ("évaluation.pdf", "évaluation.pdf"),
    ],
)
def test_safe_filenames(given, expected):
    assert safe_filename(given) == expected


def test_long_names_keep_their_extension():
    name = safe_filename("a" * 500 + ".docx")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith(".docx")


def test_the_list_of_allowed_types_is_translated(monkeypatch):
    """Its "or" is English: it goes through the translation catalogue, lazily, so the
    message reads in the visitor's language."""
    from django.utils import translation
    from django.utils.functional import Promise

    from commissioning.documents.validation import ALLOWED_DESCRIPTION

    assert isinstance(ALLOWED_DESCRIPTION, Promise)
    monkeypatch.setattr(translation._trans, "gettext", lambda text: text.replace(" or ", " neu "))
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("a.exe", b"MZ\x90\x00" + b"\x00" * 64))
    assert "CSV neu TXT" in refused.value.messages[0]
