import re
from decimal import Decimal

import pytest

from commissioning.budgets.charts import (
    BarChart,
    Series,
    axis_ticks,
    bar_length,
    category_summary,
    comparison_summary,
    is_truncated,
    render_bar_chart,
    tick_label,
    wrap_label,
)
from commissioning.core.money import Unit

D = Decimal


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (D("4668358.75"), ["0", "1000000", "2000000", "3000000", "4000000", "5000000"]),
        (D("1321114"), ["0", "500000", "1000000", "1500000"]),
        (D("100"), ["0", "20", "40", "60", "80", "100"]),
        (D("7"), ["0", "2", "4", "6", "8"]),
        (D("0.5"), ["0", "0.1", "0.2", "0.3", "0.4", "0.5"]),
        (D("0"), ["0", "1"]),
    ],
)
def test_axis_ticks_are_round_numbers_covering_the_maximum(maximum, ticks):
    assert axis_ticks(maximum) == [D(t) for t in ticks]
    assert axis_ticks(maximum)[-1] >= maximum


def test_bar_lengths_scale_to_the_axis():
    assert bar_length(D("2500"), D("5000"), 400) == pytest.approx(200)
    assert bar_length(D("0"), D("5000"), 400) == 0
    assert bar_length(D("-1"), D("5000"), 400) == 0
    assert bar_length(D("9999"), D("5000"), 400) == 400  # never beyond the plot
    assert bar_length(D("1"), D("0"), 400) == 0


def test_tick_labels_use_the_unit_without_pence():
    assert tick_label(D("1000000"), Unit.MILLIONS) == "£1.000m"
    assert tick_label(D("500000"), Unit.THOUSANDS) == "£500.0k"
    assert tick_label(D("500000"), Unit.PENCE) == "£500,000"


def test_long_labels_wrap_onto_two_lines_then_are_cut_with_an_ellipsis():
    assert wrap_label("Victims") == ["Victims"]
    assert wrap_label("Cross cutting and partnership funding") == [
        "Cross cutting and",
        "partnership funding",
    ]
    long_name = "Reducing offending and re-offending through integrated offender management"
    lines = wrap_label(long_name)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(len(line) <= 26 for line in lines)
    assert is_truncated(long_name)
    assert not is_truncated("Cross cutting and partnership funding")


def _chart(categories, *series, unit=Unit.POUNDS):
    return BarChart(
        summary="A chart",
        categories=tuple(categories),
        series=tuple(Series(label, tuple(D(v) for v in values)) for label, values in series),
        unit=unit,
    )


def test_one_series_chart_draws_a_bar_and_a_value_per_category():
    svg = render_bar_chart(
        _chart(["Victims", "Prevention"], ("2017/18", ["1321114", "1280775.75"])),
        id_prefix="c",
    )
    assert svg.startswith("<svg")
    assert 'aria-hidden="true"' in svg
    assert ">£1,321,114</text>" in svg
    assert ">£1,280,776</text>" in svg
    bars = re.findall(r'<rect x="220" y="[\d.]+" width="([\d.]+)"', svg)
    assert len(bars) == 2
    assert float(bars[0]) > float(bars[1]) > 0
    assert "<pattern" not in svg  # no legend or pattern needed for one series
    assert "style=" not in svg


def test_two_series_differ_in_pattern_and_every_bar_names_its_series():
    svg = render_bar_chart(
        _chart(
            ["Victims"],
            ("2016/17", ["300000"]),
            ("2017/18", ["1321114"]),
        ),
        id_prefix="yoy",
    )
    assert '<pattern id="yoy-hatch"' in svg
    # The earlier year hatched, the later solid.
    fills = re.findall(r'<rect x="220" y="[\d.]+" width="[\d.]+" height="16" fill="([^"]+)"', svg)
    assert fills == ["url(#yoy-hatch)", "#1d70b8"]
    assert ">2016/17: £300,000</text>" in svg
    assert ">2017/18: £1,321,114</text>" in svg
    # The legend names both series in text.
    assert svg.count(">2016/17</text>") == 1
    assert svg.count(">2017/18</text>") == 1
    assert "style=" not in svg


def test_truncated_names_keep_their_full_text_in_a_title_and_text_is_escaped():
    long_name = "Reducing offending & re-offending through integrated offender management"
    svg = render_bar_chart(_chart([long_name, "<b>"], ("2017/18", ["1", "2"])), id_prefix="x")
    assert (
        "<title>Reducing offending &amp; re-offending through integrated offender management</title>"
        in svg
    )
    assert "&lt;b&gt;" in svg
    assert "<b>" not in svg


def test_summaries_name_the_largest_category_and_the_totals():
    summary = category_summary(
        categories=[("Victims", D("1321114")), ("Prevention", D("1280775.75"))],
        year="2017/18",
        unit=Unit.MILLIONS,
    )
    assert summary == (
        "Bar chart of the budget by category in 2017/18. The largest is Victims (£1.321m). "
        "The figures are in the table that follows."
    )
    assert "no categories" in category_summary(categories=[], year="2017/18", unit=Unit.POUNDS)
    assert "2016/17 (£750,000 in total) and 2017/18 (£800,000 in total)" in comparison_summary(
        before="2016/17",
        after="2017/18",
        before_total=D("750000"),
        after_total=D("800000"),
        unit=Unit.POUNDS,
    )
