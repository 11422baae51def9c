"""Server-side SVG charts: ``{% load charts %}``.

- ``{% bar_chart data title=... unit=... %}``: horizontal bars, growing from the
  right in right-to-left languages.
- ``{% thermometer value goal label=... %}``: progress towards a goal (petition
  signatures), capped at 100 % visually, the true count printed.
- ``{% region_choropleth values title=... unit=... %}``: Morocco's 12 regions
  coloured in 5 classes, ``values`` mapping HCP region codes "01".."12" to numbers.

No JavaScript and no ``style`` attributes (the CSP forbids inline styles):
colours are SVG presentation attributes that CSS classes may override. Each
chart is an ``<svg role="img">`` labelled by its ``<title>``/``<desc>``, followed
by a visually hidden table of the same numbers.
"""

import math
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from ogp_portal.core import geo

register = template.Library()

# Colours: presentation attributes (CSS may override through the class names).
BAR_FILL = "#1f6f50"
BAR_TRACK = "#e8ece9"
TEXT_FILL = "#1b1b1b"  # 16:1 on white
MUTED_TEXT_FILL = "#4a4a4a"  # 8.9:1 on white
THERMOMETER_FILL = "#b3261e"
THERMOMETER_TRACK = "#f1e4e3"
THERMOMETER_DONE = "#1f6f50"
# Sequential, colour-blind safe (ColorBrewer "Greens", 5 classes), lightest first.
CHOROPLETH_PALETTE = ("#e5f5e0", "#a1d99b", "#74c476", "#31a354", "#006d2c")
CHOROPLETH_NO_DATA = "#d9d9d9"
CHOROPLETH_STROKE = "#4d4d4d"
CLASS_COUNT = len(CHOROPLETH_PALETTE)


# --- helpers ---------------------------------------------------------------


def _chart_id(prefix: str, given: str | None) -> str:
    return given or f"{prefix}-{uuid.uuid4().hex[:8]}"


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return float(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_whole(value) -> bool:
    if isinstance(value, int):
        return True
    if isinstance(value, (float, Decimal)):
        return value == int(value)
    return False


def _auto_decimals(values: Iterable, decimals: int | None) -> int:
    if decimals is not None:
        return int(decimals)
    return 0 if all(_is_whole(v) for v in values if v is not None) else 1


def format_number(value, decimals: int = 0) -> str:
    """A number in the active language's format, grouped (Arabic: 1.234,5; French: 1 234,5)."""
    if value is None:
        return "—"
    # Django's Arabic formats set no NUMBER_GROUPING; group by thousands everywhere.
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=get_format("NUMBER_GROUPING") or 3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
        use_l10n=True,
    )


def _with_unit(text: str, unit) -> str:
    return f"{text} {unit}" if unit else text


def _rows(data) -> list[tuple[str, object]]:
    """(label, value) pairs from pairs, dicts with label/value, or a mapping."""
    if not data:
        return []
    if isinstance(data, Mapping):
        return [(str(k), v) for k, v in data.items()]
    rows = []
    for item in data:
        if isinstance(item, Mapping):
            label = item.get("label", item.get("name", ""))
            value = item.get("value", item.get("count"))
        else:
            label, value = item
        rows.append((str(label), value))
    return rows


# --- bar chart -------------------------------------------------------------

BAR_WIDTH = 600  # SVG user units
BAR_PADDING = 8
BAR_VALUE_SPACE = 120  # room kept after the longest bar for its value label
BAR_ROW = 46
BAR_HEIGHT = 18
BAR_LABEL_BASELINE = 15
BAR_TOP = 22


@register.inclusion_tag("core/charts/bar_chart.html")
def bar_chart(data, title="", unit="", label_header="", decimals=None, chart_id=None):
    rtl = get_language_bidi()
    rows = _rows(data)
    numbers = [_number(v) for _, v in rows]
    places = _auto_decimals(numbers, decimals)
    maximum = max((n for n in numbers if n is not None and n > 0), default=0)
    track = BAR_WIDTH - 2 * BAR_PADDING - BAR_VALUE_SPACE
    start = BAR_WIDTH - BAR_PADDING if rtl else BAR_PADDING
    bars = []
    for index, ((label, _value), number) in enumerate(zip(rows, numbers, strict=True)):
        width = round(track * max(number or 0, 0) / maximum, 2) if maximum else 0
        top = BAR_PADDING + index * BAR_ROW
        x = start - width if rtl else start
        value_x = x - 6 if rtl else x + width + 6
        bars.append(
            {
                "label": label,
                "value": number,
                "text": _with_unit(format_number(number, places), unit),
                "number_text": format_number(number, places),
                "x": x,
                "width": width,
                "bar_y": top + BAR_TOP,
                "label_y": top + BAR_LABEL_BASELINE,
                "value_x": value_x,
                "value_y": top + BAR_TOP + BAR_HEIGHT - 4,
            }
        )
    chart_id = _chart_id("bar-chart", chart_id)
    summary = "; ".join(f"{b['label']}: {b['text']}" for b in bars)
    return {
        "chart_id": chart_id,
        "title": title,
        "unit": unit,
        "label_header": label_header or _("Item"),
        "value_header": unit or _("Value"),
        "bars": bars,
        "summary": summary,
        "empty": not bars,
        "all_zero": bool(bars) and maximum == 0,
        "rtl": rtl,
        "width": BAR_WIDTH,
        "height": BAR_PADDING * 2 + len(bars) * BAR_ROW - (BAR_ROW - BAR_TOP - BAR_HEIGHT),
        "start": start,
        "bar_height": BAR_HEIGHT,
        "fill": BAR_FILL,
        "text_fill": TEXT_FILL,
        "muted_fill": MUTED_TEXT_FILL,
        "track_fill": BAR_TRACK,
    }


# --- thermometer -----------------------------------------------------------

THERMO_WIDTH = 600
THERMO_HEIGHT = 44
THERMO_BULB_R = 18
THERMO_TUBE_HEIGHT = 16


@register.inclusion_tag("core/charts/thermometer.html")
def thermometer(value, goal, label="", chart_id=None):
    rtl = get_language_bidi()
    count = _number(value) or 0
    target = _number(goal) or 0
    fraction = min(max(count / target, 0), 1) if target > 0 else (1 if count > 0 else 0)
    percent = math.floor(count * 100 / target) if target > 0 else None
    pad = 2
    tube_len = THERMO_WIDTH - 2 * pad - THERMO_BULB_R
    fill_len = round(tube_len * fraction, 2)
    cy = THERMO_HEIGHT / 2
    if rtl:
        bulb_cx = THERMO_WIDTH - pad - THERMO_BULB_R
        tube_x = pad
        fill_x = bulb_cx - fill_len
    else:
        bulb_cx = pad + THERMO_BULB_R
        tube_x = bulb_cx
        fill_x = bulb_cx
    count_text = format_number(count, _auto_decimals([count], None))
    goal_text = format_number(target, _auto_decimals([target], None))
    if percent is None:
        sentence = count_text
    else:
        sentence = _("%(count)s of %(goal)s (%(percent)s%%)") % {
            "count": count_text,
            "goal": goal_text,
            "percent": format_number(percent),
        }
    reached = target > 0 and count >= target
    return {
        "chart_id": _chart_id("thermometer", chart_id),
        "label": label,
        "sentence": sentence,
        "count_text": count_text,
        "goal_text": goal_text,
        "percent": percent,
        "percent_text": format_number(percent) if percent is not None else "",
        "reached": reached,
        "rtl": rtl,
        "width": THERMO_WIDTH,
        "height": THERMO_HEIGHT,
        "bulb_cx": bulb_cx,
        "bulb_r": THERMO_BULB_R,
        "cy": cy,
        "tube_x": tube_x,
        "tube_y": cy - THERMO_TUBE_HEIGHT / 2,
        "tube_len": tube_len,
        "tube_height": THERMO_TUBE_HEIGHT,
        "tube_radius": THERMO_TUBE_HEIGHT / 2,
        "fill_x": fill_x,
        "fill_len": fill_len,
        "fraction": fraction,
        "fill": THERMOMETER_DONE if reached else THERMOMETER_FILL,
        "track_fill": THERMOMETER_TRACK,
        "text_fill": TEXT_FILL,
    }


# --- choropleth ------------------------------------------------------------


def _region_values(values) -> dict[str, float | None]:
    if not values:
        return {}
    if isinstance(values, Mapping):
        items = values.items()
    else:  # (code, value) pairs, or dicts such as a queryset's .values("code", "value")
        items = [
            (
                (item.get("code", item.get("region")), item.get("value", item.get("count")))
                if isinstance(item, Mapping)
                else item
            )
            for item in values
        ]
    return {str(code).zfill(2): _number(v) for code, v in items}


def classify(numbers: dict[str, float | None], scale: str = "equal") -> tuple[dict, list]:
    """Region code -> class 0..4 (None without data), and the legend's class ranges.

    ``equal``: five equal intervals between the minimum and the maximum.
    ``quantile``: by rank, about the same number of regions in each class.
    The lowest value always falls in class 0 and the highest in class 4.
    """
    present = {c: v for c, v in numbers.items() if v is not None}
    classes = dict.fromkeys(numbers)
    if not present:
        return classes, []
    low, high = min(present.values()), max(present.values())
    if high == low:
        only = CLASS_COUNT - 1 if high > 0 else 0
        classes.update(dict.fromkeys(present, only))
        return classes, [(only, low, high)]
    if scale == "quantile":
        ordered = sorted(present.values())
        for code, v in present.items():
            below = sum(1 for o in ordered if o < v)
            classes[code] = min(CLASS_COUNT - 1, below * CLASS_COUNT // len(ordered))
        if classes[max(present, key=present.get)] != CLASS_COUNT - 1:
            for code, v in present.items():
                if v == high:
                    classes[code] = CLASS_COUNT - 1
        ranges = []
        for k in range(CLASS_COUNT):
            members = [v for c, v in present.items() if classes[c] == k]
            if members:
                ranges.append((k, min(members), max(members)))
        return classes, ranges
    step = (high - low) / CLASS_COUNT

    def class_of(v):
        return min(CLASS_COUNT - 1, int((v - low) / step))

    for code, v in present.items():
        classes[code] = class_of(v)
    if not all(_is_whole(v) for v in present.values()):
        ranges = [
            (k, low + k * step, high if k == CLASS_COUNT - 1 else low + (k + 1) * step)
            for k in range(CLASS_COUNT)
        ]
        return classes, ranges
    # Whole numbers (counts): each class as the whole numbers it holds, e.g. 0 – 19, 20 – 39.
    low, high = int(low), int(high)
    firsts = []
    for k in range(CLASS_COUNT):
        first = max(low, math.ceil(low + k * step))
        if first - 1 >= low and class_of(first - 1) >= k:
            first -= 1
        while first <= high and class_of(first) < k:
            first += 1
        firsts.append(first)
    ranges = []
    for k, first in enumerate(firsts):
        last = high if k == CLASS_COUNT - 1 else firsts[k + 1] - 1
        if first <= last:
            ranges.append((k, first, last))
    return classes, ranges


@register.inclusion_tag("core/charts/region_choropleth.html")
def region_choropleth(values, title="", unit="", scale="equal", decimals=None, chart_id=None):
    language = get_language()
    numbers = _region_values(values)
    codes = geo.region_codes()
    numbers = {code: numbers.get(code) for code in codes}
    classes, ranges = classify(numbers, scale)
    places = _auto_decimals(numbers.values(), decimals)
    legend_places = places
    region_map = geo.region_map()
    regions = []
    for code in codes:
        number = numbers[code]
        klass = classes[code]
        name = geo.region_name(code, language)
        value_text = (
            _with_unit(format_number(number, places), unit) if number is not None else _("No data")
        )
        regions.append(
            {
                "code": code,
                "name": name,
                "value": number,
                "value_text": value_text,
                "number_text": format_number(number, places)
                if number is not None
                else _("No data"),
                "class_name": f"choropleth-class-{klass}"
                if klass is not None
                else "choropleth-no-data",
                "fill": CHOROPLETH_PALETTE[klass] if klass is not None else CHOROPLETH_NO_DATA,
                "d": region_map.paths[code],
            }
        )
    legend = [
        {
            "class_name": f"choropleth-class-{k}",
            "fill": CHOROPLETH_PALETTE[k],
            "text": format_number(lo, legend_places)
            if lo == hi
            else f"{format_number(lo, legend_places)} – {format_number(hi, legend_places)}",
        }
        for k, lo, hi in ranges
    ]
    if any(n is None for n in numbers.values()):
        legend.append(
            {"class_name": "choropleth-no-data", "fill": CHOROPLETH_NO_DATA, "text": _("No data")}
        )
    has_data = any(n is not None for n in numbers.values())
    return {
        "chart_id": _chart_id("choropleth", chart_id),
        "title": title,
        "unit": unit,
        "regions": regions,
        "legend": legend,
        "has_data": has_data,
        "view_box": region_map.view_box,
        "width": region_map.width,
        "height": region_map.height,
        "stroke": CHOROPLETH_STROKE,
        "text_fill": TEXT_FILL,
        "value_header": unit or _("Value"),
        "summary": "; ".join(f"{r['name']}: {r['value_text']}" for r in regions),
    }
