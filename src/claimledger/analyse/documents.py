"""Check stage, one document at a time: duplicate_report, suspicious_number, suspicious_entity.

The checks of `checks.run_checks` that judge a document rather than a series: whether it repeats
another (word 5-gram overlap), whether a four-digit number reads as a year before the country it
speaks of existed, and whether an acronym or a capital looks like a slip.  Each has a whole-corpus
form (`check_*`, called by run_checks) and a per-document form (`*_in`) that update.py calls
with corpus-wide facts read from its stored summaries.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import combinations
from typing import Iterable, Protocol

from .. import names
from ..data.numbers_en import YEAR_MAX, YEAR_MIN
from ..extract.passages import sentence_ranges
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
# Words that make a year-like number in a sentence likely to be a count.
COUNT_CUES = frozenset({"number", "numbers", "increase", "decrease", "total", "count", "figure", "figures"})
# A count reading "approximates" a figure elsewhere within this share.
COUNT_MATCH = 0.01
# "independence from France in 1960", "gained independence in 1960".
_INDEPENDENCE = re.compile(r"independen\w*\b[^.]{0,40}?\b(1[5-9]\d\d|20\d\d)\b", re.IGNORECASE)
# "since 1890, and": a four-digit number before a comma that no digit follows.
_YEAR_BEFORE_COMMA = re.compile(r"(?<![\w.,])(\d{4}),(?!\d)")


# -- duplicate_report ---------------------------------------------------------

def check_duplicates(documents: list[StoredDocument]) -> list[Finding]:
    """Pairs of documents whose word 5-grams overlap by DUPLICATE_JACCARD or more; the later one is the copy."""
    shingled = [(doc, shingles(doc.text or "")) for doc in _by_date(documents)]
    found = []
    for (original, first), (copy, second) in combinations(shingled, 2):
        overlap = jaccard(first, second)
        if overlap >= DUPLICATE_JACCARD:
            message = (f"Document {copy.id} repeats the text of {original.id} ({overlap:.0%} of their "
                       f"five-word sequences are shared), so its figures are one report, not a second source.")
            found.append(make_finding("duplicate_report", None, [], [original.id, copy.id], message,
                                      "low", (f"jaccard={overlap:.2f}",)))
    return found


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of word `size`-grams of a text, folded."""
    words = re.findall(r"\w+", names.fold(text))
    return {tuple(words[i:i + size]) for i in range(max(len(words) - size + 1, 0))}


def jaccard(first: set, second: set) -> float:
    """Size of the intersection over size of the union (0.0 for two empty sets)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _by_date(documents: list[StoredDocument]) -> list[StoredDocument]:
    """Documents oldest first, undated last, then by id: the first of a pair is the original."""
    return sorted(documents, key=lambda d: (d.published is None, d.published or "", d.id))


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
                    for surface, start, _end, country in names.capital_mentions(doc.text or "")]
        found.extend(suspicious_entities_in(doc.id, written[doc.id], capitals, used_elsewhere, latest,
                                            TextCorpus(claims, documents)))
    return found


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
        meant = _meant_acronym(acronym, used_elsewhere, latest)
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
