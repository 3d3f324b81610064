"""Nothing unpublished ever leaks: not on a public page, not in a download, not in the
public API (lists, every page of them, details, the schema).

Every unpublished record below carries a unique marker ("LEAK-...") in its title or
name; the public site is crawled from /transparency/ by following its links, the API by
following its pagination and fetching every detail, and no response may contain a
marker. Each hidden record is also asked for by its direct address: 404.
"""

import html
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus, ServiceLine
from commissioning.consultations.models import Outcome, PublishConsent
from commissioning.consultations.outcomes import (
    office_response_approve,
    office_response_create,
)
from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from commissioning.publishing.urls import TABLE_NAMES
from tests.consultations.test_outcomes import add_comment, closed_consultation
from tests.publishing import data

pytestmark = pytest.mark.django_db

MARKER = "LEAK-"
TABLES = TABLE_NAMES.split("|")


@pytest.fixture
def world(make_user) -> dict[str, Any]:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    place = data.area()
    # What is public: a superseded version, its published refresh, a decision, an
    # outcome with responses published, documents.
    old = data.framework(place, title="Framework 2016/17", year=2016,
                         status=FrameworkStatus.SUPERSEDED)  # fmt: skip
    current = data.framework(place, title="Framework 2016/17 refresh", year=2016, based_on=old,
                             version=2)  # fmt: skip
    data.document("Public EIA", framework=current)
    public_decision = data.decision(place, title="Public decision", framework=current)
    outcome = data.published_outcome(place, officer, title="Public consultation",
                                     comment="Public comment", response="Public response")  # fmt: skip

    hidden: dict[str, Any] = {"frameworks": [], "decisions": [], "documents": []}
    # Unpublished frameworks, every part of them marked: one a later year (a tempting
    # "previous year" for comparisons the other way), one a refresh of the current one.
    for status, year, based_on in (
        (FrameworkStatus.DRAFT, 2017, None),
        (FrameworkStatus.CONSULTATION, 2017, current),
        (FrameworkStatus.FINAL, 2015, None),
    ):
        marker = f"{MARKER}{status.upper()}-FRAMEWORK"
        framework = data.framework(
            place, title=marker, year=year, based_on=based_on, version=3 if based_on else 1,
            categories=(f"{marker}-CATEGORY",), cost=Decimal("1.11"), status=status,
        )  # fmt: skip
        for line in ServiceLine.objects.filter(framework=framework):
            line.name = f"{marker}-LINE"
            line.provision = f"{marker}-PROVISION"
            line.save()
        hidden["frameworks"].append(framework)
        hidden["documents"].append(data.document(f"{marker}-DOCUMENT", framework=framework))
        # A decision published before its framework is: it must not name the framework.
        data.decision(place, title="Public decision on a private framework", framework=framework,
                      reference=f"PCC/2099/{status[:3]}")  # fmt: skip

    for decision_status in (DecisionStatus.DRAFT, DecisionStatus.SIGNED):
        marker = f"{MARKER}{decision_status.upper()}-DECISION"
        decision = data.decision(place, title=marker, framework=current,
                                 reference=f"LEAK/{decision_status}", status=decision_status)  # fmt: skip
        hidden["decisions"].append(decision)
        hidden["documents"].append(data.document(f"{marker}-DOCUMENT", decision=decision))

    soon = data.forthcoming(place, title=f"{MARKER}FORTHCOMING", slug="leak-forthcoming",
                            framework=current)  # fmt: skip
    soon.outcome_published_at = soon.opens_at  # even marked published, not before it opens
    soon.save()
    hidden["documents"].append(data.document(f"{MARKER}FORTHCOMING-DOCUMENT", consultation=soon))

    # A closed consultation (public) whose outcome is not published.
    unpublished = closed_consultation(area=place, title="Closed, outcome to come",
                                      slug="closed-outcome-to-come")  # fmt: skip
    draft_comment = add_comment(unpublished, f"{MARKER}UNPUBLISHED-OUTCOME-COMMENT")
    office_response_approve(
        actor=officer,
        office_response=office_response_create(
            actor=officer, consultation=unpublished, comments=[draft_comment],
            text=f"{MARKER}UNPUBLISHED-OUTCOME-RESPONSE", outcome=Outcome.AGREED,
        ),
    )  # fmt: skip
    # In the published outcome: a response approved since, a draft, a comment whose
    # author refused publication.
    for text, approve in ((f"{MARKER}APPROVED-NOT-PUBLISHED", True),
                          (f"{MARKER}DRAFT-RESPONSE", False)):  # fmt: skip
        comment = add_comment(outcome, f"{text}-COMMENT")
        made = office_response_create(actor=officer, consultation=outcome, comments=[comment],
                                      text=text, outcome=Outcome.AGREED)  # fmt: skip
        if approve:
            office_response_approve(actor=officer, office_response=made)
    refused = add_comment(outcome, f"{MARKER}NO-CONSENT", consent=PublishConsent.NO)
    office_response_create(actor=officer, consultation=outcome, comments=[refused],
                           text="Reply to a private comment", outcome=Outcome.NOTED)  # fmt: skip

    # An area with nothing public.
    private_area = data.area(slug="leak-area", name=f"{MARKER}AREA")
    data.framework(private_area, title=f"{MARKER}AREA-FRAMEWORK", status=FrameworkStatus.FINAL)
    data.decision(private_area, title=f"{MARKER}AREA-DECISION", status=DecisionStatus.SIGNED)
    return {"area": place, "old": old, "current": current, "decision": public_decision,
            "outcome": outcome, "unpublished_outcome": unpublished, "soon": soon,
            **hidden}  # fmt: skip


def text_of(response: Any) -> str:
    """Everything a response says, whatever its format (an XLSX is a zip of XML)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist())  # fmt: skip
    return html.unescape(content.decode("utf-8", "replace"))


def links(page: str) -> Iterator[str]:
    for href in re.findall(r'href="([^"]+)"', page):
        yield html.unescape(href).split("#")[0]


def crawl_site(client: Client) -> dict[str, str]:
    """Every page and download reachable from /transparency/ (and the documents and
    consultation pages it links to, without following theirs)."""
    seen: dict[str, str] = {}
    queue = [reverse("publishing:index")]
    while queue:
        url = queue.pop()
        if url in seen or not url:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = text_of(response)
        if url.startswith("/transparency/") and "text/html" in response["Content-Type"]:
            queue.extend(
                link for link in links(seen[url])
                if link.startswith(("/transparency/", "/documents/", "/have-your-say/"))
            )  # fmt: skip
    return seen


def crawl_api(client: Client) -> dict[str, str]:
    """Every page of every list (two records a page), every record, every framework's
    lines, and the schema."""
    seen: dict[str, str] = {}

    def fetch(url: str, params: dict[str, Any] | None = None) -> Any:
        response = client.get(url, params or {})
        assert response.status_code == 200, url
        seen[f"{url}?{params}"] = text_of(response)
        return response.json()

    fetch(reverse("public_api:schema"), {"format": "json"})
    for kind, key in (("framework", "id"), ("decision", "id"), ("outcome", "slug")):
        url: str | None = reverse(f"public_api:{kind}-list") + "?page_size=2"
        while url:
            body = fetch(url)
            for record in body["results"]:
                fetch(reverse(f"public_api:{kind}-detail", args=[record[key]]))
                if kind == "framework":
                    lines = reverse("public_api:framework-lines", args=[record["id"]])
                    fetch(lines, {"page_size": 1000})
            url = body["next"]
    return seen


def assert_no_markers(responses: dict[str, str]) -> None:
    leaks = {url: re.findall(rf"{MARKER}[A-Z-]+", text) for url, text in responses.items()}
    leaks = {url: found for url, found in leaks.items() if found}
    assert not leaks, f"Unpublished records leaked: {leaks}"


def test_no_public_page_or_download_shows_anything_unpublished(client: Client, world) -> None:
    responses = crawl_site(client)
    urls = set(responses)
    # The crawl reached what it had to: otherwise it proves nothing.
    area = world["area"].slug
    for framework in (world["old"], world["current"]):
        assert reverse("publishing:framework", args=[area, framework.pk]) in urls
        for table in ("funding-by-theme", "itemised-budget", "funding-sources"):
            for fmt in ("csv", "xlsx"):
                assert reverse("publishing:framework-download",
                               args=[area, framework.pk, table, 2016, fmt]) in urls  # fmt: skip
    assert reverse("publishing:framework-download",
                   args=[area, world["current"].pk, "significant-changes", 2016, "csv"]) in urls  # fmt: skip
    assert reverse("publishing:decision", args=[area, world["decision"].pk]) in urls
    assert reverse("publishing:outcome-download",
                   args=[area, world["outcome"].slug, "xlsx"]) in urls  # fmt: skip
    assert reverse("respond:outcome", args=[world["outcome"].slug]) in urls
    assert any(url.startswith("/documents/") for url in urls)
    assert "Public response" in "".join(responses.values())
    assert_no_markers(responses)


def test_no_api_response_shows_anything_unpublished(client: Client, world) -> None:
    responses = crawl_api(client)
    assert any(f"/frameworks/{world['current'].pk}/lines/" in url for url in responses)
    assert any("Public response" in text for text in responses.values())
    assert_no_markers(responses)


def test_hidden_records_are_not_found_by_their_address(client: Client, world) -> None:
    area = world["area"].slug
    urls = [reverse("publishing:area", args=["leak-area"])]
    for framework in world["frameworks"]:
        urls += [
            reverse("publishing:framework", args=[area, framework.pk]),
            reverse("public_api:framework-detail", args=[framework.pk]),
            reverse("public_api:framework-lines", args=[framework.pk]),
        ]
        urls += [reverse("publishing:framework-download", args=[area, framework.pk, table,
                                                                 framework.first_year.start_year,
                                                                 fmt])
                 for table in TABLES for fmt in ("csv", "xlsx")]  # fmt: skip
    for decision in world["decisions"]:
        urls += [
            reverse("publishing:decision", args=[area, decision.pk]),
            reverse("public_api:decision-detail", args=[decision.pk]),
        ]
    for consultation in (world["unpublished_outcome"], world["soon"]):
        urls += [
            reverse("publishing:outcome-download", args=[area, consultation.slug, "csv"]),
            reverse("public_api:outcome-detail", args=[consultation.slug]),
            reverse("respond:outcome", args=[consultation.slug]),
        ]
    urls += [document.get_absolute_url() for document in world["documents"]]
    found = {url: client.get(url).status_code for url in urls}
    assert {url: status for url, status in found.items() if status != 404} == {}
