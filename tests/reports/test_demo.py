"""The demo's Panel reports (seeds 002 and 004), loaded after the rest of the demo."""

import pytest

from commissioning.demo.loader import LoadSummary, load_demo
from commissioning.demo.reports import load_reports
from commissioning.reports.models import ImplicationsTemplate, PanelReport
from commissioning.reports.selectors import report_document

pytestmark = pytest.mark.django_db


def test_demo_reports_mirror_the_seeds_and_load_once() -> None:
    # load_demo calls load_reports after the decisions and consultations.
    first = load_demo()
    assert first.counts["Panel reports"]["created"] == 2
    again = LoadSummary()
    load_reports(again)
    assert again.counts["Panel reports"] == {"unchanged": 2}
    assert not again.changed_anything

    llr = PanelReport.objects.get(framework__area__slug="llr")
    assert llr.panel_name == "Leicestershire Police and Crime Panel"
    assert llr.meeting_time == "1:00pm"
    assert llr.consultation is not None
    doc = report_document(llr)
    assert dict(doc.title_block)["Author"] == "Simon Down – Commissioning Manager, OPCC"
    assert dict(doc.title_block)["Date"] == "Friday 3 February 2017 at 1:00pm"
    assert doc.unresolved == []
    purpose = doc.sections[0].paragraphs[0].text
    assert purpose.startswith("The purpose of this report is to inform the Police and Crime Panel")
    assert doc.table_1 is not None
    assert doc.table_1.rows[-1].amount == "4,668,359"
    assert doc.appendix_a is not None
    assert doc.appendix_a.rows[-1].amount == "4,668,358.75"
    # The demo's consultation outcome is published: its table is Appendix B.
    assert [a.label for a in doc.appendices][:2] == ["Appendix A", "Appendix B"]
    assert doc.appendix_b

    durham = PanelReport.objects.get(framework__area__slug="durham")
    assert durham.implications_template == ImplicationsTemplate.DURHAM
    doc = report_document(durham)
    assert doc.appendices[0].title == "Risks and Implications"
    assert doc.unresolved == []
