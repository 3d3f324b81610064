"""Refusing oversized uploads while they arrive, not after they are stored.

Django spools an upload to a temporary file whatever its size and only then lets a form
look at it, so a size check in a form alone would let a 5 GB upload fill the disk first
(and the CSRF check reads the body of any POST, on any page). Two handlers run before
Django's own:

- :class:`SizeLimitedUploadHandler` skips one file (discarding the rest of its bytes) as
  soon as it passes a page's limit and notes its field, so the page can say so on the
  file question. Pages with a limit insert one (documents).
- :class:`UploadCeilingHandler`, installed for every request (``FILE_UPLOAD_HANDLERS``),
  stops reading a multipart body larger than ``MAX_UPLOAD_BYTES`` at all; the form then
  sees no file and says so. A reverse proxy should set the same ceiling
  (docs/deployment.md).
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, max_bytes: int, request: Any = None) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0
        self.skipped: set[str] = set()  # field names of the files that were too big

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.skipped.add(self.field_name)
            raise SkipFile
        return raw_data  # on to Django's handlers, which keep it

    def file_complete(self, file_size: int) -> None:
        return None  # Django's handlers make the file


class UploadCeilingHandler(SizeLimitedUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(int(settings.MAX_UPLOAD_BYTES), request)
        self.too_big = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803 - Django's name
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        self.too_big = content_length > self.max_bytes

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.too_big:
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)
