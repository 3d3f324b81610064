"""100 people send their responses at the same moment, through the real server.

Each visitor is an independent HTTP client (urllib with its own cookie jar: its own
session and CSRF cookie) talking to pytest-django's live server over loopback. They fill
in the form one by one, then all press "Send" together (a barrier); half of them press it
twice at once with the same submission key, as a double click does. Exactly 100
responses must be stored, each visitor must see its own reference, and a double click
must show the same reference twice.

Runs in the main suite on PostgreSQL; SQLite serialises writers, so a race there would
prove nothing.
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from commissioning.consultations import services
from commissioning.consultations.models import (
    Consultation,
    PublishConsent,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite runs one writer at a time, so there is no race",
    ),
]

VISITORS = 100
PREPARING_WORKERS = 20
# The server handles this many requests at once (a real deployment has a fixed number
# of workers too); the rest wait in its queue. It keeps the database connections under
# the test cluster's max_connections (50).
SERVER_WORKERS = 20
TIMEOUT = 60  # seconds, for any one request or wait


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # let the test see the 302 and its Location


@dataclass
class Visitor:
    base_url: str
    number: int
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    csrf_token: str = ""
    submission_key: str = ""
    references: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict[str, Any] | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; redirects are not followed."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self.csrf_token, **data}, doseq=True
            ).encode()
        request = urllib.request.Request(f"{self.base_url}{path}", data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=TIMEOUT) as answer:
                return answer.status, answer.read().decode(), ""
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")


def _field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert match, f"no {name} on the page"
    return match.group(1)


def _consultation() -> tuple[Consultation, dict[str, str]]:
    from commissioning.accounts.models import User
    from tests.factories import UserFactory

    officer: User = UserFactory.create(role=Role.COMMISSIONING_OFFICER)
    now = timezone.now()
    consultation = services.consultation_create(
        actor=officer,
        area=PolicingAreaFactory.create(),
        title="Draft Commissioning Framework 2017/18",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
    )
    section = services.section_create(actor=officer, consultation=consultation, title="Changes")
    q1 = services.question_create(
        actor=officer,
        section=section,
        code="Q1",
        required=True,
        kind=QuestionKind.SINGLE_WITH_COMMENT,
        text="Do you support the proposed significant changes listed above?",
        options=services.SUPPORT_SCALE,
    )
    answers = {f"q{q1.pk}": str(q1.options.first().pk), f"q{q1.pk}_text": "Yes, mostly."}  # type: ignore[union-attr]
    return consultation, answers


@pytest.fixture
def bounded_server(live_server: Any) -> Iterator[str]:
    """The live server, handling at most SERVER_WORKERS requests at a time, with a queue
    deep enough for everyone (Django's test server queues 10 connections; the kernel
    resets the rest, which a production server's deeper queue would not)."""
    server = live_server.thread.httpd
    original: Callable[..., None] = server.process_request_thread
    workers = threading.BoundedSemaphore(SERVER_WORKERS)
    server.socket.listen(VISITORS * 2)

    def bounded(*args: Any) -> None:
        with workers:
            original(*args)

    server.process_request_thread = bounded
    yield live_server.url
    server.process_request_thread = original
    server.socket.listen(server.request_queue_size)


def test_100_simultaneous_submissions(bounded_server: str) -> None:
    started = time.monotonic()
    consultation, answers = _consultation()
    prefix = f"/have-your-say/{consultation.slug}"

    def prepare(number: int) -> Visitor:
        visitor = Visitor(bounded_server, number)
        status, page, _ = visitor.request(f"{prefix}/about-you/")
        assert status == 200
        visitor.csrf_token = _field(page, "csrfmiddlewaretoken")
        about = {
            "respondent_type": RespondentType.INDIVIDUAL,
            "respondent_name": f"Visitor {number}",
        }
        steps: list[tuple[str, dict[str, Any]]] = [
            (f"{prefix}/about-you/", about),
            (f"{prefix}/section/1/", answers),
            (f"{prefix}/publishing/", {"publish_consent": PublishConsent.ANONYMOUS}),
        ]
        for path, data in steps:
            status, page, _ = visitor.request(path, data)
            assert status == 302, page[:500]
        status, page, _ = visitor.request(f"{prefix}/check/")
        assert status == 200
        visitor.submission_key = _field(page, "submission_key")
        return visitor

    with ThreadPoolExecutor(max_workers=PREPARING_WORKERS) as pool:
        visitors = list(pool.map(prepare, range(VISITORS)))

    # Everyone sends at once; the first half send twice (a double click).
    sends = visitors + visitors[: VISITORS // 2]
    barrier = threading.Barrier(len(sends), timeout=TIMEOUT)

    def send(visitor: Visitor) -> None:
        barrier.wait()
        status, page, location = visitor.request(
            f"{prefix}/submit/", {"submission_key": visitor.submission_key}
        )
        assert status == 302, page[:500]
        assert location == f"{prefix}/done/"
        status, page, _ = visitor.request(location)
        assert status == 200
        match = re.search(r"<strong>([A-Z0-9]{10})</strong>", page)
        assert match, page[:500]
        visitor.references.append(match.group(1))

    with ThreadPoolExecutor(max_workers=len(sends)) as pool:
        for result in [pool.submit(send, visitor) for visitor in sends]:
            result.result(timeout=TIMEOUT * 2)

    submitted = Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)
    assert submitted.count() == VISITORS
    assert Response.objects.filter(consultation=consultation).count() == VISITORS
    for visitor in visitors[: VISITORS // 2]:
        assert len(visitor.references) == 2
        assert visitor.references[0] == visitor.references[1]  # the same confirmation twice
    references = {visitor.references[0] for visitor in visitors}
    assert len(references) == VISITORS  # each their own
    assert references == set(submitted.values_list("reference", flat=True))
    names = {f"Visitor {n}" for n in range(VISITORS)}
    assert set(submitted.values_list("respondent_name", flat=True)) == names
    assert time.monotonic() - started < 240
