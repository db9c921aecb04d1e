"""The parse memo (extract/nlp.ParseMemo): the same Docs as spaCy's own pipe, each text parsed once."""
from __future__ import annotations

import pytest

from claimledger.extract.nlp import PARSE_MEMO_TOKENS, ParseMemo, paragraph_chunks

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


def full_annotations(doc) -> list[tuple]:
    return [(t.idx, t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph),
             t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc] + [(e.start, e.end, e.label_) for e in doc.ents]


STORY = [
    "The United Nations said on Monday that 1,200 people had fled the fighting near Goma, up from 800 a week before.\n\n",
    "Aid groups said about 40 camps around the city were full, and that the World Food Programme had sent 12 trucks.\n\n",
    "Jean Mukendi, a local official, told reporters the toll had risen to 94 since the clashes began in March.\n\n",
    "The ministry of health said 300 of the wounded were children, and that two clinics had closed.\n\n",
    "Officials in Kinshasa said on Tuesday that a further 2,000 soldiers would be sent to the region by April.\n\n",
    "The last census, in 2015, counted about 600,000 people in the district, most of them farmers.\n\n",
    "Schools in the area have been shut since February, the education ministry said.\n",
]


def test_a_copy_has_only_its_own_paragraphs_parsed_in_context_and_its_doc_is_the_whole_parse(nlp):
    copies = ["Carried by partner outlet 7 of 40.\n\n" + "".join(STORY),
              "".join(STORY[:2]) + "Jean Mukendi told reporters the toll had risen to 95.\n\n" + "".join(STORY[3:])]
    memo = ParseMemo(nlp)
    first, = memo.parse(["".join(STORY)], batch_size=8)
    docs = memo.parse(copies, batch_size=8)
    assert [full_annotations(doc) for doc in [first, *docs]] == \
        [full_annotations(doc) for doc in nlp.pipe(["".join(STORY), *copies])]
    # the credit line was parsed with the next paragraphs as context, not the whole copy; the copy
    # whose third paragraph changed has more than half its text around the change: parsed whole
    window, = [text for text in memo.docs if text not in ("".join(STORY), *copies)]
    assert window.startswith("Carried by") and "Goma" in window and "Mukendi" not in window
    assert copies[0] not in memo.docs and copies[1] in memo.docs


def test_a_paragraph_in_other_context_is_parsed_again(nlp):
    memo = ParseMemo(nlp)
    memo.parse(["".join(STORY)], batch_size=8)
    shuffled = "".join(STORY[n] for n in (2, 0, 6, 4, 1, 5, 3))
    doc, = memo.parse([shuffled], batch_size=8)
    assert full_annotations(doc) == full_annotations(nlp(shuffled))
    assert shuffled in memo.docs  # no paragraph had its context: parsed whole


def test_copies_in_one_batch_and_a_memo_too_small_to_hold_them_still_get_their_own_parse(nlp):
    texts = [f"Carried by partner outlet {n} of 9.\n\n" + "".join(STORY) for n in range(9)]
    for tokens in (30, PARSE_MEMO_TOKENS):
        memo = ParseMemo(nlp, tokens=tokens)
        docs = memo.parse(texts[:3], batch_size=8) + memo.parse(texts[3:], batch_size=8)
        assert [full_annotations(doc) for doc in docs] == [full_annotations(doc) for doc in nlp.pipe(texts)]
        assert memo.held == sum(len(doc) for doc in memo.docs.values())


def test_the_entity_memo_gives_the_recognisers_own_entities_and_reads_a_copy_once(nlp):
    from claimledger.extract.nlp import entities_only, recognise

    def entities(doc):
        return [(t.idx, t.text, t.ent_iob_, t.ent_type_) for t in doc] + [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    texts = [f"Carried by partner outlet {n} of 40.\n\n" + "".join(STORY) for n in (7, 12)] + ["".join(STORY)]
    read: list[str] = []
    memo = ParseMemo(nlp, pipe=lambda batch, size: (read.extend(batch), recognise(nlp, batch, size))[1])
    got = entities_only(nlp, [texts[0], None], memo) + entities_only(nlp, texts[1:], memo)
    assert got[1] is None
    assert [entities(doc) for doc in got if doc is not None] == [entities(doc) for doc in recognise(nlp, texts, 8)]
    assert read[0] == texts[0] and all(len(text) < len(texts[1]) / 2 for text in read[1:])
