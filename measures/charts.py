"""Line charts drawn on the server as SVG coordinates: a measure's values, its target, the expected line and
its comparison values. The page shows a table of the same figures beside each chart."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 40
SPARK_WIDTH, SPARK_HEIGHT = 120, 28


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    values: str = ""
    points: list = field(default_factory=list)
    expected: str = ""
    target: dict = field(default_factory=dict)
    comparisons: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT


def _scale(low, high, out_low, out_high):
    span = (high - low) or 1

    def scale(value):
        return round(out_low + (float(value) - low) * (out_high - out_low) / span, 1)

    return scale


def _nice_range(amounts, unit_is_percentage):
    low, high = min(amounts), max(amounts)
    if unit_is_percentage:
        low, high = max(0.0, low - 10), min(100.0, high + 10)
    else:
        pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
        low, high = max(0.0, low - pad) if low >= 0 else low - pad, high + pad
    return low, high


def line_chart(measure, values):
    """A measure's chart. `values` are its MeasureValues in period order."""
    comparisons = list(measure.comparisons.all())
    start = min([measure.baseline_date, *(v.period_end for v in values)])
    end = max([measure.target_date, *(v.period_end for v in values)])
    amounts = [float(measure.baseline_value), float(measure.target_value)]
    amounts += [float(v.value) for v in values] + [float(c.value) for c in comparisons]
    low, high = _nice_range(amounts, measure.unit == "percentage")
    x = _scale(start.toordinal(), end.toordinal() or 1, LEFT, WIDTH - RIGHT)
    y = _scale(low, high, HEIGHT - BOTTOM, TOP)

    chart = Chart()
    chart.points = [
        {
            "x": x(v.period_end.toordinal()),
            "y": y(v.value),
            "label": f"{v.period_end:%b %Y}: {measure.format(v.value)}",
        }
        for v in values
    ]
    chart.values = " ".join(f"{p['x']},{p['y']}" for p in chart.points)
    chart.expected = (
        f"{x(measure.baseline_date.toordinal())},{y(measure.baseline_value)} "
        f"{x(measure.target_date.toordinal())},{y(measure.target_value)}"
    )
    chart.target = {"x": x(measure.target_date.toordinal()), "y": y(measure.target_value)}
    chart.comparisons = [{"y": y(c.value), "label": f"{c.label}: {measure.format(c.value)}"} for c in comparisons]
    chart.y_ticks = [
        {"y": y(low + (high - low) * i / 4), "label": measure.format(Decimal(str(round(low + (high - low) * i / 4))))}
        for i in range(5)
    ]
    years = range(start.year + (start.month > 1), end.year + 1)
    chart.x_ticks = [{"x": x(datetime.date(year, 1, 1).toordinal()), "label": str(year)} for year in years]
    return chart


def sparkline(values):
    """The points of a small trend line over `values` (the latest few amounts, in period order), or "" for
    fewer than two."""
    if len(values) < 2:
        return ""
    amounts = [float(value) for value in values]
    x = _scale(0, len(values) - 1, 2, SPARK_WIDTH - 2)
    y = _scale(min(amounts), max(amounts), SPARK_HEIGHT - 2, 2)
    return " ".join(f"{x(i)},{y(amount)}" for i, amount in enumerate(amounts))
