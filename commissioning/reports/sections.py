"""The sections of a Panel report, in order, and how their text becomes paragraphs.

The body sections (Purpose of report … Key points of the consultation) have numbered
paragraphs, numbered continuously through the report as in the seeds; the implications
are short unnumbered statements under their headings. Which implications a report has
depends on its template: the standard five (seeds 000 and 002) or Durham's "Risks and
Implications" appendix (seed 004).

An officer writes a section as plain text, one paragraph per block separated by a blank
line. Inside a paragraph, lines starting with "- " become a bulleted list. Paragraph
numbers are never typed: a number at the start of a paragraph ("3. ") is removed, since
the report numbers paragraphs itself.
"""

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ImplicationsTemplate


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: Promise
    numbered: bool


BODY_SECTIONS = (
    SectionSpec("purpose", _("Purpose of report"), True),
    SectionSpec("recommendations", _("Recommendations"), True),
    SectionSpec("background", _("Background"), True),
    SectionSpec("executive_summary", _("Executive summary"), True),
    SectionSpec("process", _("Process"), True),
    SectionSpec("consultation", _("Key points of the consultation"), True),
)

IMPLICATIONS = {
    ImplicationsTemplate.STANDARD: (
        SectionSpec("financial", _("Financial"), False),
        SectionSpec("legal", _("Legal"), False),
        SectionSpec("equality", _("Equality Impact Assessment"), False),
        SectionSpec("risks", _("Risks and impact"), False),
        SectionSpec("plan_link", _("Link to Police and Crime Plan"), False),
    ),
    ImplicationsTemplate.DURHAM: (
        SectionSpec("finance", _("Finance"), False),
        SectionSpec("staffing", _("Staffing"), False),
        SectionSpec("equality_diversity", _("Equality and Diversity"), False),
        SectionSpec("accommodation", _("Accommodation"), False),
        SectionSpec("crime_disorder", _("Crime and Disorder"), False),
        SectionSpec("childrens_act", _("Children's Act 2004"), False),
        SectionSpec("engagement", _("Stakeholder/Community Engagement"), False),
        SectionSpec("environment", _("Environment"), False),
        SectionSpec("collaboration", _("Collaboration and Partnerships"), False),
        SectionSpec("value_for_money", _("Value for Money and Productivity"), False),
        SectionSpec(
            "plan_priorities", _("Potential Impact on Police and Crime Plan Priorities"), False
        ),
        SectionSpec("commissioning", _("Commissioning"), False),
        SectionSpec("other_risks", _("Other risks"), False),
    ),
}

# The section after whose paragraphs Table 1 (funding by theme) appears.
TABLE_1_SECTION = "executive_summary"


def sections_for(template: str) -> tuple[SectionSpec, ...]:
    """Every section a report with this template has, in the order it is printed."""
    return BODY_SECTIONS + IMPLICATIONS[ImplicationsTemplate(template)]


def spec_for(template: str, key: str) -> SectionSpec | None:
    return next((spec for spec in sections_for(template) if spec.key == key), None)


@dataclass
class Paragraph:
    text: str
    items: list[str] = field(default_factory=list)
    number: int | None = None


_TYPED_NUMBER = re.compile(r"^\s*\d{1,3}\.\s+")
_BULLET = re.compile(r"^\s*[-*•]\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")


def normalise(body: str) -> str:
    """The text as stored: paragraphs separated by exactly one blank line, no typed
    paragraph numbers, no trailing spaces."""
    blocks = []
    for block in _BLANK_LINES.split(body.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        lines[0] = _TYPED_NUMBER.sub("", lines[0])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of a section's stored text (not yet numbered)."""
    result = []
    for block in normalise(body).split("\n\n"):
        if not block:
            continue
        text_lines: list[str] = []
        items: list[str] = []
        for line in block.split("\n"):
            if _BULLET.match(line):
                items.append(_BULLET.sub("", line).strip())
            elif items:
                # A wrapped bullet continues the last item.
                items[-1] = f"{items[-1]} {line.strip()}"
            else:
                text_lines.append(line.strip())
        result.append(Paragraph(text=" ".join(text_lines), items=items))
    return result
