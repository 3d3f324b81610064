"""A ceiling on every upload, whatever the page.

Django writes an uploaded file to a temporary file as it arrives and only then lets a
form look at it, so without a ceiling anyone (the CSRF check itself reads the body) could
make the server spool gigabytes to disk. This handler runs before Django's own and stops
reading a multipart body as soon as the request or any one file in it is larger than
``MAX_UPLOAD_BYTES``; the form then sees no file and says so. Pages with a smaller limit
(spreadsheet imports, documents) check their own limit as well. A reverse proxy should set
the same ceiling (docs/deployment.md).
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class UploadCeilingHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(settings.MAX_UPLOAD_BYTES)
        self.too_big = False
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803 - Django's name
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        self.too_big = content_length > self.limit

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.too_big or self.received > self.limit:
            raise StopUpload(connection_reset=True)
        return raw_data  # on to Django's handlers, which keep it

    def file_complete(self, file_size: int) -> None:
        return None  # Django's handlers make the file
