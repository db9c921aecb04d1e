"""Stage 11: the ledger as one self-contained HTML report, and the pieces the web UI reuses.

`render_report` returns a single HTML string: CSS and a small filter script
are inlined, every series chart is an SVG drawn here in Python (so it shows
with JavaScript off), and a Content-Security-Policy forbids any network
request and any script but our own (pinned by its hash).

Article text is untrusted.  Every piece of it goes through `markupsafe.escape`
(directly, through `svg_element`, or through Jinja's autoescape); HTML is
never assembled from unescaped strings.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..analyse.summary import (LedgerSummary, display_label, group_of, ordered_findings, summarise,
                               weigh_series)
from ..records import Claim, Finding, Series, StoredDocument
from ..timespan import as_of_day

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# Colour-blind-safe (Okabe-Ito) colours, one per source kind of records.Attribution.
SOURCE_KIND_COLOURS = {
    "government": "#0072B2",
    "intergovernmental": "#009E73",
    "expert": "#CC79A7",
    "media": "#E69F00",
    "armed_group": "#D55E00",
    "anonymous": "#56B4E9",
    "publisher": "#999999",
    "other": "#7F7F7F",
}
UNKNOWN_KIND = "unattributed"
UNKNOWN_COLOUR = "#444444"
CHANGE_KINDS = ("increase", "decrease")
# How many findings of each group the first screen shows before "all N": three keep the five
# groups within about two screens, and the worst come first (analyse.summary.finding_rank).
FINDINGS_PER_GROUP = 3
# How many series the index lists before folding the rest away: a screen's worth at 1,400 px.
SERIES_INDEX_TOP = 15

ClaimHref = Callable[[Claim], str]


# ---------------------------------------------------------------- numbers and dates

def format_number(value: float | int | None) -> str:
    """1135 -> "1,135"; 12.5 -> "12.5"; None -> ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def chart_day(claim: Claim, published: str | None = None) -> date | None:
    """The day a chart places a figure on (`timespan.as_of_day`)."""
    return as_of_day(claim.time_end, claim.time_start, published)


# The as-of readings no words of the figure's own sentence state: the label says where they come from.
INFERRED_TIMES = {
    "present": "as of publication", "publication": "as of publication",
    "event": "day of the story's event", "vote": "day of the vote", "narrative": "from the sentence before",
}


def as_of_label(claim: Claim, published: str | None = None) -> str:
    """The as-of time as the ledger states it, e.g. "2020-12", "2021-06-10 (as of publication)"."""
    start, end = claim.time_start, claim.time_end
    if start and end and start != end:
        shown = f"{start} – {end}"
    elif end or start:
        shown = end or start
    else:
        return f"{published[:10]} (published)" if published else ""
    how = INFERRED_TIMES.get(claim.time_rule or "")
    return f"{shown} ({how})" if how else shown


def figure_label(claim: Claim) -> str:
    """What a chart prints beside a figure: its surface, with a sign for changes."""
    text = claim.text or format_number(claim.value)
    if claim.kind == "increase" and not text.startswith("+"):
        text = "+" + text
    if claim.kind == "decrease" and not text.startswith(("-", "−")):
        text = "−" + text
    return text if len(text) <= 22 else text[:21] + "…"


# ---------------------------------------------------------------- SVG building

def svg_element(tag: str, attrs: dict[str, Any] | None = None, *children: Any) -> Markup:
    """One SVG element; attribute values and text children are escaped, Markup children kept."""
    attr_markup = Markup("").join(
        Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value)
        for name, value in (attrs or {}).items() if value is not None
    )
    body = Markup("").join(escape(child) for child in children)
    return Markup("<{0}{1}>{2}</{0}>").format(tag, attr_markup, body)


def nice_step(span: float, ticks: int = 5) -> float:
    """A 1-2-5 step giving about `ticks` ticks over `span`."""
    raw = max(span, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def year_ticks(first: date, last: date) -> list[date]:
    """January 1sts between `first` and `last`, thinned to at most 8."""
    years = list(range(first.year + (first > date(first.year, 1, 1)), last.year + 1))
    step = max(1, -(-len(years) // 8))
    return [date(y, 1, 1) for y in years[::step]]


def month_ticks(first: date, last: date) -> list[date]:
    """First days of months between `first` and `last`, thinned to at most 8."""
    months, cursor = [], date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    step = max(1, -(-len(months) // 8))
    return months[::step]


class ChartFrame:
    """The plotting area of a timeline: maps (date, value) to SVG coordinates."""

    width, height = 900, 360
    left, right, top, bottom = 70, 30, 46, 92

    def __init__(self, first: date, last: date, top_value: float) -> None:
        pad = max(timedelta(days=60), (last - first) * 0.06)
        self.first, self.last = first - pad, last + pad
        self.step = nice_step(top_value)
        self.top_value = self.step * (int(top_value / self.step) + 1)

    def x(self, day: date) -> float:
        span = (self.last - self.first).days or 1
        return round(self.left + (day - self.first).days / span * (self.width - self.left - self.right), 1)

    def y(self, value: float) -> float:
        plot = self.height - self.top - self.bottom
        return round(self.top + plot - value / self.top_value * plot, 1)

    @property
    def change_lane(self) -> float:
        """Where changes ("+300") are drawn: their own strip, under the date labels."""
        return self.floor + 44

    @property
    def floor(self) -> float:
        return self.y(0)

    @property
    def ceiling(self) -> float:
        return self.y(self.top_value)


def chart_points(series: Series, claims_by_id: dict[str, Claim],
                 published: dict[str, str | None]) -> list[tuple[date, Claim]]:
    """The series' claims that have an as-of date, in time order."""
    points = []
    for claim_id in series.claims:
        claim = claims_by_id.get(claim_id)
        when = claim and chart_day(claim, published.get(claim.doc))
        if claim and when:
            points.append((when, claim))
    return sorted(points, key=lambda point: point[0])


def chart_frame(points: list[tuple[date, Claim]], series: Series) -> ChartFrame:
    """A frame wide enough for every date and tall enough for every level figure."""
    values = [v for _, c in points if c.kind not in CHANGE_KINDS for v in (c.value, c.low, c.high) if v is not None]
    values += [v for v in (series.low, series.best, series.high) if v is not None]
    days = [day for day, _ in points]
    return ChartFrame(min(days), max(days), max(values or [1]))


def axes(frame: ChartFrame) -> Markup:
    """Gridlines, value ticks on the left and date ticks along the bottom."""
    parts = []
    value = 0.0
    while value <= frame.top_value + 1e-9:
        y = frame.y(value)
        parts.append(svg_element("line", {"x1": frame.left, "x2": frame.width - frame.right, "y1": y, "y2": y,
                                          "class": "grid", "stroke": "#e3e6ec"}))
        parts.append(svg_element("text", {"x": frame.left - 8, "y": y + 4, "text-anchor": "end",
                                          "font-size": 12, "fill": "#5b6475"}, format_number(value)))
        value += frame.step
    span_days = (frame.last - frame.first).days
    ticks = year_ticks(frame.first, frame.last) if span_days > 2 * 365 else month_ticks(frame.first, frame.last)
    for tick in ticks:
        x = frame.x(tick)
        label = str(tick.year) if span_days > 2 * 365 else tick.strftime("%b %Y")
        parts.append(svg_element("line", {"x1": x, "x2": x, "y1": frame.floor, "y2": frame.floor + 5, "stroke": "#5b6475"}))
        parts.append(svg_element("text", {"x": x, "y": frame.floor + 20, "text-anchor": "middle",
                                          "font-size": 12, "fill": "#5b6475"}, label))
    parts.append(svg_element("line", {"x1": frame.left, "x2": frame.width - frame.right, "y1": frame.floor,
                                      "y2": frame.floor, "stroke": "#5b6475"}))
    parts.append(svg_element("line", {"x1": frame.left, "x2": frame.left, "y1": frame.ceiling,
                                      "y2": frame.floor, "stroke": "#5b6475"}))
    parts.append(svg_element("text", {"x": frame.left - 8, "y": frame.change_lane + 4, "text-anchor": "end",
                                      "font-size": 11, "fill": "#5b6475"}, "changes"))
    parts.append(svg_element("text", {"x": (frame.left + frame.width - frame.right) / 2, "y": frame.height - 8,
                                      "text-anchor": "middle", "font-size": 12, "fill": "#5b6475"},
                             "as of (time the figure holds, else publication date)"))
    return Markup("").join(parts)


def kind_colour(claim: Claim) -> str:
    return SOURCE_KIND_COLOURS.get(claim.source_kind or "", UNKNOWN_COLOUR)


def claim_title(claim: Claim, when: date) -> str:
    """The tooltip of a mark: figure, what, who, when."""
    who = claim.source or "no named source"
    return f"{claim.text} {claim.measure or ''} — {who}, as of {when.isoformat()}"


def range_mark(frame: ChartFrame, x: float, claim: Claim, colour: str) -> Markup:
    """A vertical bar from low to high; an open end runs dashed to the axis edge with an arrow."""
    low, high, value = claim.low, claim.high, claim.value
    if low is not None and high is not None and low == high:
        return Markup("")
    parts = []
    solid_low = low if low is not None else (value if value is not None else high)
    solid_high = high if high is not None else (value if value is not None else low)
    parts.append(svg_element("line", {"x1": x, "x2": x, "y1": frame.y(solid_low), "y2": frame.y(solid_high),
                                      "stroke": colour, "stroke-width": 3, "stroke-linecap": "round"}))
    for bound, edge, marker in ((low, frame.floor, "url(#arrow-down)"), (high, frame.ceiling, "url(#arrow-up)")):
        end = solid_low if edge == frame.floor else solid_high
        if bound is None:
            parts.append(svg_element("line", {"x1": x, "x2": x, "y1": frame.y(end), "y2": edge, "stroke": colour,
                                              "stroke-width": 2, "stroke-dasharray": "4 4", "class": "open-end",
                                              "marker-end": marker, "opacity": 0.75}))
        else:
            parts.append(svg_element("line", {"x1": x - 6, "x2": x + 6, "y1": frame.y(bound), "y2": frame.y(bound),
                                              "stroke": colour, "stroke-width": 2}))
    return Markup("").join(parts)


def level_mark(frame: ChartFrame, when: date, claim: Claim, href: str, labels: "LabelPlacer | None" = None) -> Markup:
    """A figure: a dot at its value (if any), its range bar, and its label (moved clear of other labels)."""
    x, colour = frame.x(when), kind_colour(claim)
    shapes = [svg_element("title", {}, claim_title(claim, when)), range_mark(frame, x, claim, colour)]
    anchor = claim.value if claim.value is not None else claim.high
    if claim.value is not None:
        shapes.append(svg_element("circle", {"cx": x, "cy": frame.y(claim.value), "r": 5.5, "fill": colour,
                                             "stroke": "#fff", "stroke-width": 1.5}))
    if anchor is not None:
        near_edge = x > frame.width - frame.right - 110  # keep the label inside the chart
        label_x, label_y = x - 9 if near_edge else x + 9, frame.y(anchor) + 4
        if labels is not None:
            width = label_width(figure_label(claim), 7.5)
            label_y = labels.place(label_x - width if near_edge else label_x, width, label_y)
        shapes.append(svg_element("text", {"x": label_x, "y": label_y,
                                           "text-anchor": "end" if near_edge else "start", "font-size": 12.5,
                                           "font-weight": 600, "fill": "#1d2330"}, figure_label(claim)))
    return svg_element("a", {"href": href, "class": "mark level", "data-claim": claim.id}, *shapes)


def label_width(text: str, per_char: float = 7.0) -> float:
    """A generous estimate of a label's width in SVG units (12 px sans-serif)."""
    return per_char * len(text) + 4


class LabelPlacer:
    """Moves each new label down (or up) in steps until it overlaps none placed before."""

    line = 15

    def __init__(self, lowest: float, highest: float) -> None:
        self.boxes: list[tuple[float, float, float]] = []  # (x0, x1, baseline y)
        self.lowest, self.highest = lowest, highest

    def place(self, x0: float, width: float, y: float) -> float:
        for shift in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
            candidate = y + shift * self.line
            if self.highest <= candidate <= self.lowest and self._free(x0, x0 + width, candidate):
                break
        else:
            candidate = y
        self.boxes.append((x0, x0 + width, candidate))
        return candidate

    def _free(self, x0: float, x1: float, y: float) -> bool:
        return all(x1 <= bx0 or x0 >= bx1 or abs(y - by) >= self.line for bx0, bx1, by in self.boxes)


def change_lanes(frame: ChartFrame, points: list[tuple[date, Claim]]) -> list[int]:
    """A lane per change so that no two change labels in one lane overlap."""
    lane_ends: list[float] = []
    lanes = []
    for when, claim in points:
        x = frame.x(when) - 7
        end = frame.x(when) + 9 + label_width(figure_label(claim))
        lane = next((n for n, last in enumerate(lane_ends) if last <= x), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        lanes.append(lane)
    return lanes


def change_mark(frame: ChartFrame, when: date, claim: Claim, href: str, lane: int) -> Markup:
    """A change ("+300") as a triangle in the strip below the date axis."""
    x, colour = frame.x(when), kind_colour(claim)
    y = frame.change_lane + 16 * lane
    up = claim.kind == "increase"
    base, tip = (y + 4, y - 6) if up else (y - 4, y + 6)
    points = f"{x - 6},{base} {x + 6},{base} {x},{tip}"
    return svg_element("a", {"href": href, "class": "mark change", "data-claim": claim.id},
                       svg_element("title", {}, claim_title(claim, when)),
                       svg_element("polygon", {"points": points, "fill": colour}),
                       svg_element("text", {"x": x + 9, "y": y + 4, "font-size": 12, "fill": "#1d2330"},
                                   figure_label(claim)))


def reconciled_mark(frame: ChartFrame, series: Series) -> Markup:
    """The series' reconciled best figure as a dashed line labelled at the right edge."""
    best = series.best
    if best is None:
        return Markup("")
    y = frame.y(best)
    label = f"reconciled {format_number(best)}"
    if series.low is not None or series.high is not None:
        label += f" ({format_number(series.low) or '…'}–{format_number(series.high) or '…'})"
    return Markup("").join([
        svg_element("line", {"x1": frame.left, "x2": frame.width - frame.right, "y1": y, "y2": y,
                             "stroke": "#1d2330", "stroke-dasharray": "2 4", "opacity": 0.6}),
        svg_element("text", {"x": frame.left + 6, "y": y - 5, "font-size": 11, "fill": "#5b6475"}, label),
    ])


def legend(kinds: Iterable[str], frame: ChartFrame) -> Markup:
    """Source-kind colours, then the keys to dots, bars and changes."""
    parts, x = [], frame.left
    for kind in kinds:
        colour = SOURCE_KIND_COLOURS.get(kind, UNKNOWN_COLOUR)
        parts.append(svg_element("circle", {"cx": x + 5, "cy": 18, "r": 5, "fill": colour}))
        parts.append(svg_element("text", {"x": x + 14, "y": 22, "font-size": 12, "fill": "#1d2330"}, kind.replace("_", " ")))
        x += 24 + 7 * len(kind)
    keys = "● figure   ┃ range   ┆ open end   ▲ change"
    parts.append(svg_element("text", {"x": frame.width - 10, "y": 22, "font-size": 11, "fill": "#5b6475",
                                      "text-anchor": "end"}, keys))
    return svg_element("g", {"class": "legend"}, *parts)


ARROWS = Markup(
    '<defs>'
    '<marker id="arrow-up" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
    '<path d="M0,0 L10,5 L0,10 z" fill="#5b6475"/></marker>'
    '<marker id="arrow-down" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
    '<path d="M0,0 L10,5 L0,10 z" fill="#5b6475"/></marker>'
    '</defs>'
)


def timeline_svg(series: Series, claims_by_id: dict[str, Claim], published: dict[str, str | None],
                 claim_href: ClaimHref, label: str | None = None) -> Markup:
    """A series' figures over time as an inline SVG (class "chart"); each mark links to its claim.

    x is the as-of date (a partial date sits mid-period), y the figure; levels are dots with
    range bars, changes ("+300") triangles in a strip under the axis, colour the source kind.
    """
    points = chart_points(series, claims_by_id, published)
    label = label or series.label or series.id
    if not points:
        return svg_element("svg", {"class": "chart empty", "viewBox": "0 0 900 60", "role": "img",
                                   "aria-label": label, "xmlns": "http://www.w3.org/2000/svg"},
                           svg_element("text", {"x": 10, "y": 34, "font-size": 13, "fill": "#5b6475"},
                                       "No figure in this series has a date to plot."))
    frame = chart_frame(points, series)
    changes = [(when, claim) for when, claim in points if claim.kind in CHANGE_KINDS]
    lanes = change_lanes(frame, changes)
    extra = 16 * max(0, max(lanes, default=0) - 1)  # the strip holds two lanes; the chart grows for more
    frame.height, frame.bottom = frame.height + extra, frame.bottom + extra
    marks = [change_mark(frame, when, claim, claim_href(claim), lane) for (when, claim), lane in zip(changes, lanes)]
    labels = LabelPlacer(lowest=frame.floor - 2, highest=frame.ceiling - 10)
    for when, claim in points:
        if claim.kind not in CHANGE_KINDS and any(v is not None for v in (claim.value, claim.low, claim.high)):
            marks.append(level_mark(frame, when, claim, claim_href(claim), labels))
    kinds = sorted({c.source_kind or UNKNOWN_KIND for _, c in points})
    return svg_element(
        "svg", {"class": "chart", "viewBox": f"0 0 {frame.width} {frame.height}", "role": "img",
                "aria-label": f"Timeline: {label}", "xmlns": "http://www.w3.org/2000/svg",
                "data-series": series.id},
        svg_element("title", {}, f"Timeline: {label}"), ARROWS, legend(kinds, frame), axes(frame),
        reconciled_mark(frame, series), *marks,
    )


# ---------------------------------------------------------------- evidence highlighting

def _spans_in_sentence(claim: Claim, sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of the number, source mention and time expression, relative to the sentence."""
    base = claim.sentence_start or 0
    spans = []
    for start, end, css in ((claim.start, claim.end, "num"), (claim.source_start, claim.source_end, "src")):
        if start is not None and end is not None and 0 <= start - base < end - base <= len(sentence):
            spans.append((start - base, end - base, css))
    time_text = claim.time_text
    if time_text:
        found = sentence.find(time_text)
        if found >= 0:
            spans.append((found, found + len(time_text), "time"))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, dropping any that overlaps one already kept (the number wins: it comes first)."""
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if all(span[1] <= other[0] or span[0] >= other[1] for other in kept):
            kept.append(span)
    return sorted(kept)


def highlight(text: str, spans: list[tuple[int, int, str]], titles: dict[int, str] | None = None) -> Markup:
    """`text` escaped, with each (start, end, class) span wrapped in <mark class=...>."""
    out, cursor = [], 0
    for start, end, css in spans:
        out.append(escape(text[cursor:start]))
        out.append(Markup('<mark class="{}">{}</mark>').format(css, text[start:end]))
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def evidence_html(claim: Claim) -> Markup:
    """The claim's sentence, escaped, with number, source mention and time expression marked."""
    sentence = claim.sentence or ""
    return highlight(sentence, _spans_in_sentence(claim, sentence))


def document_html(text: str, claims: list[Claim]) -> Markup:
    """A document's full text, escaped, with every claim's figure marked and anchored (id claim-ID)."""
    spans = _without_overlaps(sorted((c.start, c.end, c.id) for c in claims if 0 <= c.start < c.end <= len(text)))
    out, cursor = [], 0
    for start, end, claim_id in spans:
        out.append(escape(text[cursor:start]))
        out.append(Markup('<mark class="num" id="claim-{0}"><a href="#row-{0}">{1}</a></mark>').format(
            claim_id, text[start:end]))
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


# ---------------------------------------------------------------- ClaimReview (schema.org) exports

# Findings a fact-checker may publish, rated by their arithmetic (holds) or their type.
DISPUTED_TYPES = ("source_disagreement", "revision")
SUSPICIOUS_PREFIX = "suspicious_"
# Source kinds that name one person rather than an organisation.
PERSON_KINDS = ("expert",)


def review_rating(finding: Finding) -> str | None:
    """"Adds up" / "Does not add up" / "Disputed" / "Suspicious"; None for findings that rate no claim."""
    if finding.holds is True:
        return "Adds up"
    if finding.holds is False:
        return "Does not add up"
    if finding.type in DISPUTED_TYPES:
        return "Disputed"
    if str(finding.type or "").startswith(SUSPICIOUS_PREFIX):
        return "Suspicious"
    return None


def claim_author(claim: Claim, document: StoredDocument | None) -> dict | None:
    """The claim's source as a schema.org Person or Organization (the publisher when nobody is named)."""
    name = claim.source or (document.publisher if document else None)
    if not name:
        return None
    kind = "Person" if claim.source and claim.source_kind in PERSON_KINDS else "Organization"
    return {"@type": kind, "name": name}


def claim_appearance(document: StoredDocument | None) -> dict | None:
    """The document a claim appears in, as a schema.org CreativeWork."""
    if not document:
        return None
    work = {"@type": "CreativeWork", "url": document.url, "headline": document.title,
            "datePublished": document.published,
            "publisher": {"@type": "Organization", "name": document.publisher} if document.publisher else None}
    return {key: value for key, value in work.items() if value}


def claim_review(finding: Finding, claims_by_id: dict[str, Claim], documents_by_id: dict[str, StoredDocument],
                 today: date | None = None) -> dict:
    """A finding as schema.org ClaimReview JSON-LD (a dict), rating the first claim it involves.

    Raises ValueError for findings that rate no claim (see `review_rating`), e.g. duplicate reports.
    """
    rating = review_rating(finding)
    if rating is None:
        raise ValueError(f"finding {finding.id!r} ({finding.type}) rates no claim; "
                         "only arithmetic, disagreement, revision and suspicious findings become ClaimReviews.")
    claim = next((claims_by_id[c] for c in finding.claims if c in claims_by_id), None)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim:
        document = documents_by_id.get(claim.doc)
        item.update(author=claim_author(claim, document), appearance=claim_appearance(document),
                    datePublished=document.published if document else None)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": (claim.sentence if claim else None) or finding.message,
        "reviewBody": finding.message,
        "itemReviewed": {key: value for key, value in item.items() if value},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "datePublished": (today or date.today()).isoformat(),
        "author": {"@type": "Organization", "name": "claimledger"},
    }


def json_ld_script(data: dict) -> Markup:
    """`data` as a <script type="application/ld+json"> element that no text inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    # "<" can open "</script>" or "<!--"; ">" and "&" are escaped too, and U+2028/9 for old parsers.
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")


def claim_review_scripts(findings: list[Finding], claims_by_id: dict[str, Claim],
                         documents_by_id: dict[str, StoredDocument]) -> list[Markup]:
    """One JSON-LD script per finding that rates a claim."""
    return [json_ld_script(claim_review(f, claims_by_id, documents_by_id))
            for f in findings if review_rating(f) is not None]


# ---------------------------------------------------------------- templates and the report

@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """Jinja2 with autoescape on for every template, and the helpers templates use."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = format_number
    env.globals.update(evidence_html=evidence_html, as_of_label=as_of_label,
                       kind_colour=kind_colour, holds_mark=holds_mark)
    return env


def holds_mark(holds: bool | None) -> Markup:
    """✓ for true, ✗ for false, – for null."""
    symbol, css = {True: ("✓", "true"), False: ("✗", "false")}.get(holds, ("–", "none"))
    return Markup('<span class="holds-{}" title="holds: {}">{}</span>').format(css, holds, symbol)


def ledger_context(claims: list[Claim], series: list[Series], findings: list[Finding],
                   documents: list[StoredDocument], claim_href: ClaimHref,
                   summary: LedgerSummary | None = None) -> dict[str, Any]:
    """What the report and the web pages share: lookups, honest labels, charts, the summary
    (from these records unless given: the web counts the whole ledger in SQL) and filter choices.

    `series` comes out in importance order (`analyse.summary.by_importance`); a series of a
    single figure gets no chart (it is listed compactly)."""
    claims_by_id = {c.id: c for c in claims}
    published = {d.id: d.published for d in documents}
    if summary is None:
        summary = summarise(len(documents), len(claims), weigh_series(series, claims_by_id, findings), findings)
    labels = {s.id: display_label(s, [claims_by_id[c] for c in s.claims if c in claims_by_id]) for s in series}
    rank = {weight.series_id: n for n, weight in enumerate(summary.weights)}
    weights = {weight.series_id: weight for weight in summary.weights}
    ordered = sorted(series, key=lambda s: (rank.get(s.id, len(rank)), s.id))
    charts = {s.id: timeline_svg(s, claims_by_id, published, claim_href, labels[s.id])
              for s in ordered if len(set(s.claims)) > 1}
    return {
        "claims": claims, "series": ordered, "findings": ordered_findings(findings), "documents": documents,
        "claims_by_id": claims_by_id, "published": published, "charts": charts, "labels": labels,
        "weights": weights, "summary": summary, "per_group": FINDINGS_PER_GROUP, "index_top": SERIES_INDEX_TOP,
        "documents_by_id": {d.id: d for d in documents}, "claim_href": claim_href,
        "choices": filter_choices(claims), "group_of": group_of,
    }


def filter_choices(claims: list[Claim]) -> dict[str, list[str]]:
    """Distinct sources, source kinds and kinds, for the filter selects."""
    return {field: sorted({getattr(c, field) for c in claims if getattr(c, field)})
            for field in ("source", "source_kind", "kind")}


def script_hash(script: str) -> str:
    """The CSP hash source that lets exactly this inline script run."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_report(claims: list[Claim], series: list[Series], findings: list[Finding],
                  documents: list[StoredDocument]) -> str:
    """The whole ledger as one self-contained HTML page (no network, scripts pinned by hash)."""
    script = (STATIC / "claims-filter.js").read_text(encoding="utf-8")
    context = ledger_context(claims, series, findings, documents, lambda claim: f"#claim-{claim.id}")
    context["document_href"] = lambda doc_id: f"#doc-{doc_id}"
    context["series_href"] = lambda series_id: f"#series-{series_id}"
    context["findings_href"] = lambda group: f"#findings-{group}"
    context["claim_reviews"] = claim_review_scripts(findings, context["claims_by_id"], context["documents_by_id"])
    return template_environment().get_template("report.html").render(
        **context, css=Markup((STATIC / "claimledger.css").read_text(encoding="utf-8")),
        script=Markup(script), script_hash=script_hash(script),
    )


def write_html(path: str | Path, claims: list[Claim], series: list[Series], findings: list[Finding],
               documents: list[StoredDocument]) -> Path:
    """Write `render_report(...)` to `path` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(render_report(claims, series, findings, documents), encoding="utf-8")
    return path


def write_report(db: str | Path = "claimledger.db", output: str | Path = "claimledger-report.html") -> Path:
    """Write the self-contained HTML report of the ledger at `db` to `output`."""
    from ..api import ledger_records

    records = ledger_records(db)
    return write_html(output, records["claims"], records["series"], records["findings"], records["documents"])
