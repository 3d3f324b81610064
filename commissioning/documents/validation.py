"""Checking an upload before it is stored: its size, its type by content (never by the
name it came with), that its name's extension agrees with that type, and a safe name.

Allowed: PDF, Word (DOCX), Excel (XLSX), OpenDocument text and spreadsheet (ODT, ODS),
PNG and JPEG images, recognised by their bytes with the ``filetype`` library; and CSV
and plain text, recognised as valid UTF-8 with no NUL bytes that is not HTML, SVG or
XML markup (which a browser could run).
"""

import codecs
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from typing import IO, Any

import filetype  # type: ignore[import-untyped]
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Detected type -> (content type, the extensions a file of that type may have).
BINARY_TYPES: dict[str, tuple[str, frozenset[str]]] = {
    "pdf": ("application/pdf", frozenset({"pdf"})),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        frozenset({"docx"}),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        frozenset({"xlsx"}),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", frozenset({"odt"})),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", frozenset({"ods"})),
    "png": ("image/png", frozenset({"png"})),
    "jpg": ("image/jpeg", frozenset({"jpg", "jpeg"})),
}
TEXT_TYPES = {"csv": "text/csv", "txt": "text/plain"}
# Shown to people (its "or" is English): translated like every other message.
ALLOWED_DESCRIPTION = gettext_lazy("PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, CSV or TXT")
MAX_NAME_LENGTH = 120
SNIFF_BYTES = 262_144
# Text that a browser would treat as a page or image with scripts, whatever its name.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str


def safe_filename(name: str, default: str = "document") -> str:
    """A name safe to store and to send in a header: no directories, Unicode normalised,
    only letters, digits, - _ and ., not hidden, at most MAX_NAME_LENGTH characters, and
    never empty."""
    name = unicodedata.normalize("NFKC", str(name or ""))
    # Any directory a browser or an attacker sent (either kind of slash) goes.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:
        name = ""
    name = name.lstrip(".-_")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension[:10].lower()
    room = MAX_NAME_LENGTH - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(".-_") or default
    return f"{stem}.{extension}" if extension else stem


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def too_big_message(max_bytes: int) -> str:
    return _("The selected file must be smaller than %(limit)s MB") % {
        "limit": megabytes(max_bytes)
    }


def _is_text(upload: IO[bytes], head: bytes) -> bool:
    """Valid UTF-8 all the way through, no NUL bytes, and not markup."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(MARKUP_STARTS):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in iter(lambda: upload.read(65_536), b""):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sha256(upload: IO[bytes]) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(65_536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload: Any, *, max_bytes: int | None = None) -> CheckedUpload:
    """Check an uploaded file (a Django ``UploadedFile`` or any file object with a name
    and a size); raise ValidationError with a message for the person who chose it."""
    max_bytes = settings.DOCUMENT_MAX_BYTES if max_bytes is None else max_bytes
    name = safe_filename(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")
    if size > max_bytes:
        raise ValidationError(too_big_message(max_bytes), code="too_big")
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    extension = _extension(name)
    kind = filetype.guess(head)
    if kind is not None:
        if kind.extension not in BINARY_TYPES:
            raise ValidationError(
                _("The selected file must be a %(types)s") % {"types": ALLOWED_DESCRIPTION},
                code="type",
            )
        content_type, extensions = BINARY_TYPES[kind.extension]
        if extension not in extensions:
            values = {
                "type": kind.extension.upper(),
                "extension": extension,
                "expected": sorted(extensions)[0],
            }
            message = (
                _(
                    "The selected file is of type %(type)s but its name ends in "
                    ".%(extension)s: rename it to end in .%(expected)s"
                )
                if extension
                else _(
                    "The selected file is of type %(type)s but its name has no extension: "
                    "rename it to end in .%(expected)s"
                )
            )
            raise ValidationError(message % values, code="extension")
    elif _is_text(upload, head):
        if extension not in TEXT_TYPES:
            raise ValidationError(
                _(
                    "The selected file is text: its name must end in .csv or .txt "
                    "(or choose a %(types)s)"
                )
                % {"types": ALLOWED_DESCRIPTION},
                code="extension",
            )
        content_type = TEXT_TYPES[extension]
    else:
        raise ValidationError(
            _("The selected file must be a %(types)s") % {"types": ALLOWED_DESCRIPTION},
            code="type",
        )
    return CheckedUpload(name=name, content_type=content_type, size=size, sha256=_sha256(upload))
