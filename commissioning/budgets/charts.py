"""Bar charts drawn on the server as inline SVG: no JavaScript, and no ``style``
attributes (the Content-Security-Policy forbids inline styles), only SVG presentation
attributes.

A chart never stands alone: the page shows its data as a table straight after it, and the
chart itself carries a one-sentence summary for screen readers. When two series are
drawn, they differ in pattern as well as colour, and every bar is labelled with its
series, so that nothing relies on colour alone.

The functions are small and pure (no database, no request) so that they can be tested
one by one: :func:`axis_ticks` chooses the scale, :func:`wrap_label` fits category names
into the label column, :func:`render_bar_chart` draws the SVG.
"""

import math
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from commissioning.core.money import Unit, format_money

# GOV.UK colours: text, blue and mid-grey (for gridlines). Bars are at least 3:1 against
# white, as WCAG asks of graphical objects.
TEXT = "#0b0c0c"
BLUE = "#1d70b8"
GRID = "#b1b4b6"
FONT = "arial, sans-serif"

WIDTH = 760
LABEL_WIDTH = 210
VALUE_WIDTH = 180  # room after the longest bar for its value label
TOP = 10
AXIS_HEIGHT = 34
LEGEND_HEIGHT = 34
LABEL_CHARS = 26
LABEL_LINES = 2
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Series:
    """One set of bars: a label (a year, a version) and one amount per category."""

    label: str
    values: tuple[Decimal, ...]


@dataclass(frozen=True)
class BarChart:
    summary: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: Unit


def axis_ticks(maximum: Decimal, *, target: int = 5) -> list[Decimal]:
    """Tick values from 0 to the first "nice" value (1, 2 or 5 times a power of ten) at or
    above ``maximum``, about ``target`` of them. Amounts are in pounds."""
    if maximum <= 0:
        return [Decimal(0), Decimal(1)]
    raw = maximum / target
    magnitude = Decimal(10) ** raw.adjusted()
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    count = math.ceil(maximum / step)
    return [step * i for i in range(count + 1)]


def wrap_label(text: str, *, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters; the last line
    ends with an ellipsis when some of it had to be left out."""
    wrapped = textwrap.wrap(text, width=width) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    if len(last) > width - 1:
        last = last[: width - 1].rstrip()
    kept[-1] = last + "…"
    return kept


def is_truncated(text: str, *, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> bool:
    return len(textwrap.wrap(text, width=width)) > lines


def bar_length(value: Decimal, axis_maximum: Decimal, plot_width: float) -> float:
    """Length of a bar in user units; never negative, never longer than the plot."""
    if axis_maximum <= 0 or value <= 0:
        return 0.0
    return float(min(value, axis_maximum) / axis_maximum) * plot_width


def tick_label(amount: Decimal, unit: Unit | str) -> str:
    """Axis labels do not need pence."""
    return format_money(amount, Unit.POUNDS if Unit(unit) == Unit.PENCE else unit)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(v)}"' for name, v in attributes.items())
    return (
        f'<text x="{_number(x)}" y="{_number(y)}" fill="{TEXT}" font-family="{FONT}" '
        f'font-size="14"{extra}>{escape(content)}</text>'
    )


def _fill(index: int, count: int, prefix: str) -> dict[str, str]:
    """The last series (the latest year) solid blue; earlier ones hatched black on
    white, outlined."""
    if index == count - 1:
        return {"fill": BLUE}
    return {"fill": f"url(#{prefix}-hatch)", "stroke": TEXT, "stroke-width": "1"}


def _defs(prefix: str) -> str:
    return (
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="2.5" height="6" fill="{TEXT}"/></pattern></defs>'
    )


def _rect(x: float, y: float, width: float, height: float, attributes: dict[str, str]) -> str:
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return (
        f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(width)}" '
        f'height="{_number(height)}"{extra}/>'
    )


def render_bar_chart(chart: BarChart, *, id_prefix: str) -> SafeString:
    """A horizontal bar chart, one group of bars per category (one bar per series).

    ``id_prefix`` keeps pattern ids unique when a page shows several charts."""
    several = len(chart.series) > 1
    bar_height = 20 if several else 24
    group_height = bar_height * len(chart.series) + 14
    group_height = max(group_height, LABEL_LINES * LINE_HEIGHT + 8)
    legend = LEGEND_HEIGHT if several else 0
    plot_top = TOP + legend
    plot_left = LABEL_WIDTH + 10
    plot_width = WIDTH - plot_left - VALUE_WIDTH
    plot_height = group_height * len(chart.categories)
    height = plot_top + plot_height + AXIS_HEIGHT

    values = [value for series in chart.series for value in series.values]
    ticks = axis_ticks(max(values, default=Decimal(0)))
    axis_maximum = ticks[-1]
    parts: list[str] = [_defs(id_prefix)] if several else []

    if several:
        x = float(plot_left)
        for index, series in enumerate(chart.series):
            parts.append(_rect(x, TOP + 4, 18, 18, _fill(index, len(chart.series), id_prefix)))
            parts.append(_text(x + 24, TOP + 18, series.label))
            x += 24 + 9 * len(series.label) + 30

    for tick in ticks:
        x = plot_left + bar_length(tick, axis_maximum, plot_width)
        parts.append(
            f'<line x1="{_number(x)}" y1="{plot_top}" x2="{_number(x)}" '
            f'y2="{plot_top + plot_height}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            _text(
                x,
                plot_top + plot_height + 20,
                tick_label(tick, chart.unit),
                text_anchor="middle",
                font_size="12",
            )
        )

    for row, name in enumerate(chart.categories):
        group_top = plot_top + row * group_height
        label_lines = wrap_label(name)
        first_baseline = group_top + group_height / 2 - (len(label_lines) - 1) * LINE_HEIGHT / 2 + 5
        tspans = "".join(
            f'<tspan x="{LABEL_WIDTH}" y="{_number(first_baseline + i * LINE_HEIGHT)}">'
            f"{escape(line)}</tspan>"
            for i, line in enumerate(label_lines)
        )
        title = f"<title>{escape(name)}</title>" if is_truncated(name) else ""
        parts.append(
            f'<text fill="{TEXT}" font-family="{FONT}" font-size="14" text-anchor="end">'
            f"{title}{tspans}</text>"
        )
        for index, series in enumerate(chart.series):
            value = series.values[row]
            y = group_top + 7 + index * bar_height
            length = bar_length(value, axis_maximum, plot_width)
            parts.append(
                _rect(
                    plot_left, y, length, bar_height - 4, _fill(index, len(chart.series), id_prefix)
                )
            )
            amount = format_money(value, chart.unit)
            label = f"{series.label}: {amount}" if several else amount
            parts.append(_text(plot_left + length + 6, y + bar_height - 9, label, font_size="13"))

    parts.append(
        f'<line x1="{plot_left}" y1="{plot_top}" x2="{plot_left}" '
        f'y2="{plot_top + plot_height}" stroke="{TEXT}" stroke-width="1"/>'
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_number(height)}" '
        f'width="100%" class="app-chart" aria-hidden="true" focusable="false">'
        f"{''.join(parts)}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every piece of text above is escaped


def category_summary(*, categories: list[tuple[str, Decimal]], year: str, unit: Unit | str) -> str:
    """The sentence a screen reader hears for the chart of amounts by category."""
    if not categories:
        return _("Bar chart of the budget by category in %(year)s: there are no categories.") % {
            "year": year
        }
    name, amount = max(categories, key=lambda pair: pair[1])
    return _(
        "Bar chart of the budget by category in %(year)s. The largest is %(name)s "
        "(%(amount)s). The figures are in the table that follows."
    ) % {"year": year, "name": name, "amount": format_money(amount, unit)}


def comparison_summary(
    *, before: str, after: str, before_total: Decimal, after_total: Decimal, unit: Unit | str
) -> str:
    """The sentence a screen reader hears for the year-on-year chart."""
    return _(
        "Bar chart comparing the budget by category in %(before)s (%(before_total)s in total) "
        "and %(after)s (%(after_total)s in total). The figures are in the table that follows."
    ) % {
        "before": before,
        "after": after,
        "before_total": format_money(before_total, unit),
        "after_total": format_money(after_total, unit),
    }
