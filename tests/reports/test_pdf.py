"""The PDF, read back with pypdf and rendered with pdftoppm."""

import shutil
import subprocess
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from commissioning.reports.pdf import build_pdf, report_html
from commissioning.reports.selectors import report_document

from .support import (
    consultation_with_outcome,
    eia,
    itemised_framework,
    report_on,
    seed_000_framework,
)

pytestmark = pytest.mark.django_db

PDFTOPPM = shutil.which("pdftoppm")


def _pdf(report) -> bytes:
    return build_pdf(report_document(report))


def _text(reader: PdfReader) -> str:
    # Tables and numbered paragraphs break lines in places of their own: compare words.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def report():
    framework = itemised_framework()
    consultation_with_outcome(framework)
    eia(framework)
    return report_on(framework, contact_name="Simon Down", contact_phone="0116 229 8704")


def test_the_pdf_has_the_headings_and_the_figures(report) -> None:
    reader = PdfReader(BytesIO(_pdf(report)))
    text = _text(reader)
    for expected in (
        "Purpose of report",
        "Recommendations",
        "Executive summary",
        "Implications",
        "Equality Impact Assessment",
        "List of appendices",
        "Person to contact",
        "0116 229 8704",
        "Appendix A: Itemised budget",
        "Victims sub-total",
        "312,849",
        "14,633.75",
        "Grand total",
        "327,482.75",
        "Appendix B: Consultation comments and our responses",
        "Keep bids open all year.",
        "Appendix C – Equality Impact Assessment",
    ):
        assert expected in text, expected
    assert "A draft thought." not in text
    assert f"Page 1 of {len(reader.pages)}" in text


def test_table_1_figures_in_the_pdf_come_from_the_data() -> None:
    text = _text(PdfReader(BytesIO(_pdf(report_on(seed_000_framework())))))
    assert "2016/17 funding (£m)" in text
    for figure in ("1.995", "1.185", "0.105", "0.206", "0.450", "3.940"):
        assert figure in text
    assert "Figures may not sum due to rounding." in text


def test_the_pdf_is_tagged_titled_and_in_british_english(report) -> None:
    reader = PdfReader(BytesIO(_pdf(report)))
    catalog: Any = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "Police and Crime Panel: Draft Commissioning Framework 2017/18"


def test_paragraph_numbers_run_on_in_the_pdf(report) -> None:
    html = report_html(report_document(report))
    assert 'start="1"' in html
    text = _text(PdfReader(BytesIO(_pdf(report))))
    # Purpose is paragraph 1, Recommendations 2, Background starts at 3.
    assert "2. The Panel are recommended" in text
    assert "3. The " in text


@pytest.mark.skipif(PDFTOPPM is None, reason="poppler-utils is not installed")
def test_the_first_page_renders_and_is_not_blank(report, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_pdf(report))
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [str(PDFTOPPM), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    [png] = list(tmp_path.glob("page*.png"))
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert _dark_pixels(data) > 2000


def _dark_pixels(png: bytes) -> int:
    """Count pixels darker than mid-grey in an 8-bit RGB (or grey) PNG, without Pillow."""
    width = int.from_bytes(png[16:20], "big")
    colour_type = png[25]
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    raw = b""
    position = 8
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            raw += png[position + 8 : position + 8 + length]
        position += 12 + length
    rows = zlib.decompress(raw)
    stride = width * channels
    dark = 0
    previous = bytearray(stride)
    for start in range(0, len(rows), stride + 1):
        filter_type = rows[start]
        line = bytearray(rows[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        dark += sum(1 for i in range(0, stride, channels) if line[i] < 128)
        previous = line
    return dark
