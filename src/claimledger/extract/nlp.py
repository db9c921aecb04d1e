"""Stage 1: sentences, tokens, parse and entities from spaCy.

The model is a setting (`Options.model`), loaded once per process and only
when first needed.  Nothing is ever downloaded: a missing model is a clear
error naming how to install it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from ..errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


@lru_cache(maxsize=4)
def load_model(name: str) -> "Language":
    """Load spaCy model `name` once per process, with our components added."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(name) from exc
    register_components()
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").index(ruler)
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        lemmatizer = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "cached_lemmatizer").wrap(lemmatizer)
    return nlp


@lru_cache(maxsize=1)
def register_components() -> None:
    """Register claimledger's spaCy components (once; the registry is global)."""
    from spacy.language import Language

    Language.component("paragraph_breaks", func=paragraph_breaks,
                       assigns=["token.is_sent_start"], retokenizes=False)
    Language.factory("indexed_attribute_ruler", func=lambda nlp, name: IndexedAttributeRuler(nlp.vocab),
                     assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
                     requires=["token.tag", "token.dep"], retokenizes=False)
    Language.factory("cached_lemmatizer", func=lambda nlp, name: CachedLemmatizer(),
                     assigns=["token.lemma"], requires=["token.pos"], retokenizes=False)


def paragraph_breaks(doc: "Doc") -> "Doc":
    """A line break ends a sentence: titles, date lines and paragraphs never run together.

    The parser respects boundaries set before it runs, so sentences still split
    inside a paragraph as the model sees fit.
    """
    from spacy.attrs import IS_SPACE, ORTH

    # Read as an array: a loop over the doc's tokens makes a Python object of
    # each, and this runs on every token of every document.
    rows = doc.to_array([ORTH, IS_SPACE])
    space = rows[:, 1].astype(bool)
    strings = doc.vocab.strings
    for i in (space[:-1] & ~space[1:]).nonzero()[0].tolist():
        if "\n" in strings[int(rows[i, 0])]:
            doc[i + 1].is_sent_start = True
    return doc


def words_end(span: "Span") -> int:
    """Where the words of `span` end: spaCy gives a sentence the whitespace tokens after it.

    After a blanked sentence (`passages_text`) that whitespace stands for text
    that was never parsed, so a sentence's places, times and stored text stop here.
    """
    for token in reversed(span):
        if not token.is_space:
            return token.idx + len(token.text)
    return span.start_char


# The token attributes a one-token attribute-ruler pattern may test and still be
# read without spaCy's Matcher, in the order of `doc.to_array`'s columns.
_RULER_ATTRS = ("TAG", "LOWER", "IS_SPACE", "DEP")
# Distinct (tag, lower, is_space, dep) rows remembered with their rules; a news
# corpus repeats a few tens of thousands, and the cap keeps memory flat.
_RULER_CACHE_ROWS = 200_000


class IndexedAttributeRuler:
    """spaCy's attribute ruler, with its one-token patterns read from a table of rows.

    The small English model's ruler maps tags to POS and morphology with about
    180 Matcher patterns, nearly all of one token; matching them token by token
    cost a sixth of the whole parse.  Here the rules that apply to a token with
    a given (tag, lower, is_space, dep) are worked out once and remembered;
    patterns of several tokens stay with a Matcher.  Same rules, same order (a
    later rule wins), same result: `tests/test_pipeline.py` compares every
    token's attributes with spaCy's own component.
    """

    def __init__(self, vocab) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=False)
        self.table: dict[tuple, list[int]] = {}  # (columns, values) -> rules, for ==/IN tests
        self.tested: list[tuple[int, list]] = []  # (rule, [alternative token tests]), the rest
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.rows: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.merged: dict[tuple[int, ...], dict] = {}
        self.keys: list[tuple[int, ...]] = []  # the column sets `table` is keyed on

    def index(self, ruler) -> "IndexedAttributeRuler":
        """Take over the rules of spaCy's AttributeRuler `ruler`, in its order."""
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        for rule, spec in enumerate(ruler.patterns):
            tests = [self._token_test(p[0]) if len(p) == 1 else None for p in spec["patterns"]]
            if any(t is None for t in tests):
                self.matcher.add(str(rule), spec["patterns"])
            elif all(op in ("==", "IN") for t in tests for _, op, _ in t):
                for key in (k for t in tests for k in _table_keys(t)):
                    self.table.setdefault(key, []).append(rule)
            else:
                self.tested.append((rule, tests))
        self.keys = sorted({columns for columns, _ in self.table})
        return self

    def _token_test(self, spec: dict) -> list[tuple[int, str, object]] | None:
        """(column, operator, value) checks for one token spec; None when it needs the Matcher."""
        checks = []
        for name, value in spec.items():
            if name not in _RULER_ATTRS:
                return None
            column = _RULER_ATTRS.index(name)
            if isinstance(value, (str, bool)):
                checks.append((column, "==", self._hash(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
                op, values = next(iter(value.items()))
                checks.append((column, op, frozenset(self._hash(v) for v in values)))
            elif isinstance(value, dict) and set(value) == {"REGEX"} and name == "LOWER":
                checks.append((column, "REGEX", re.compile(value["REGEX"])))
            else:
                return None
        return checks

    def _hash(self, value: str | bool) -> int:
        return int(value) if isinstance(value, bool) else self.vocab.strings.add(value)

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        hits: dict[int, tuple[int, ...]] = {}
        for i, row in enumerate(doc.to_array([TAG, LOWER, IS_SPACE, DEP]).tolist()):
            rules = self._rules_for(tuple(row))
            if rules:
                hits[i] = rules
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = int(self.vocab.strings[match_id])
            at = self.indices[rule]
            token = start + at if at >= 0 else end + at
            hits[token] = tuple(sorted({*hits.get(token, ()), rule}))
        for i, rules in hits.items():
            set_token_attrs(doc[i], self._merged(rules))
        return doc

    def _rules_for(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """The one-token rules that apply to a token with `row`'s attributes, in rule order."""
        rules = self.rows.get(row)
        if rules is None:
            if len(self.rows) >= _RULER_CACHE_ROWS:
                self.rows.clear()
            found = {r for columns in self.keys for r in self.table.get((columns, tuple(row[c] for c in columns)), ())}
            found.update(rule for rule, tests in self.tested if any(self._passes(row, t) for t in tests))
            rules = self.rows[row] = tuple(sorted(found))
        return rules

    def _passes(self, row: tuple[int, ...], checks: list[tuple[int, str, object]]) -> bool:
        for column, op, value in checks:
            have = row[column]
            if op == "==":
                ok = have == value
            elif op == "IN":
                ok = have in value
            elif op == "NOT_IN":
                ok = have not in value
            else:
                ok = bool(value.search(self.vocab.strings[have]))
            if not ok:
                return False
        return True

    def _merged(self, rules: tuple[int, ...]) -> dict:
        """The attributes of `rules` applied in order, as one dict (a later rule wins)."""
        if rules not in self.merged:
            merged: dict = {}
            for rule in rules:
                merged.update(self.attrs[rule])
            self.merged[rules] = merged
        return self.merged[rules]


# Distinct (word, POS, morphology) lemmas remembered; the cap keeps memory flat.
_LEMMA_CACHE_ROWS = 200_000


class CachedLemmatizer:
    """spaCy's rule lemmatizer, with the lemma of each (word, POS, morphology) worked out once.

    spaCy's rule lemma is a function of the word, its POS and its morphology
    alone, yet spaCy recomputes it for most tokens (its own cache skips base
    forms and whitespace) and makes a Python object of every token to do so:
    a twentieth of the parse.  Here lemmas are read and written as arrays and
    only an unseen (word, POS, morphology) goes to spaCy's `lemmatize`, so
    every lemma is the one spaCy gives (`tests/test_pipeline.py` compares them).
    """

    def __init__(self) -> None:
        self.lemmatizer = None
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def wrap(self, lemmatizer) -> "CachedLemmatizer":
        """Use spaCy's rule `lemmatizer` (its tables and its `overwrite` setting) for unseen words."""
        # The model ships each POS's known lemmas as a list (57,000 nouns) that
        # `rule_lemmatize` tests with `in` for every candidate form: the same
        # words as dict keys answer the same test without the scan.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index):
            index[pos] = dict.fromkeys(index[pos])
        self.lemmatizer = lemmatizer
        return self

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].tolist()
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if overwrite or lemma == 0:
                lemmas[i] = self._lemma(doc, i, (orth, pos, morph))
        doc.from_array([LEMMA], numpy_column(lemmas))
        return doc

    def _lemma(self, doc: "Doc", i: int, key: tuple[int, int, int]) -> int:
        lemma = self.lemmas.get(key)
        if lemma is None:
            if len(self.lemmas) >= _LEMMA_CACHE_ROWS:
                self.lemmas.clear()
            lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            self.lemmas[key] = lemma
        return lemma


def numpy_column(values: list[int]):
    """`values` as the uint64 column `Doc.from_array` takes."""
    import numpy

    return numpy.asarray(values, dtype=numpy.uint64).reshape(-1, 1)


def _table_keys(checks: list[tuple[int, str, object]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The (columns, values) rows a test of == and IN checks accepts, one key per combination."""
    checks = sorted(checks, key=lambda check: check[0])
    choices = [sorted(value) if op == "IN" else [value] for _, op, value in checks]
    columns = tuple(column for column, _, _ in checks)
    return [(columns, values) for values in product(*choices)]


def entities_only(model: "Language", texts: list[str | None], memo: "ParseMemo | None" = None) -> list["Doc | None"]:
    """Each text through the tokenizer and the entity recogniser alone (None stays None), in one batch;
    through `memo` (a `ParseMemo` over `recognise`), a text or paragraph met again is not read again.

    The small English model's recogniser has its own tok2vec and reads only
    the words, so it needs none of the components before it.
    """
    given = [text for text in texts if text is not None]
    if not given:
        return [None] * len(texts)
    docs = iter(memo.parse(given, len(given)) if memo is not None else recognise(model, given, len(given)))
    return [None if text is None else next(docs) for text in texts]


def recognise(model: "Language", texts: list[str], batch_size: int) -> Iterator["Doc"]:
    """`texts` through the tokenizer and the entity recogniser of `model` alone."""
    return model.get_pipe("ner").pipe((model.make_doc(text) for text in texts), batch_size=batch_size)


# Tokens of parsed texts `ParseMemo` remembers: a Doc costs about 0.5 kB a token (its tokens and
# the tok2vec tensor), so 200,000 tokens (a few hundred news articles, or a few thousand paragraphs)
# stay near 100 MB, and the copies of a story that arrive spread over a feed (the syndicated
# bench's 10 stories x 40 copies, shuffled, come back to a story every ten documents) still find it.
PARSE_MEMO_TOKENS = 200_000
# A chunk boundary: after a blank line, before a paragraph's first visible character.  spaCy's
# tokenizer ends a whitespace token there, and `paragraph_breaks` starts a sentence there, so the
# chunks' tokens and sentences are those of the whole text (their tags and arcs near the cut may
# not be: tok2vec reads four tokens either side, and a chunk parsed alone has none beyond its ends).
_CHUNK_START = re.compile(r"(?<=\n\n)(?=\S)")


def paragraph_chunks(text: str) -> list[str]:
    """`text` cut at paragraph starts (after a blank line), the breaks kept at each chunk's end:
    the chunks joined give `text` again."""
    cuts = [0, *(match.start() for match in _CHUNK_START.finditer(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a] or [text]


# Words (runs of non-space characters, each one token or more) of unchanged text a paragraph needs
# on either side to be parsed as in its whole text: tok2vec reads four tokens either side of a token
# (four layers of window 1) and the parser's and recogniser's features lie within a few tokens; no
# paragraph of tests/stories or of 200 PolNeAR texts parsed with two words of context either side
# differed from its parse in the whole text (and 50 of 179 did with none), so sixteen is a margin.
CONTEXT_WORDS = 16
# A text is parsed in windows (the paragraphs not held, with their context) only when they come to
# less than this share of it: otherwise the whole text is parsed, as cheap and simpler.
WINDOW_SHARE = 0.5


class ContextKey(NamedTuple):
    """A paragraph chunk with the unchanged text around it that its parse depends on."""

    before: str  # the chunks before it, back to CONTEXT_WORDS words or the start of the text
    chunk: str
    after: str  # the chunks after it, on to CONTEXT_WORDS words or the end of the text


def context_keys(chunks: list[str]) -> list[ContextKey]:
    """The `ContextKey` of each of `chunks` (a text's `paragraph_chunks`): two chunks of equal keys
    are parsed alike, their own words and CONTEXT_WORDS words either side (or the text's edge) equal."""
    return [ContextKey("".join(chunks[_context_start(chunks, n):n]), chunks[n],
                       "".join(chunks[n + 1:_context_end(chunks, n + 1)])) for n in range(len(chunks))]


def _context_start(chunks: list[str], n: int) -> int:
    """Where the context before chunk `n` starts: CONTEXT_WORDS words back, whole chunks, or 0."""
    words = 0
    while n > 0 and words < CONTEXT_WORDS:
        n -= 1
        words += len(chunks[n].split())
    return n


def _context_end(chunks: list[str], n: int) -> int:
    """Where the context after the chunks before `n` ends: CONTEXT_WORDS words on, or the last chunk."""
    words = 0
    while n < len(chunks) and words < CONTEXT_WORDS:
        words += len(chunks[n].split())
        n += 1
    return n


class _Window(NamedTuple):
    """Chunks `first` to `last` (exclusive) of a text, to be parsed within the window `text`, where
    they run from character `start` to `end`."""

    first: int
    last: int
    text: str
    start: int
    end: int


class _Plan(NamedTuple):
    """How a text sharing paragraphs with texts parsed before is parsed: the windows to parse, and
    where each other chunk is held (chunk -> (parsed text, first token, end token))."""

    windows: list[_Window]
    held: dict[int, tuple[str, int, int]]


class ParseMemo:
    """The whole pipeline over texts, each distinct text parsed once, and a paragraph met again in
    the same context not parsed again.

    By default a text is parsed as `Language.pipe` parses it, and the Doc of each text is the one
    spaCy gives it: a text met again (the same article under another id or address) gets the same
    Doc; a text sharing paragraphs with texts parsed before (a syndicated copy with a credit line
    or a dateline of its own) has only its other paragraphs parsed, each in a window holding
    CONTEXT_WORDS words of the text either side (`context_keys`), and its Doc is the paragraphs'
    joined (`Doc.from_docs`): a paragraph with the same words either side is parsed the same
    (`tests/test_parse_memo.py` compares such Docs with the whole parse, token by token).  With
    `by_paragraph`, every paragraph chunk is instead parsed alone, without its context, and
    remembered: a paragraph parsed alone is tagged a little differently near its ends, so that
    is not the default.  Docs handed out are not to be changed (a text met again, or of one chunk,
    gets the remembered Doc itself).
    """

    def __init__(self, model: "Language", tokens: int = PARSE_MEMO_TOKENS, in_context: bool = True,
                 pipe: "Callable[[list[str], int], Iterable[Doc]] | None" = None) -> None:
        self.model, self.tokens, self.held, self.in_context = model, tokens, 0, in_context
        # What a text goes through: the whole pipeline, or `pipe(texts, batch_size)` (e.g. `recognise`).
        self.pipe = pipe or (lambda texts, batch_size: model.pipe(texts, batch_size=batch_size))
        self.docs: "OrderedDict[str, Doc]" = OrderedDict()  # parsed text (whole, chunk or window) -> Doc
        # A paragraph's key -> the parsed text holding it and its tokens there; and the keys of each text.
        self.paragraphs: dict[ContextKey, tuple[str, int, int]] = {}
        self.keyed: dict[str, list[ContextKey]] = {}
        self.batch: dict[str, Doc] = {}  # the texts parsed or met during one `parse`, held until it returns

    def parse(self, texts: list[str], batch_size: int, by_paragraph: bool = False) -> list["Doc"]:
        """The Doc of each of `texts`, in order; what is not remembered goes through one pipe (two
        when texts of the batch share paragraphs, so that the later ones reuse the first's)."""
        if by_paragraph:
            return self._parse_chunks(texts, batch_size)
        try:
            return self._parse_whole(texts, batch_size)
        finally:
            self.batch.clear()

    def _parse_whole(self, texts: list[str], batch_size: int) -> list["Doc"]:
        docs: dict[int, Doc] = {}
        keys = {n: context_keys(paragraph_chunks(text)) if self.in_context else [] for n, text in enumerate(texts)}
        later, claimed = [], set()
        for n, text in enumerate(texts):
            if self._holds(text):
                docs[n] = self._held(text)
            elif claimed.isdisjoint(keys[n]) and self._plan(keys[n]) is None:
                claimed.update(keys[n])
            else:
                later.append(n)  # planned once the texts before it in the batch are parsed and remembered
        self._pipe({texts[n]: keys[n] for n in range(len(texts)) if n not in docs and n not in later}, batch_size)
        plans = {n: None if self._holds(texts[n]) else self._plan(keys[n]) for n in later}
        for plan in filter(None, plans.values()):
            for held, _first, _end in plan.held.values():
                self._held(held)  # what a plan reuses stays at hand, whatever the next pipe lets go of
        self._pipe({**{texts[n]: keys[n] for n, plan in plans.items() if plan is None},
                    **{window.text: [] for plan in filter(None, plans.values()) for window in plan.windows}}, batch_size)
        for n, text in enumerate(texts):
            if n not in docs:
                docs[n] = self._held(text) if plans.get(n) is None else self._joined(keys[n], plans[n])
        return [docs[n] for n in range(len(texts))]

    def _plan(self, keys: list[ContextKey]) -> "_Plan | None":
        """How to parse a text of these chunk keys reusing the chunks held: the windows to parse, in
        which every other chunk is parsed in context; None when no chunk is held or the windows are
        not worth it (WINDOW_SHARE)."""
        chunks = [key.chunk for key in keys]
        missing = [key not in self.paragraphs for key in keys]
        if len(keys) < 2 or all(missing):
            return None
        runs: list[list[int]] = []  # [first, last) of each run of missing chunks, windows not overlapping
        for n, gone in enumerate(missing):
            if not gone:
                continue
            if runs and (runs[-1][1] == n or _context_end(chunks, runs[-1][1]) > _context_start(chunks, n)):
                runs[-1][1] = n + 1
            else:
                runs.append([n, n + 1])
        windows = []
        for first, last in runs:
            start, end = _context_start(chunks, first), _context_end(chunks, last)
            text = "".join(chunks[start:end])
            before = sum(map(len, chunks[start:first]))
            windows.append(_Window(first, last, text, before, before + sum(map(len, chunks[first:last]))))
        if sum(len(window.text) for window in windows) >= WINDOW_SHARE * sum(map(len, chunks)):
            return None
        covered = {n for window in windows for n in range(window.first, window.last)}
        return _Plan(windows, {n: self.paragraphs[key] for n, key in enumerate(keys) if n not in covered})

    def _pipe(self, texts: dict[str, list[ContextKey]], batch_size: int) -> None:
        """Parse `texts` (those not held yet) in one pipe and remember them with their chunk keys."""
        new = [text for text in texts if not self._holds(text)]
        for text, doc in zip(new, self.pipe(new, batch_size)):
            self.batch[text] = doc
            self._remember(text, doc, texts[text])

    def _held(self, text: str) -> "Doc":
        """The Doc of a text parsed before (in this `parse` or, still remembered, an earlier one)."""
        if text not in self.batch:
            self.docs.move_to_end(text)
            self.batch[text] = self.docs[text]
        return self.batch[text]

    def _holds(self, text: str) -> bool:
        return text in self.batch or text in self.docs

    def _joined(self, keys: list[ContextKey], plan: "_Plan") -> "Doc":
        """The Doc of a text of these chunk keys: its held chunks, and the others out of the plan's
        windows (which are remembered as holding them)."""
        from spacy.tokens import Doc

        pieces: list[tuple[str, int, int]] = []  # (parsed text, first token, end token), in order
        starts = {window.first: window for window in plan.windows}
        n = 0
        while n < len(keys):
            window = starts.get(n)
            if window is None:
                pieces.append(plan.held[n])
                n += 1
                continue
            cuts = _token_starts(self._held(window.text), _chunk_offsets(keys, window))
            for m, (first, end) in enumerate(zip(cuts, cuts[1:])):
                self._index(keys[window.first + m], (window.text, first, end))
                pieces.append((window.text, first, end))
            n = window.last
        return Doc.from_docs([self._held(held)[first:end].as_doc() for held, first, end in pieces],
                             ensure_whitespace=False)

    def _remember(self, text: str, doc: "Doc", keys: list[ContextKey]) -> None:
        self.docs[text] = doc
        self.held += len(doc)
        if len(keys) > 1:
            cuts = _token_starts(doc, _chunk_offsets(keys, _Window(0, len(keys), text, 0, len(text))))
            for key, first, end in zip(keys, cuts, cuts[1:]):
                self._index(key, (text, first, end))
        while self.held > self.tokens and len(self.docs) > 1:
            gone, doc = self.docs.popitem(last=False)
            self.held -= len(doc)
            for key in self.keyed.pop(gone, ()):
                if self.paragraphs.get(key, (None,))[0] == gone:
                    del self.paragraphs[key]

    def _index(self, key: ContextKey, where: tuple[str, int, int]) -> None:
        self.paragraphs[key] = where
        self.keyed.setdefault(where[0], []).append(key)

    def _parse_chunks(self, texts: list[str], batch_size: int) -> list["Doc"]:
        """`parse` with `by_paragraph`: each chunk parsed alone, remembered, and the chunks' Docs joined."""
        from spacy.tokens import Doc

        chunked = [paragraph_chunks(text) for text in texts]
        batch: dict[str, Doc] = {}
        for chunk in (chunk for chunks in chunked for chunk in chunks):
            if chunk not in batch and chunk in self.docs:
                batch[chunk] = self._held(chunk)
        new = list(dict.fromkeys(chunk for chunks in chunked for chunk in chunks if chunk not in batch))
        for chunk, doc in zip(new, self.pipe(new, batch_size)):
            batch[chunk] = doc
            self._remember(chunk, doc, [])
        return [batch[chunks[0]] if len(chunks) == 1 else
                Doc.from_docs([batch[chunk] for chunk in chunks], ensure_whitespace=False)
                for chunks in chunked]


def _chunk_offsets(keys: list[ContextKey], window: _Window) -> list[int]:
    """Where each chunk of `window` starts in its text, and where the last one ends."""
    offsets = [window.start]
    for key in keys[window.first:window.last]:
        offsets.append(offsets[-1] + len(key.chunk))
    return offsets


def _token_starts(doc: "Doc", offsets: list[int]) -> list[int]:
    """The index of the first token at or after each character offset of `doc` (len(doc) past its end)."""
    from spacy.attrs import IDX

    idx = doc.to_array([IDX]).reshape(-1).tolist() if len(doc) else []
    return [bisect_left(idx, offset) for offset in offsets]


@lru_cache(maxsize=4)
def parse_memo(name: str) -> ParseMemo:
    """The one `ParseMemo` of model `name` in this process (each --jobs worker has its own)."""
    return ParseMemo(load_model(name))


@lru_cache(maxsize=4)
def entity_memo(name: str) -> ParseMemo:
    """The one `ParseMemo` of model `name`'s entity recogniser alone (`recognise`, for `entities_only`)."""
    model = load_model(name)
    return ParseMemo(model, pipe=lambda texts, batch_size: recognise(model, texts, batch_size))
