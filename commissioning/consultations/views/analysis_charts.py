"""A bar chart of how many respondents chose each option of a question.

budgets.charts draws money; this draws counts, the same way: inline SVG with presentation
attributes only (the Content-Security-Policy forbids inline styles), hidden from screen
readers, which hear a one-sentence summary instead; the page shows the figures as a table
straight after it. Bars are drawn as percentages of those who answered (so every chart
shares a 0–100% axis) and each is labelled with its count and percentage.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from commissioning.budgets.charts import (
    BLUE,
    FONT,
    GRID,
    LABEL_LINES,
    LINE_HEIGHT,
    TEXT,
    bar_length,
    is_truncated,
    wrap_label,
)

from ..analysis import QuestionCounts

WIDTH = 760
LABEL_WIDTH = 210
VALUE_WIDTH = 120
TOP = 10
AXIS_HEIGHT = 34
BAR_HEIGHT = 24
TICKS = (0, 20, 40, 60, 80, 100)


@dataclass(frozen=True)
class CountChart:
    svg: SafeString
    summary: str


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, content: str, *, size: int = 14, anchor: str = "start") -> str:
    return (
        f'<text x="{_number(x)}" y="{_number(y)}" fill="{TEXT}" font-family="{FONT}" '
        f'font-size="{size}" text-anchor="{anchor}">{escape(content)}</text>'
    )


def summary(counts: QuestionCounts) -> str:
    """What a screen reader hears instead of the picture."""
    title = str(counts.question)
    if not counts.answered or not counts.options:
        return _("Bar chart for %(question)s: nobody has answered it.") % {"question": title}
    top = max(counts.options, key=lambda option: option.count)
    return _(
        "Bar chart for %(question)s, answered by %(answered)s. The most chosen was "
        "%(label)s (%(count)s, %(percentage)s%%). The figures are in the table that follows."
    ) % {
        "question": title,
        "answered": counts.answered,
        "label": top.label,
        "count": top.count,
        "percentage": top.percentage,
    }


def render(counts: QuestionCounts) -> CountChart:
    """One horizontal bar per option (and "Other"), its length the percentage."""
    row_height = max(BAR_HEIGHT + 14, LABEL_LINES * LINE_HEIGHT + 8)
    plot_left = LABEL_WIDTH + 10
    plot_width = WIDTH - plot_left - VALUE_WIDTH
    plot_height = row_height * max(len(counts.options), 1)
    height = TOP + plot_height + AXIS_HEIGHT
    parts: list[str] = []
    for tick in TICKS:
        x = plot_left + bar_length(Decimal(tick), Decimal(100), plot_width)
        parts.append(
            f'<line x1="{_number(x)}" y1="{TOP}" x2="{_number(x)}" y2="{TOP + plot_height}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(x, TOP + plot_height + 20, f"{tick}%", size=12, anchor="middle"))
    for row, option in enumerate(counts.options):
        top = TOP + row * row_height
        lines = wrap_label(option.label)
        first = top + row_height / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 5
        tspans = "".join(
            f'<tspan x="{LABEL_WIDTH}" y="{_number(first + i * LINE_HEIGHT)}">'
            f"{escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        title = f"<title>{escape(option.label)}</title>" if is_truncated(option.label) else ""
        parts.append(
            f'<text fill="{TEXT}" font-family="{FONT}" font-size="14" text-anchor="end">'
            f"{title}{tspans}</text>"
        )
        length = bar_length(Decimal(option.percentage), Decimal(100), plot_width)
        y = top + 7
        parts.append(
            f'<rect x="{plot_left}" y="{_number(y)}" width="{_number(length)}" '
            f'height="{BAR_HEIGHT - 4}" fill="{BLUE}"/>'
        )
        label = f"{option.count} ({option.percentage}%)"
        parts.append(_text(plot_left + length + 6, y + BAR_HEIGHT - 9, label, size=13))
    parts.append(
        f'<line x1="{plot_left}" y1="{TOP}" x2="{plot_left}" y2="{TOP + plot_height}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_number(height)}" '
        f'width="100%" class="app-chart" aria-hidden="true" focusable="false">'
        f"{''.join(parts)}</svg>"
    )
    return CountChart(mark_safe(svg), summary(counts))  # noqa: S308 - all text is escaped
