"""Check stage, one document at a time: duplicate_report, suspicious_number, suspicious_entity.

The checks of `checks.run_checks` that judge a document rather than a series: whether it repeats
another (a copy: word 5-gram overlap; an interview or statement retold: the same quotes; a
paraphrase or a shared source: the same figures in the same order with a shared quote or source:
one report, no second confirmation), whether a four-digit number reads as a year before the country it
speaks of existed, and whether an acronym or a capital looks like a slip.  Each has a whole-corpus
form (`check_*`, called by run_checks) and a per-document form (`*_in`) that update.py calls
with corpus-wide facts read from its stored summaries.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Protocol

from .. import names
from ..data.numbers_en import YEAR_MAX, YEAR_MIN
from ..extract.passages import DATELINE, sentence_ranges
from .wording import country_name, make_finding, number, who
from ..extract.quantities import find_year_like
from ..records import Claim, Finding, StoredDocument

# Word 5-grams: long enough that two independent stories on one subject share
# few, short enough that one changed word spoils only five of them.
SHINGLE_WORDS = 5
# Jaccard overlap of 5-gram sets at or above which two documents are one report.
# A wire story republished with a new date line, title and one changed word
# scores about 0.9; two stories on the same event by different writers, < 0.2.
DUPLICATE_JACCARD = 0.8
# Two reports not worded alike are still one report when they give this many figures one after
# the other in the same order and share a quote or a named source: three figures in a row are
# rarely repeated by chance (a story's own figures differ from the next story's), two often are
# ("2 of 3"); tuned on the test stories a-e.
FIGURE_RUN = 3
# A rewrite that shares no quote and names its sources otherwise ("the UN panel of experts", "a
# United Nations panel") is still one report when this many of its figures, and RETOLD_SHARE of
# the shorter document's, come in the same order: independent stories on one event share a
# toll and a date or two, not six figures in a row (tuned on the test stories a-e).
RETOLD_FIGURES = 6
RETOLD_SHARE = 0.6
# Two reports that share this many quotes (QUOTE_SHINGLES_SHARED) are one interview or statement
# retold, whatever their figures: independent reports have their own quotes, and two reporters
# rarely pick the same two passages of one speaker.  One shared quote is not enough alone (a
# minister's line is quoted by everyone); with three figures in the same order it is.
QUOTES_SHARED = 2
# A quote is shared when this many of its word 5-grams (seven words in a row) are in the other's quotes:
# a phrase of three or four words ("surface staining", "not this year") is a common expression.
QUOTE_SHINGLES_SHARED = 3
# A retelling is named a paraphrase (sentence by sentence) when the figures in order are at least this
# share of each document's figures and the quotes in common at least half of each one's quotes;
# otherwise each report adds its own material, and the two share a source.  This names the relation
# only: whether the two are one report is decided above.
PARAPHRASE_FIGURES = 0.75
PARAPHRASE_QUOTES = 0.5
# The figures and quotes a duplicate_report's message lists (the rest are cited as its claims), and
# the words of each quote it gives.
FIGURES_NAMED = 4
QUOTES_NAMED = 3
QUOTE_OPENING_WORDS = 6
# Quoted passages: curly or straight double quotes, up to a paragraph long.
_QUOTED = re.compile(r"\u201c([^\u201d\n]{1,2000})\u201d|\"([^\"\n]{1,2000})\"")
# Words that make a year-like number in a sentence likely to be a count.
COUNT_CUES = frozenset({"number", "numbers", "increase", "decrease", "total", "count", "figure", "figures"})
# A count reading "approximates" a figure elsewhere within this share.
COUNT_MATCH = 0.01
# "independence from France in 1960", "gained independence in 1960".
_INDEPENDENCE = re.compile(r"independen\w*\b[^.]{0,40}?\b(1[5-9]\d\d|20\d\d)\b", re.IGNORECASE)
# "since 1890, and": a four-digit number before a comma that no digit follows.
_YEAR_BEFORE_COMMA = re.compile(r"(?<![\w.,])(\d{4}),(?!\d)")


# -- duplicate_report ---------------------------------------------------------
# A copy is reported once, against its original: the earliest document (publication date, undated
# last, then id) that it repeats.  Reporting every pair made a story carried forty times forty
# times forty findings over, and made each new copy cost as much as the copies before it.

@dataclass(frozen=True)
class Quote:
    """A passage inside quotation marks: its opening words as written (what a finding names it by)
    and the hashes of its folded word 5-grams (what screening compares)."""

    opening: str
    hashes: frozenset[int]


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate screening compares of a document, computed once from its text and claims
    (and stored: `update.summarise` keeps the hashes, quotes and figure runs in the ledger).

    `hashes`: its word 5-grams hashed (`shingle_hash`); `figures`: (value, claim id) of its claims
    in text order; `quotes`: its quoted passages in text order; `sources`: the folded names of the
    sources its claims cite."""

    doc: str
    order: tuple
    hashes: frozenset[int]
    figures: tuple[tuple[float, str], ...]
    quotes: tuple[Quote, ...]
    sources: frozenset[str]

    @property
    def quoted(self) -> frozenset[int]:
        """The hashes of every word 5-gram inside its quotation marks."""
        return frozenset().union(*(q.hashes for q in self.quotes))


def fingerprint(document: StoredDocument, claims: Iterable[Claim]) -> Fingerprint:
    """The fingerprint of a document with its text and its claims."""
    text = document.text or ""
    return stored_fingerprint(document, shingle_hashes(text), claims, quoted_passages(text))


def stored_fingerprint(document: StoredDocument, hashes: Iterable[int], claims: Iterable[Claim],
                       quotes: Iterable[Quote]) -> Fingerprint:
    """The fingerprint from what the ledger stores of a document (no text read)."""
    ordered = sorted(claims, key=lambda c: c.start)
    figures = tuple((round(float(c.value), 6), c.id) for c in ordered if c.value is not None)
    sources = frozenset(names.fold(c.source).strip() for c in ordered if c.source)
    return Fingerprint(document.id, document_order(document), frozenset(hashes), figures, tuple(quotes), sources)


def document_order(document: StoredDocument) -> tuple:
    """Oldest first, undated last, then by id: of two documents, the first is the original."""
    return (document.published is None, document.published or "", document.id)


def check_duplicates(documents: list[StoredDocument], claims: Iterable[Claim] = ()) -> list[Finding]:
    """Each document that repeats an earlier one, reported against the earliest it repeats
    (`dependence`); the full run, which `update` reproduces through its indexes."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    prints = sorted((fingerprint(doc, by_doc.get(doc.id, [])) for doc in documents), key=lambda p: p.order)
    found = []
    for n, copy in enumerate(prints):
        for original in prints[:n]:
            finding = duplicate_finding(original, copy)
            if finding:
                found.append(finding)
                break
    return found


def not_independent(findings: Iterable[Finding], claims: Iterable[Claim]) -> set[str]:
    """The claims that are no second source: of each duplicate_report, those it cites of its copy
    (the second document), whose figures the original gives too.  They count as confirmation
    nowhere (checks.run_checks and update leave them out); what a report that shares a source or an
    interview adds of its own still counts."""
    doc_of = {c.id: c.doc for c in claims}
    return {claim for f in findings if f.type == "duplicate_report" and len(f.docs) > 1
            for claim in f.claims if doc_of.get(claim) == f.docs[1]}


@dataclass(frozen=True)
class Dependence:
    """Why two documents are one report: `relation` (verbatim_copy, same_interview, paraphrase or
    shared_source), what they share in words (`shared`, for the finding's message), the figures both
    give in the same order, the quotes both give (of the first document), the text overlap, and the
    claims of both documents whose figures both give (what the finding cites)."""

    relation: str
    shared: str
    figures: tuple[tuple[float, str, str], ...]
    quotes: tuple[Quote, ...]
    overlap: float
    cited: tuple[str, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        """The finding's evidence: the relation, then the measure that decided it."""
        if self.relation == "verbatim_copy":
            return (f"relation={self.relation}", f"jaccard={self.overlap:.2f}")
        return (f"relation={self.relation}", f"figures={len(self.figures)}", f"quotes={len(self.quotes)}")


def duplicate_finding(original: Fingerprint, copy: Fingerprint) -> Finding | None:
    """The duplicate_report of `copy` against `original` if it repeats it, else None."""
    found = dependence(original, copy)
    if found is None:
        return None
    said = {
        "verbatim_copy": f"repeats the text of {original.doc} ({found.shared})",
        "same_interview": f"retells the interview or statement {original.doc} gives, with {found.shared}",
        "paraphrase": f"retells {original.doc} in other words: {found.shared}",
        "shared_source": f"takes from the same source as {original.doc} {found.shared}",
    }[found.relation]
    message = f"Document {copy.doc} {said}, so its figures are one report, not a second source."
    return make_finding("duplicate_report", None, [_Cited(i) for i in found.cited], [original.doc, copy.doc],
                        message, "low", found.evidence)


@dataclass(frozen=True)
class _Cited:
    """A claim a finding cites, by id (make_finding reads only the id)."""

    id: str


def dependence(first: Fingerprint, second: Fingerprint) -> Dependence | None:
    """Why two documents are one report, or None.  Symmetric in the two documents but for the wording.

    One report: their word 5-grams overlap by DUPLICATE_JACCARD or more (a copy); or they share
    QUOTES_SHARED quotes (one interview or statement retold); or they share a run of FIGURE_RUN
    figures in the same order and a quote or a named source (a rewrite of one report, or two
    stories built on one source), or RETOLD_FIGURES figures in order (a rewrite naming its
    sources otherwise); or a quote and FIGURE_RUN figures in the same order with figures of their
    own between them (two stories taking one statement's figures and quote, each adding its own).
    Sharing figures alone, however official, is not one report."""
    shared = tuple(figures_in_order(first.figures, second.figures))
    both = {v for v, _ in first.figures} & {v for v, _ in second.figures}
    cited = tuple(i for v, i in (*first.figures, *second.figures) if v in both)
    overlap = jaccard(first.hashes, second.hashes)
    quotes = shared_quotes(first, second)
    if overlap >= DUPLICATE_JACCARD:
        return Dependence("verbatim_copy", f"{overlap:.0%} of their five-word sequences are shared",
                          shared, quotes, overlap, cited)
    if len(quotes) >= QUOTES_SHARED:
        return Dependence("same_interview", _shared_words(quotes, shared), shared, quotes, overlap, cited)
    if not (shares_figure_run(first, second) or (quotes and len(shared) >= FIGURE_RUN)):
        return None
    quote = bool(first.quoted & second.quoted)
    sources = sorted(first.sources & second.sources)
    retold = len(shared) >= RETOLD_FIGURES and len(shared) >= RETOLD_SHARE * min(len(first.figures), len(second.figures))
    if not (quote or sources or retold):
        return None
    relation = "paraphrase" if _follows(first, second, shared, quotes) else "shared_source"
    named = [] if quote or not sources else [f"the same named source ({sources[0]})"]
    return Dependence(relation, _shared_words(quotes, shared, named, quote), shared, quotes, overlap, cited)


def _follows(first: Fingerprint, second: Fingerprint, shared: tuple, quotes: tuple[Quote, ...]) -> bool:
    """Whether one report follows the other throughout (a paraphrase) rather than each adding its
    own figures and quotes: see PARAPHRASE_FIGURES."""
    most = PARAPHRASE_FIGURES * max(len(first.figures), len(second.figures))
    half = PARAPHRASE_QUOTES * max(len(first.quotes), len(second.quotes))
    return len(shared) >= most and len(quotes) >= half


def _shared_words(quotes: tuple[Quote, ...], shared: tuple, named: list[str] | None = None,
                  quoted_words: bool = False) -> str:
    """What two reports share, in words: "the same two quotes ("I would rather close it ...", ...)
    and the same figures in the same order (42,000, 3,800,000, 4)"; "the same quoted words" for
    words in common inside quotation marks too few to name a quote by."""
    what = list(named or [])
    if quotes:
        listed = ", ".join(f'"{q.opening} ..."' for q in quotes[:QUOTES_NAMED])
        listed += ", ..." if len(quotes) > QUOTES_NAMED else ""
        what.insert(0, f"the same quote ({listed})" if len(quotes) == 1 else
                    f"the same {_count_word(len(quotes))} quotes ({listed})")
    elif quoted_words:
        what.insert(0, "the same quoted words")
    if shared:
        values = [number(v) for v, _a, _b in shared]
        listed = ", ".join(values[:FIGURES_NAMED]) + (", ..." if len(values) > FIGURES_NAMED else "")
        what.append(f"the same figure ({listed})" if len(values) == 1 else
                    f"the same {_count_word(len(values))} figures in the same order ({listed})")
    return " and ".join(what)


def shared_quotes(first: Fingerprint, second: Fingerprint) -> tuple[Quote, ...]:
    """The quotes of `first` that `second` also gives (QUOTE_SHINGLES_SHARED of their 5-grams in
    common), each paired with one quote of the other at most, the largest overlaps first (a quote
    a headline repeats is one quote, not two), in `first`'s order."""
    overlaps = sorted(((len(q.hashes & r.hashes), i, j) for i, q in enumerate(first.quotes)
                       for j, r in enumerate(second.quotes)), reverse=True)
    mine: set[int] = set()
    theirs: set[int] = set()
    for overlap, i, j in overlaps:
        if overlap >= QUOTE_SHINGLES_SHARED and i not in mine and j not in theirs:
            mine.add(i)
            theirs.add(j)
    return tuple(first.quotes[i] for i in sorted(mine))


def figures_in_order(first: tuple, second: tuple) -> list[tuple[float, str, str]]:
    """The longest sequence of figures both documents give in the same order:
    (value, claim id in `first`, claim id in `second`) each."""
    a, b = [v for v, _ in first], [v for v, _ in second]
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    shared, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            shared.append((a[i], first[i][1], second[j][1]))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return shared


def figure_runs(figures: tuple) -> set[tuple[float, ...]]:
    """Each run of FIGURE_RUN consecutive figures (repeats of one value taken once): the key that
    the ledger indexes, so that two documents sharing one are found without comparing every pair."""
    values = [v for n, (v, _) in enumerate(figures) if n == 0 or figures[n - 1][0] != v]
    return {tuple(values[i:i + FIGURE_RUN]) for i in range(len(values) - FIGURE_RUN + 1)}


def figure_run_key(run: tuple[float, ...]) -> str:
    """A figure run as the ledger stores it."""
    return " ".join(repr(v) for v in run)


def shares_figure_run(first: Fingerprint, second: Fingerprint) -> bool:
    return bool(figure_runs(first.figures) & figure_runs(second.figures))


def _count_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}.get(n, str(n))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of word `size`-grams of a text, folded."""
    return _shingles_of(re.findall(r"\w+", names.fold(text)), size)


def _shingles_of(words: list[str], size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(max(len(words) - size + 1, 0))}


def shingle_hash(shingle: tuple[str, ...]) -> int:
    """A stable 31-bit hash of a shingle (Python's hash() changes between processes)."""
    return int.from_bytes(hashlib.blake2b(" ".join(shingle).encode(), digest_size=4).digest(), "big") >> 1


def shingle_hashes(text: str) -> set[int]:
    """The hashes of a text's word 5-grams (what the ledger stores of it)."""
    return {shingle_hash(s) for s in shingles(text)}


def quoted_passages(text: str) -> list[Quote]:
    """The passages inside the text's quotation marks that hold a word 5-gram, in text order."""
    found = []
    for match in _QUOTED.finditer(text):
        quoted = match.group(1) or match.group(2) or ""
        hashes = frozenset(shingle_hash(s) for s in _shingles_of(re.findall(r"\w+", names.fold(quoted))))
        if hashes:
            found.append(Quote(" ".join(quoted.split()[:QUOTE_OPENING_WORDS]).rstrip(",.;:"), hashes))
    return found


def jaccard(first: set | frozenset, second: set | frozenset) -> float:
    """Size of the intersection over size of the union (0.0 for two empty sets)."""
    union = len(first) + len(second) - len(first & second)
    return len(first & second) / union if union else 0.0


# -- suspicious_number --------------------------------------------------------------------

def check_suspicious_numbers(claims: list[Claim], documents: list[StoredDocument]) -> list[Finding]:
    """Year-like numbers whose year reading predates the country they speak of and that read as a count."""
    founded = learn_founding_years(doc.text or "" for doc in documents)
    return [finding for doc in documents for finding in suspicious_numbers_in(doc, claims, founded)]


def year_like(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of four-digit numbers that could be years (the quantities layer's year reading),
    and years followed by a clause comma ("since 1890, and"), which that reading passes over."""
    found = {(q.start, q.end, q.value) for q in find_year_like(text)}
    found.update((m.start(1), m.end(1), float(m.group(1))) for m in _YEAR_BEFORE_COMMA.finditer(text)
                 if YEAR_MIN <= int(m.group(1)) <= YEAR_MAX)
    return sorted(found)


def sentence_around(text: str, offset: int) -> str:
    """The sentence of `text` holding `offset`, as the selective parse splits sentences."""
    sentences = sentence_ranges(text)
    if not sentences:
        return text
    sentence = sentences[max(bisect_right([s.start for s in sentences], offset) - 1, 0)]
    return text[sentence.start:sentence.end]


def learn_founding_years(texts: Iterable[str]) -> dict[str, int]:
    """Founding years: the table, plus "X ... independence ... in 1960" read from the texts."""
    years = dict(names.FOUNDED)
    for text in texts:
        for sentence in sentence_ranges(text):
            words = text[sentence.start:sentence.end]
            for match in _INDEPENDENCE.finditer(words):
                before = list(names.place_mentions(words[:match.start()]))
                if before:  # the country nearest before the word is the one that became independent
                    years.setdefault(before[-1][3], int(match.group(1)))
    return years


def _country_not_yet_founded(sentence: str, year: float, founded: dict[str, int]) -> str | None:
    places = [place for _s, _b, _e, place in names.place_mentions(sentence)]
    late = [p for p in places if p in founded and founded[p] > year]
    return late[0] if late else None


def _count_readings(value: float, claims: list[Claim], doc_id: str) -> list[Claim]:
    """Claims elsewhere whose figure is the number read as a count (1,890 for "since 1890")."""
    return [c for c in claims if c.doc != doc_id and c.value and c.head
            and abs(c.value - value) <= COUNT_MATCH * value and not c.alt_year]


def _year_finding(doc_id: str, text: str, start: int, end: int, value: float, country: str, year: int,
                  counts: list[Claim]) -> Finding:
    before = text[max(0, start - 60):start].split()[-5:]
    quoted = " ".join([*before, text[start:end]])
    count = f"a count of {number(value)}"
    if counts:
        count += f", the figure {who(counts[0])} gives in {counts[0].doc}"
    message = (f"\"{quoted}\" in {doc_id} reads as a year before {country_name(country)} existed (independent in {year}), "
               f"so the number is more likely {count}.")
    return make_finding("suspicious_number", None, counts[:1], [doc_id] + [c.doc for c in counts[:1]], message,
                        "medium", (f"{doc_id}:{start}-{end}",))


# -- suspicious_entity ----------------------------------------------------------------------

def check_suspicious_entities(claims: list[Claim], documents: list[StoredDocument]) -> list[Finding]:
    """Acronyms one letter from the right one, and capitals of countries the story never involves."""
    latest = _latest_year(claims, documents)
    written = {doc.id: names.acronyms(doc.text or "") for doc in documents}
    found = []
    for doc in documents:
        used_elsewhere = set().union(*(acronyms for other, acronyms in written.items() if other != doc.id))
        capitals = [(surface, start, country)
                    for surface, start, _end, country in capital_mentions(doc.text or "")]
        found.extend(suspicious_entities_in(doc.id, written[doc.id], capitals, used_elsewhere, latest,
                                            TextCorpus(claims, documents)))
    return found


def capital_mentions(text: str) -> list[tuple[str, int, int, str]]:
    """The capitals a text names, less those of its datelines: "NAIROBI (Wire) -" is where the
    story was filed from, not a place it speaks of."""
    datelines = [m.span() for m in DATELINE.finditer(text)]
    return [(surface, start, end, country) for surface, start, end, country in names.capital_mentions(text)
            if not any(a <= start < b for a, b in datelines)]


def _latest_year(claims: list[Claim], documents: list[StoredDocument]) -> int | None:
    """The latest year the corpus dates anything to (publication or claim time)."""
    dates = [d.published for d in documents] + [date for c in claims for date in (c.time_start, c.time_end)]
    years = [int(d[:4]) for d in dates if d and d[:4].isdigit()]
    return max(years) if years else None


def _meant_acronym(written: str, used_elsewhere: set[str], latest: int | None) -> str | None:
    """Why `written` looks like a slip, naming the acronym probably meant; None if it does not."""
    mission = names.mission(written)
    if mission and mission.ended and latest and mission.ended < latest:
        running = [m for m in names.UN_MISSIONS if m.country == mission.country and m.ended is None
                   and names.edit_distance(m.acronym, written) <= 1]
        if running:
            return (f"a UN mission that ended in {mission.ended}; the mission in {country_name(mission.country)} "
                    f"since {running[0].began} is {running[0].acronym}")
    if written in used_elsewhere or len(written) < 4:
        return None
    near = sorted(k for k in used_elsewhere if len(k) >= 4 and names.edit_distance(k, written) == 1)
    if mission:  # a real mission's name is a slip only for another country's running mission
        near = [k for k in near if _running_elsewhere(k, mission.country)]
        return (f"the UN mission in {country_name(mission.country)}, which no other document names; they write "
                f"{near[0]}, the mission in {country_name(names.mission(near[0]).country)}") if near else None
    return f"which no other document uses; they write {near[0]}" if near else None


def _mission_elsewhere(acronym: str, corpus: Corpus) -> str | None:
    """A running UN mission of a country the story has no other part in, where the story is about
    a country with a mission of its own: "the panel reports to MONUSCO" in a story about the
    Central African Republic (whose mission is MINUSCA)."""
    mission = names.mission(acronym)
    if mission is None or mission.ended is not None or involved(mission.country, acronym, corpus):
        return None
    meant = [m for m in names.UN_MISSIONS if m.ended is None and m.country != mission.country
             and corpus.claims_about(m.country)]
    if len(meant) != 1:
        return None  # no mission, or several, that the story could have meant
    return (f"the UN mission in {country_name(mission.country)}, a country that plays no other part in "
            f"these documents; the mission in {country_name(meant[0].country)} is {meant[0].acronym}")


def _running_elsewhere(acronym: str, country: str) -> bool:
    """Whether `acronym` is a running UN mission in another country than `country`."""
    other = names.mission(acronym)
    return other is not None and other.ended is None and other.country != country


class Corpus(Protocol):
    """What `involved` asks of the documents: the full run reads their texts (`TextCorpus`), the
    update their stored summaries (`update.LedgerCorpus`)."""

    def claims_about(self, country: str) -> bool:
        """Whether some claim is about the country."""

    def named_other_than(self, country: str, capital: str) -> bool:
        """Whether some document names the country other than by this capital's name."""


def involved(country: str, capital: str, corpus: Corpus) -> bool:
    """Whether a country plays a part in the corpus other than through this capital's name: figures
    about it, or a document naming it otherwise (a capital of an uninvolved country looks like a slip)."""
    return corpus.claims_about(country) or corpus.named_other_than(country, capital)


class TextCorpus:
    """`Corpus` over claims and document texts in memory."""

    def __init__(self, claims: list[Claim], documents: list[StoredDocument]) -> None:
        self.claims, self.documents = claims, documents

    def claims_about(self, country: str) -> bool:
        return any(names.canonical_place(c.location) == country for c in self.claims if c.location)

    def named_other_than(self, country: str, capital: str) -> bool:
        pattern = rf"\b{re.escape(capital)}\b"
        return any(country in names.countries_named(re.sub(pattern, "", doc.text or ""))
                   for doc in self.documents)


# -- per-document checks (the whole-corpus checks above and update.py) -----------------------
# suspicious_number and suspicious_entity for one document, with the corpus-wide facts they read
# (founding years, acronyms used elsewhere, the latest year, which countries the corpus involves)
# passed in: the whole-corpus checks compute them from every document, update.py from its
# stored summaries.

def suspicious_numbers_in(doc: StoredDocument, claims: list[Claim], founded: dict[str, int]) -> list[Finding]:
    """check_suspicious_numbers for one document; `claims` must hold every claim whose value is
    within COUNT_MATCH of a year-like number of the document (other claims are ignored)."""
    text = doc.text or ""
    found = []
    for start, end, value in year_like(text):
        sentence = sentence_around(text, start)
        country = _country_not_yet_founded(sentence, value, founded)
        counts = _count_readings(value, claims, doc.id)
        if country and (counts or COUNT_CUES & set(re.findall(r"[a-z]+", sentence.lower()))):
            found.append(_year_finding(doc.id, text, start, end, value, country, founded[country], counts))
    return found


def suspicious_entities_in(doc_id: str, written: set[str], capitals: list[tuple[str, int, str]],
                           used_elsewhere: set[str], latest: int | None, corpus: Corpus) -> list[Finding]:
    """check_suspicious_entities for one document from its acronyms and (surface, start, country)
    capital mentions; `used_elsewhere` must hold every acronym other documents use that equals or is
    one edit from one of `written`."""
    found = []
    for acronym in sorted(written):
        meant = _meant_acronym(acronym, used_elsewhere, latest) or _mission_elsewhere(acronym, corpus)
        if meant:
            found.append(make_finding("suspicious_entity", None, [], [doc_id],
                                      f"{doc_id} names {acronym}, {meant}.", "low", (acronym,)))
    for surface, start, country in capitals:
        if not involved(country, surface, corpus):
            message = (f"{doc_id} mentions {surface}, the capital of {country_name(country)}, a country that "
                       f"plays no other part in these documents.")
            found.append(make_finding("suspicious_entity", None, [], [doc_id], message, "low",
                                      (f"{doc_id}:{start}",)))
    return found


def latest_year_of(document: StoredDocument, claims: list[Claim]) -> int | None:
    """The latest year one document and its claims date anything to (see _latest_year)."""
    return _latest_year(claims, [document])
