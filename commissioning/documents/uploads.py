"""Refusing an oversized upload while it arrives, not after it is stored.

Django spools an upload to a temporary file whatever its size and only then lets the
form see it, so ``validation.check_upload``'s size check alone would let a 5 GB upload
fill the disk first. :class:`SizeLimitedUploadHandler` runs before Django's own handlers
and skips a file (discarding the rest of its bytes, and closing what was spooled) as
soon as it passes the limit; the view then reports the size on the file question.
"""

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


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
