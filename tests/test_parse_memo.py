"""The parse memo (extract/nlp.ParseMemo): the same Docs as spaCy's own pipe, each text parsed once."""
from __future__ import annotations

import pytest

from claimledger.extract.nlp import ParseMemo, paragraph_chunks

PARAGRAPHS = [
    "Carried by partner outlet 3 of 40.\n\n",
    "The ministry said 1,200 people had fled, up from 800.\n\n",
    "   \n\n",
    "Aid groups said about 40 camps were full.\n",
]


@pytest.mark.parametrize("text, chunks", [
    ("", [""]),
    ("One paragraph, no break.", ["One paragraph, no break."]),
    ("First.\n\nSecond.", ["First.\n\n", "Second."]),
    ("First.\nSame paragraph.\n\nSecond.\n", ["First.\nSame paragraph.\n\n", "Second.\n"]),
    ("First.\n\n   blanked start\n\nThird.", ["First.\n\n   blanked start\n\n", "Third."]),
    ("".join(PARAGRAPHS), [PARAGRAPHS[0], "".join(PARAGRAPHS[1:3]), PARAGRAPHS[3]]),
])
def test_paragraph_chunks_cut_before_a_paragraphs_first_visible_character(text, chunks):
    assert paragraph_chunks(text) == chunks
    assert "".join(paragraph_chunks(text)) == text


def annotations(doc) -> list[tuple]:
    return [(t.idx, t.text, t.whitespace_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]


def test_whole_texts_are_parsed_as_spacys_pipe_parses_them_and_a_text_met_again_is_not_parsed_again(nlp):
    texts = ["".join(PARAGRAPHS), "The toll rose to 94, officials said.\n", "".join(PARAGRAPHS)]
    memo = ParseMemo(nlp)
    docs = memo.parse(texts, batch_size=8)
    assert [annotations(doc) for doc in docs] == [annotations(doc) for doc in nlp.pipe(texts)]
    assert docs[0] is docs[2] and len(memo.docs) == 2
    again = memo.parse([texts[1]], batch_size=8)
    assert again[0] is docs[1]


def test_by_paragraph_a_copy_reuses_its_originals_paragraphs_and_keeps_every_offset(nlp):
    original = "".join(PARAGRAPHS[1:])
    copy = "Carried by partner outlet 7 of 40.\n\n" + original
    memo = ParseMemo(nlp)
    first, = memo.parse([original], batch_size=8, by_paragraph=True)
    held = len(memo.docs)
    second, = memo.parse([copy], batch_size=8, by_paragraph=True)
    assert len(memo.docs) == held + 1  # only the credit line was parsed
    assert first.text == original and second.text == copy
    shift = len(copy) - len(original)
    tail = [t for t in second if t.idx >= shift]
    assert [(t.idx - shift, t.text, t.tag_, t.dep_) for t in tail] == [(t.idx, t.text, t.tag_, t.dep_) for t in first]
    assert [(t.text, t.whitespace_) for t in second] == [(t.text, t.whitespace_) for t in nlp(copy)]


def test_the_memo_holds_a_bounded_number_of_tokens(nlp):
    memo = ParseMemo(nlp, tokens=30)
    memo.parse([f"Paragraph {n} says 1,{n:03d} people were counted in the camp.\n" for n in range(10)], batch_size=8)
    assert memo.held == sum(len(doc) for doc in memo.docs.values()) <= 30
    assert 0 < len(memo.docs) < 10
