"""The report as a Word document (python-docx), from :func:`selectors.report_document`.

Headings use Word's heading styles (so the navigation pane and accessibility checker
see the structure); tables are real tables whose header row repeats on each page and
whose rows never split across a page; money is right-aligned; the document's language
is en-GB.
"""

from io import BytesIO

import docx
from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Row

from .sections import Paragraph
from .selectors import Appendix, AppendixA, MoneyRow, ReportDocument, Section

FONT = "Arial"
LANGUAGE = "en-GB"


def _set_language(document: Document) -> None:
    document.core_properties.language = LANGUAGE
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _style(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for level in (1, 2, 3):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.color.rgb = None
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _footer(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(_("Page") + " ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" " + _("of") + " ")
    _field(paragraph, "NUMPAGES")


def _row_properties(row: _Row, *, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        properties.append(repeat)


def _table(
    document: Document,
    headings: list[str],
    rows: list[list[str]],
    *,
    numeric: set[int],
    emphasis: list[bool] | None = None,
    widths: list[float] | None = None,
) -> Table:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    emphasis = emphasis or [False] * len(rows)
    _row_properties(table.rows[0], header=True)
    for index, heading in enumerate(headings):
        cell = table.rows[0].cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        if index in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values, bold in zip(rows, emphasis, strict=True):
        row = table.add_row()
        _row_properties(row, header=False)
        for index, value in enumerate(values):
            cell = row.cells[index]
            run = cell.paragraphs[0].add_run(value)
            run.bold = bold
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths:
        for row in table.rows:
            for index, width in enumerate(widths):
                row.cells[index].width = Cm(width)
    return table


def _money_rows(rows: list[MoneyRow]) -> tuple[list[list[str]], list[bool]]:
    return [[*row.cells, row.amount] for row in rows], [row.emphasis for row in rows]


def _numbered(document: Document, paragraph: Paragraph) -> None:
    block = document.add_paragraph()
    block.paragraph_format.left_indent = Cm(1)
    block.paragraph_format.first_line_indent = Cm(-1)
    block.paragraph_format.space_after = Pt(8)
    block.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    prefix = f"{paragraph.number}.\t" if paragraph.number is not None else ""
    block.add_run(prefix + paragraph.text)
    for item in paragraph.items:
        bullet = document.add_paragraph(item, style="List Bullet")
        bullet.paragraph_format.left_indent = Cm(1.6)


def _section(document: Document, section: Section, level: int = 1) -> None:
    document.add_heading(section.heading, level=level)
    for paragraph in section.paragraphs:
        _numbered(document, paragraph)


def _label_value(document: Document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
        cells[0].width = Cm(4.5)
        cells[1].width = Cm(12)


def _appendix_heading(document: Document, appendix: Appendix, *, new_page: bool = True) -> None:
    if new_page:
        document.add_page_break()
    document.add_heading(f"{appendix.label}: {appendix.title}", level=1)


def build_docx(doc: ReportDocument) -> bytes:
    document = docx.Document()
    _style(document)
    _set_language(document)
    properties = document.core_properties
    properties.title = doc.title
    properties.subject = doc.report.subject
    properties.author = doc.report.author_name or doc.report.report_of
    properties.comments = _("Generated from the commissioning framework's data.")
    _footer(document)

    document.add_paragraph(doc.report.panel_name, style="Title")
    _label_value(document, doc.title_block)

    for section in doc.sections:
        _section(document, section)
        if section.key == doc.table_1_after and doc.table_1 is not None:
            table_1 = doc.table_1
            caption = document.add_paragraph(style="Caption")
            caption.add_run(table_1.caption).bold = True
            rows, emphasis = _money_rows(table_1.rows)
            _table(document, table_1.headings, rows, numeric={1}, emphasis=emphasis)
            if table_1.rounding_note:
                document.add_paragraph(_("Figures may not sum due to rounding."))

    if not doc.implications_in_appendix:
        document.add_heading(_("Implications"), level=1)
        _label_value(
            document,
            [(s.heading, " ".join(p.text for p in s.paragraphs)) for s in doc.implications],
        )

    if doc.appendices:
        document.add_heading(_("List of appendices"), level=1)
        for appendix in doc.appendices:
            document.add_paragraph(f"{appendix.label} – {appendix.title}")

    if doc.contact:
        document.add_heading(_("Person to contact"), level=1)
        _label_value(document, doc.contact)

    # Documents attached to the framework are listed, not reproduced.
    printed = [a for a in doc.appendices if a.kind != "document"]
    starts_page = False
    for index, appendix in enumerate(printed):
        if appendix.kind == "risks":
            _appendix_heading(document, appendix)
            for implication in doc.implications:
                _section(document, implication, level=2)
        elif appendix.kind == "budget" and doc.appendix_a is not None:
            _appendix_budget(document, doc.appendix_a, appendix, more=index + 1 < len(printed))
            starts_page = True
            continue
        elif appendix.kind == "consultation":
            _appendix_heading(document, appendix, new_page=not starts_page)
            for group in doc.appendix_b:
                document.add_heading(group.heading, level=2)
                _table(
                    document,
                    [_("No."), _("Comment"), _("Our response")],
                    [[str(n), comment, response] for n, comment, response in group.rows],
                    numeric=set(),
                    widths=[1.2, 8, 7.5],
                )
        starts_page = False
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _appendix_budget(
    document: Document, appendix_a: AppendixA, appendix: Appendix, *, more: bool
) -> None:
    # The itemised budget has five columns: landscape, in a section of its own.
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(f"{appendix.label}: {appendix.title}", level=1)
    rows, emphasis = _money_rows(appendix_a.rows)
    _table(
        document,
        appendix_a.headings,
        rows,
        numeric={4},
        emphasis=emphasis,
        widths=[6, 5, 7, 3.5, 3.5],
    )
    for marker, text in appendix_a.footnotes:
        document.add_paragraph(f"{marker} {text}")
    if not more:
        return
    back = document.add_section()
    back.orientation = WD_ORIENT.PORTRAIT
    back.page_width, back.page_height = back.page_height, back.page_width
