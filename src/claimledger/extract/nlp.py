"""Stage 1: sentences, tokens, parse and entities from spaCy.

The model is a setting (`Options.model`), loaded once per process and only
when first needed.  Nothing is ever downloaded: a missing model is a clear
error naming how to install it.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING

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


def entities_only(model: "Language", texts: list[str | None]) -> list["Doc | None"]:
    """Each text through the tokenizer and the entity recogniser alone (None stays None), in one batch.

    The small English model's recogniser has its own tok2vec and reads only
    the words, so it needs none of the components before it.
    """
    given = [text for text in texts if text is not None]
    if not given:
        return [None] * len(texts)
    docs = iter(model.get_pipe("ner").pipe((model.make_doc(text) for text in given), batch_size=len(given)))
    return [None if text is None else next(docs) for text in texts]


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


class ParseMemo:
    """The whole pipeline over texts, each distinct text (or paragraph chunk) parsed once.

    By default a text is parsed whole, as `Language.pipe` parses it, and a text met again (the same
    article under another id or address, or a copy whose changed line the selective parse blanks)
    is not parsed again: its Doc is the same.  With `by_paragraph`, a text is cut into paragraph
    chunks (`paragraph_chunks`), each parsed alone and remembered, and its Doc is theirs joined
    (`Doc.from_docs`); a syndicated copy that differs from its original by a paragraph (a credit
    line, a dateline) then has only that paragraph parsed, and since every chunk is parsed alone,
    a text's Doc does not depend on what came before it.  Docs handed out are not to be changed
    (a text of one chunk gets the remembered Doc itself).
    """

    def __init__(self, model: "Language", tokens: int = PARSE_MEMO_TOKENS) -> None:
        self.model, self.tokens, self.held = model, tokens, 0
        self.docs: "OrderedDict[str, Doc]" = OrderedDict()

    def parse(self, texts: list[str], batch_size: int, by_paragraph: bool = False) -> list["Doc"]:
        """The Doc of each of `texts`, in order; the texts (chunks) not remembered go through one pipe."""
        from spacy.tokens import Doc

        chunked = [paragraph_chunks(text) if by_paragraph else [text] for text in texts]
        batch: dict[str, Doc] = {}
        for chunk in (chunk for chunks in chunked for chunk in chunks):
            if chunk not in batch and chunk in self.docs:
                self.docs.move_to_end(chunk)
                batch[chunk] = self.docs[chunk]
        new = list(dict.fromkeys(chunk for chunks in chunked for chunk in chunks if chunk not in batch))
        for chunk, doc in zip(new, self.model.pipe(new, batch_size=batch_size)):
            batch[chunk] = doc
            self._remember(chunk, doc)
        return [batch[chunks[0]] if len(chunks) == 1 else
                Doc.from_docs([batch[chunk] for chunk in chunks], ensure_whitespace=False)
                for chunks in chunked]

    def _remember(self, chunk: str, doc: "Doc") -> None:
        self.docs[chunk] = doc
        self.held += len(doc)
        while self.held > self.tokens and len(self.docs) > 1:
            self.held -= len(self.docs.popitem(last=False)[1])


@lru_cache(maxsize=4)
def parse_memo(name: str) -> ParseMemo:
    """The one `ParseMemo` of model `name` in this process (each --jobs worker has its own)."""
    return ParseMemo(load_model(name))
