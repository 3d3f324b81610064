"""The whole of issue 5 on the demo data, through the pages a person uses.

An officer signs decision record PCC/2017/004, publishes the 2017/18 framework (whose
Equality Impact Assessment is attached), and downloads the Panel report as Word and PDF;
then a member of the public, signed out, finds the framework, its tables, chart,
documents, decision record and consultation outcome. Each step is what the browser does:
plain GETs and form POSTs.
"""

import io

import docx
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from commissioning.accounts.models import User
from commissioning.budgets.models import Framework, FrameworkStatus
from commissioning.consultations.models import Consultation
from commissioning.decisions.models import Decision, DecisionStatus
from commissioning.documents.models import DocumentKind
from commissioning.reports.models import PanelReport

pytestmark = pytest.mark.django_db

# Appendix A of seed 002: the four sub-totals and the grand total, to the pound.
SUB_TOTALS = ("1,321,114", "860,181", "1,280,776", "1,206,288")
GRAND_TOTAL = "4,668,359"


def _officer(login) -> Client:
    return login(User.objects.get(email="officer@demo.example"))


def test_sign_publish_report_and_find_it_on_the_public_site(login) -> None:
    call_command("load_demo", verbosity=0)
    framework = Framework.objects.get(area__slug="llr", status=FrameworkStatus.CONSULTATION)
    decision = Decision.objects.get(reference="PCC/2017/004")
    eia = framework.documents.get(kind=DocumentKind.EQUALITY_IMPACT_ASSESSMENT)
    consultation = Consultation.objects.get(framework=framework)
    public = Client()
    public_page = reverse("publishing:framework", args=["llr", framework.pk])

    # Before: nothing of the draft is public.
    assert public.get(public_page).status_code == 404
    assert public.get(eia.get_absolute_url()).status_code == 404
    assert public.get(reverse("publishing:decision", args=["llr", decision.pk])).status_code == 404

    officer = _officer(login)
    status_url = reverse("budgets:status", args=[framework.pk])
    assert officer.post(status_url, {"to": FrameworkStatus.FINAL}).status_code == 302
    # Publishing without a signed decision record is refused, with the reason.
    refused = officer.post(status_url, {"to": FrameworkStatus.PUBLISHED})
    assert refused.status_code == 200
    assert "decision record" in refused.content.decode()
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.FINAL

    assert officer.post(reverse("decisions:sign", args=[decision.pk])).status_code == 302
    assert officer.post(status_url, {"to": FrameworkStatus.PUBLISHED}).status_code == 302
    framework.refresh_from_db()
    decision.refresh_from_db()
    assert framework.status == FrameworkStatus.PUBLISHED
    assert decision.status == DecisionStatus.PUBLISHED  # published with its framework

    # The Panel report, from the framework's Panel reports tab.
    tab = officer.get(reverse("reports:framework", args=[framework.pk])).content.decode()
    report = PanelReport.objects.get(framework=framework)
    assert reverse("reports:detail", args=[report.pk]) in tab
    word = officer.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.content))
    headings = [
        p.text for p in document.paragraphs if p.style and str(p.style.name).startswith("Heading")
    ]
    for heading in ("Purpose of report", "Recommendations", "Appendix A", "Appendix B"):
        assert any(h.startswith(heading) for h in headings), (heading, headings)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {*SUB_TOTALS, GRAND_TOTAL} <= {c.replace("£", "") for c in cells}
    pdf = officer.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert all(figure in text for figure in (*SUB_TOTALS, GRAND_TOTAL))
    assert "Appendix B" in text
    assert "Partnership Locality Fund" in text

    # A member of the public, signed out.
    area = public.get(reverse("publishing:area", args=["llr"])).content.decode()
    assert public_page in area
    page = public.get(public_page)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # funding by theme, drawn
    assert all(figure in html for figure in (*SUB_TOTALS, GRAND_TOTAL))
    assert eia.get_absolute_url() in html
    assert public.get(eia.get_absolute_url()).status_code == 200
    assert reverse("publishing:decision", args=["llr", decision.pk]) in html
    outcome = reverse("respond:outcome", args=[consultation.slug])
    assert outcome in html or outcome in area
    said = public.get(outcome).content.decode()
    assert "None required." in said
    assert "Grants process" in said
