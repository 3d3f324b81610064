"""Page benchmarks: how long the busiest staff pages take with a realistic register.

Not a test: nothing here asserts a time. Run with `make bench`; figures are written to
benchmarks/results/pages.json. Uses its own throwaway SQLite database.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="commissioning-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "commissioning.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
# Django's test client calls itself "testserver".
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
# Keep the connection between requests, as production does: reconnecting per request would
# also lose the log the query counts are read from.
os.environ["DATABASE_CONN_MAX_AGE"] = "600"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402

from commissioning.organisations.models import Contact, Organisation  # noqa: E402

ORGANISATIONS = 2_000
REPEATS = 30


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Benchmark organisation {n:05d}", kind=Organisation.Kind.VCS, town="Leicester"
        )
        for n in range(ORGANISATIONS)
    )
    organisation = Organisation.objects.get(name="Benchmark organisation 01000")
    Contact.objects.bulk_create(
        Contact(organisation=organisation, name=f"Contact {n}", email=f"c{n}@example.org")
        for n in range(20)
    )
    from commissioning.accounts.models import User

    officer = User.objects.get(email="officer@demo.example")
    client = Client()
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = officer.totpdevice_set.get(confirmed=True).persistent_id
    session.save()

    from commissioning.budgets.models import Framework
    from commissioning.reports.models import PanelReport

    published = Framework.objects.get(area__slug="llr", status="published")
    report = PanelReport.objects.filter(framework__area__slug="llr").first()
    assert report is not None
    anonymous = Client()
    # (label, URL, client, repeats): the public pages are read by visitors with no account.
    public = [
        ("public: areas", "/transparency/", anonymous, REPEATS),
        ("public: area LLR", "/transparency/llr/", anonymous, REPEATS),
        (
            "public: framework 2016/17",
            f"/transparency/llr/frameworks/{published.pk}/",
            anonymous,
            REPEATS,
        ),
        ("public API: frameworks", "/api/public/frameworks/", anonymous, REPEATS),
        ("Panel report preview", f"/reports/{report.pk}/preview/", client, REPEATS),
        ("Panel report DOCX", f"/reports/{report.pk}/download.docx", client, 5),
        ("Panel report PDF", f"/reports/{report.pk}/download.pdf", client, 5),
    ]
    pages = {
        "health check": "/healthz",
        "dashboard": "/dashboard/",
        "organisations list, page 1": "/organisations/",
        "organisations list, page 40": "/organisations/?page=40",
        "organisations search": "/organisations/?q=organisation+0150",
        "organisation with 20 contacts": f"/organisations/{organisation.pk}/",
        "organisation history": f"/organisations/{organisation.pk}/history/",
        "area LLR": "/areas/llr/",
    }
    results = []
    staff = [(label, url, client, REPEATS) for label, url in pages.items()]
    for label, url, visitor, repeats in [*staff, *public]:
        visitor.get(url)  # warm caches and template loaders
        timings = []
        executed: list[str] = []

        def count(execute, sql, params, many, context, executed=executed):  # type: ignore[no-untyped-def]
            executed.append(sql)
            return execute(sql, params, many, context)

        # A wrapper sees every query, whether or not the connection keeps a debug log.
        with connection.execute_wrapper(count):
            response = visitor.get(url)
        if response.status_code != 200:
            # A timing of an error page would be a figure about nothing.
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
        for _ in range(repeats):
            started = time.perf_counter()
            visitor.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "page": label,
                "url": url,
                "status": response.status_code,
                "queries": len(executed),
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(sorted(timings)[max(int(len(timings) * 0.95) - 1, 0)], 2),
            }
        )
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "organisations": ORGANISATIONS + Organisation.objects.count() - ORGANISATIONS,
        "repeats": REPEATS,
        "database": "sqlite",
        "pages": results,
    }
    (out / "pages.json").write_text(json.dumps(report, indent=2) + "\n")
    width = max(len(r["page"]) for r in results)
    for r in results:
        print(
            f"{r['page']:<{width}}  {r['status']}  {r['queries']:>3} queries  "
            f"median {r['median_ms']:>7.2f} ms  p95 {r['p95_ms']:>7.2f} ms"
        )
    print(f"\nwritten to {out / 'pages.json'}")


if __name__ == "__main__":
    main()
