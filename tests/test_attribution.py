"""Tests for the attribution stage: cue, source, modality, relay, coreference.

The short documents are our own paraphrases written for these tests.  The
seed-corpus and PolNeAR tests skip when ../shared is not beside the repo.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimledger.extract.attribution.attribute import attribute
from claimledger.records import Attribution

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
POLNEAR = SHARED / "eval" / "polnear" / "data" / "dev"
MINIMUMS = Path(__file__).resolve().parent / "eval_minimums.json"
POLNEAR_SUBSET = 20  # articles scored by the gate test (the bench scores the whole split)


def run(nlp, text: str, figures: list[str]) -> list[Attribution]:
    """Attribute the first occurrence of each figure; check offsets on the way."""
    doc = nlp(text)
    spans = []
    for figure in figures:
        start = text.index(figure)
        spans.append((start, start + len(figure)))
    found = attribute(doc, spans)
    for record in found:
        if record.source_start is not None:
            assert text[record.source_start:record.source_end] == record.source_text
    return found


def test_parenthetical_cue_covers_both_figures(nlp):
    text = ("Six hundred Russian instructors have been sent to the country, the foreign ministry said "
            "on Thursday, bringing the total to 1,135.")
    for record in run(nlp, text, ["Six hundred", "1,135"]):
        assert record.source_text == "the foreign ministry"
        assert (record.cue, record.modality, record.source_kind) == ("said", "asserted", "government")


def test_quote_with_recipient_is_not_a_relay(nlp):
    text = '"One more group of 600 people has arrived," the Russian foreign ministry said in a statement to AFP.'
    [record] = run(nlp, text, ["600"])
    assert record.source_text == "the Russian foreign ministry"
    assert "foreign affairs" in record.source.lower() or "foreign ministry" in record.source.lower()
    assert record.cue == "said" and record.relayed_by is None


def test_that_clause_with_two_figures(nlp):
    text = "The foreign ministry in Moscow said that Russia sent 175 instructors in 2018, and that number grew to 235 later."
    for record in run(nlp, text, ["175", "235"]):
        assert record.source_text == "The foreign ministry in Moscow"
        assert record.cue == "said"


def test_the_ministry_resolves_to_earlier_ministry(nlp):
    text = ("The Russian foreign ministry said 20 officers had left. "
            "Another 300 instructors were sent in December, the ministry added.")
    _, record = run(nlp, text, ["20", "300"])
    assert record.source_text == "the ministry"
    assert record.cue == "added"
    assert record.source == "Russian Ministry of Foreign Affairs"
    assert record.source_kind == "government"


def test_estimate_with_citing(nlp):
    text = ("The UN experts, citing multiple sources, estimated that up to 2,100 Russian instructors "
            "could be in the country now.")
    [record] = run(nlp, text, ["2,100"])
    assert record.source_text == "The UN experts"
    assert (record.cue, record.modality, record.source_kind) == ("estimated", "estimated", "intergovernmental")


def test_interview_answer_speaker(nlp):
    text = ("Department of Africa Director Andrei Kemarsky answered questions from reporters.\n\n"
            "Question: How many advisers are there?\n\n"
            "Andrei Kemarsky: We have worked there for a long time.\n\n"
            "Five military and 170 civilian instructors from Russia were sent to train the army.\n")
    for record in run(nlp, text, ["Five", "170"]):
        assert record.source == "Andrei Kemarsky"
        assert record.cue == "interview answer"
        assert record.source_kind == "government"


def test_the_diplomat_resolves_to_named_person(nlp):
    text = ("When asked how many trainers were present, Bikantov said the embassy had no data on it. "
            "The diplomat added that 1,890 instructors remained.")
    [record] = run(nlp, text, ["1,890"])
    assert record.source_text == "The diplomat"
    assert record.source == "Bikantov"
    assert record.cue == "added"


def test_according_to_pronoun(nlp):
    text = "Kemarsky said the talks went well. According to him, 40 people were killed."
    [record] = run(nlp, text, ["40"])
    assert record.source == "Kemarsky"
    assert record.cue.lower() == "according to"


def test_told_media_is_a_relay(nlp):
    [record] = run(nlp, "UN diplomatic sources told AFP that 300 soldiers were sent.", ["300"])
    assert record.source_text == "UN diplomatic sources"
    assert (record.relayed_by, record.source_kind, record.cue) == ("AFP", "anonymous", "told")


def test_denied(nlp):
    [record] = run(nlp, "Russia has denied that 300 paramilitaries were deployed.", ["300"])
    assert record.modality == "denied" and record.source == "Russia"


def test_projected_without_reporting_verb(nlp):
    [record] = run(nlp, "The government will send 500 more troops next year.", ["500"])
    assert record.modality == "projected"
    assert record.source_text == "The government"


def test_modal_in_reported_clause(nlp):
    [record] = run(nlp, "The ministry said Russia will send 300 more advisers.", ["300"])
    assert record.modality == "projected" and record.cue == "said"


def test_results_are_not_a_person(nlp):
    text = "Preliminary results showed more than 95 percent of voters backed the constitution."
    [record] = run(nlp, text, ["95 percent"])
    assert record.source is None or "results" in record.source.lower()


def test_no_cue_is_unattributed(nlp):
    [record] = run(nlp, "Unemployment rose to 7 percent in May.", ["7 percent"])
    assert record.source is None and record.source_kind is None and record.cue is None


def test_quote_continues_into_next_paragraph(nlp):
    text = "“The advisers will keep working,” Moscow said.\n“None of the 40 of them fight.”"
    [record] = run(nlp, text, ["40"])
    assert record.source_text == "Moscow"


def test_paragraph_after_colon(nlp):
    text = "The ministry said:\nThe mission counts 80 staff members."
    [record] = run(nlp, text, ["80"])
    assert record.source_text == "The ministry"


def test_empty_spans(nlp):
    assert attribute(nlp("Nothing here."), []) == []


def _seed_cases() -> list[tuple[str, str, int, dict]]:
    gold = json.loads((SHARED / "corpus" / "seeds-gold.json").read_text(encoding="utf-8"))
    cases, seen = [], {}
    for claim in gold["claims"]:
        text = (SEEDS / f"{claim['doc']}.txt").read_text(encoding="utf-8")
        key = (claim["doc"], claim["text"])
        start = text.index(claim["text"], seen.get(key, 0))
        seen[key] = start + len(claim["text"])
        cases.append((claim["doc"], text, start, claim))
    return cases


def _matches(record: Attribution, names: list[str]) -> bool:
    ours = [n.lower() for n in (record.source, record.source_text) if n]
    for name in names:
        if name == "unattributed" and record.source is None:
            return True
        gold = name.lower()
        if any(gold in mine or mine in gold for mine in ours):
            return True
    return False


def test_seed_corpus_sources_and_modality(nlp):
    if not SHARED.exists():
        pytest.skip("../shared not present: seed corpus is not bundled")
    docs = {}
    for doc_id, text, start, claim in _seed_cases():
        doc = docs.setdefault(doc_id, nlp(text))
        [record] = attribute(doc, [(start, start + len(claim["text"]))])
        assert _matches(record, claim["sources"]), (claim["text"], record)
        assert record.modality == claim["modality"], (claim["text"], record)


def test_cue_inside_a_quote_yields_to_the_quote_speaker(nlp):
    text = '"People say he will win 80 percent of the vote," the senator said on Monday.'
    [record] = run(nlp, text, ["80 percent"])
    assert record.source_text == "the senator"


def test_wants_with_a_clause_is_an_intention(nlp):
    text = "The governor wants to hire 300 more teachers next year."
    [record] = run(nlp, text, ["300"])
    assert record.source_text == "The governor"
    assert record.modality == "projected"


def test_possessive_claim_names_its_owner(nlp):
    text = "Reporters checked the mayor's claim that 4,000 homes were built last year."
    [record] = run(nlp, text, ["4,000"])
    assert record.source_text == "the mayor"  # the possessive 's is not part of the name


def test_polnear_dev_source_gate():
    if not POLNEAR.exists():
        pytest.skip("../shared/eval/polnear not present")
    sys.path.insert(0, str(REPO / "bench"))
    from polnear import score_polnear

    minimum = json.loads(MINIMUMS.read_text(encoding="utf-8")).get("polnear_dev_source_a")
    if minimum is None:
        pytest.skip("no stored minimum for polnear_dev_source_a")
    scores = score_polnear("dev", limit=POLNEAR_SUBSET, use_quantities=False)
    assert scores["source_a"] >= minimum, scores


@pytest.mark.slow
def test_polnear_dev_ranker_gate():
    """The trained ranker on the whole of PolNeAR dev, parsed as `add` parses (bench/polnear.py dev --selective).

    Dev is never read by the training script (bench/train_attribution.py fits and
    cross-validates on train only), so this is a held-out figure."""
    if not POLNEAR.exists():
        pytest.skip("../shared/eval/polnear not present")
    sys.path.insert(0, str(REPO / "bench"))
    from polnear import score_polnear

    minimum = json.loads(MINIMUMS.read_text(encoding="utf-8")).get("polnear_dev_source_a_selective")
    if minimum is None:
        pytest.skip("no stored minimum for polnear_dev_source_a_selective")
    scores = score_polnear("dev", selective=True)
    assert scores["source_a"] >= minimum, scores


# (text, figure, expected fields): cues and layouts added for issue #4, sentences our own.
ATTRIBUTION_CASES = [
    # doubled apostrophes are quote marks; the second quote keeps the first one's speaker
    ("''We have 40 offices,'' the mayor said. ''Next year we add 12 more.''", "12",
     dict(source_text="the mayor", cue="said")),
    # a quote left open at a paragraph's end runs on into the next paragraph's quote
    ("“Our budget doubled last year,” the treasurer said. “We spent it well.\n“Roads took 40 percent of it.”",
     "40 percent", dict(source_text="the treasurer")),
    # a verb right after an opening quote is not a parenthetical cue
    ("“Show me one plan that costs under 5 million,” the senator told reporters.", "5 million",
     dict(source_text="the senator", cue="told", relayed_by=None)),
    # polls and surveys speak without a that-clause
    ("A new Harbor Institute poll puts the mayor at 41 percent.", "41 percent",
     dict(source_text="A new Harbor Institute poll", modality="estimated", source_kind="expert")),
    ("In the latest city survey, 62 percent of renters backed the plan.", "62 percent",
     dict(source_text="the latest city survey", cue="In")),
    # "according to calculations by X": X, not the calculations
    ("Rents rose 8 percent last year, according to calculations by the housing office.", "8 percent",
     dict(source_text="the housing office", cue="according to")),
    # a passive cue with only an agent, and an "as" aside
    ("As reported by the Valley Herald, 300 jobs were cut at the plant.", "300",
     dict(source_text="the Valley Herald", source_kind="media")),
    ("As the treasurer explained, 3 funds were merged last spring.", "3",
     dict(source_text="the treasurer", cue="explained")),
    # a speaker label before a quote, without any "Question:" line
    ("Tax debate - Mara Quist: “We lost 2,000 jobs in a year.”", "2,000",
     dict(source="Mara Quist", cue=":")),
    # a stance verb is a cue with a subject that can hold a position, not with a thing
    ("Senator Oduya supports raising the fee to $40 next year.", "$40",
     dict(source_text="Senator Oduya", modality="projected")),
    ("The bridge supports 40 tonnes.", "40", dict(source=None, source_text=None, cue=None)),
    # a parenthetical cue in the middle of the sentence
    ("It is a cheap fix, they say, that would pay for itself in 3 years.", "3",
     dict(source_text="they", cue="say")),
    # nested cues: the outermost speaker answers, a news outlet outside only relays
    ("Councillor Brandt said the mayor claimed 500 homes were built.", "500",
     dict(source_text="Councillor Brandt", cue="said")),
    ("Local radio reported that the mayor said 500 homes were built.", "500",
     dict(source_text="the mayor", relayed_by="Local radio")),
    # a passive cue with no agent names nobody: the subject is the content
    ("The deficit is projected to reach $50 million next year.", "$50 million",
     dict(source=None, source_text=None, modality="projected")),
    # "continue" is a cue before a quote only
    ("He continued, “We lost 30 seats.”", "30", dict(source_text="He", cue="continued")),
    ("Prices continued to rise by 5 percent.", "5 percent", dict(source=None, source_text=None, cue=None)),
    # a relative pronoun subject of a stance verb stands for its noun
    ("The plan came from Senator Oduya, who has called for 2,000 new teachers.", "2,000",
     dict(source_text="Senator Oduya", modality="projected")),
    # "point out" takes a plain object
    ("Ms. Ferro pointed out the 30 closures in the district.", "30", dict(source_text="Ms. Ferro")),
]


@pytest.mark.parametrize("text", [
    "Russia's Ministry of Foreign Affairs said 300 advisers had arrived.",
    "The Russian foreign ministry said 300 advisers had arrived.",
    "The foreign ministry in Moscow said 300 advisers had arrived.",
])
def test_one_canonical_name_for_the_russian_foreign_ministry(nlp, text):
    [record] = run(nlp, text, ["300"])
    assert (record.source, record.source_kind) == ("Russian Ministry of Foreign Affairs", "government")


def test_a_capital_speaks_for_its_government(nlp):
    from claimledger.names import same_source

    [record] = run(nlp, "Moscow said 300 advisers had arrived.", ["300"])
    assert (record.source, record.source_kind) == ("Moscow", "government")
    assert same_source(record.source, "Russian Ministry of Foreign Affairs")
    assert not same_source(record.source, "the French foreign ministry")


def test_quotations_are_paired_within_a_paragraph():
    from claimledger.extract.attribution.attribute import quote_regions

    text = 'He wrote "a note.\nShe said "yes" twice.'
    assert quote_regions(text) == [(9, 17), (27, 32)]


def test_entities_within_a_mention_match_spacy(nlp):
    """The bisect lookup that replaced `span.ents` (a walk over doc.ents) gives the same entities."""
    from claimledger.extract.attribution.memory import _ents_within

    doc = nlp("Mayor Lena Hart of Dover told the Valley Herald on Monday that Acme Corp cut 40 jobs in Ohio.")
    ents = list(doc.ents)
    starts = [e.start for e in ents]
    assert len(ents) >= 3  # the sentence must hold several entities for the check to mean anything
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = doc[start:end]
            assert _ents_within(ents, starts, span) == list(span.ents), span.text


def test_sentence_lookup_matches_spacy(nlp):
    """`Analysis.sent_of` (bisect on sentence starts) finds the sentence spaCy's `Token.sent` gives."""
    from claimledger.extract.attribution.attribute import analyse

    doc = nlp("The council met. It said 30 roads need repair.\n\nA new paragraph starts here: 5 items.")
    analysis = analyse(doc)
    for token in doc:
        assert analysis.sents[analysis.sent_of(token.i)] == token.sent


# Rules added while reading PolNeAR train misses; sentences our own.
RULE_CASES = [
    # a reporting verb the tagger reads as a plural noun ("projects" as NOUN, the clause as relcl)
    ("The Harlow campaign projects that the new toll would raise $40 million a year.", "$40 million",
     dict(source_text="The Harlow campaign", cue="projects", modality="projected")),
    # a valuation verb with a subject that can speak and a number after at/as/with
    ("Marlow Analytics puts the city's debt at $3 billion.", "$3 billion",
     dict(source_text="Marlow Analytics", modality="estimated")),
    ("The statistics office lists the town's population as 12,400.", "12,400",
     dict(source_text="The statistics office")),
    # ... but not with a subject that cannot speak, nor when the number is elsewhere
    ("The storm put 40 homes at risk.", "40", dict(source=None, source_text=None)),
    # "hoping" is lemmatized "hop" by the model: the stance verb is still read
    ("Mayor Ortiz spoke on Monday. He is hoping for 300 new homes by spring.", "300",
     dict(source="Ortiz", source_text="He", cue="hoping")),
    # a quote with no cue keeps the previous quote's speaker, not a cue in the next paragraph
    ("“The fee should drop to $20,” Ms. Lane said. “Families cannot pay 45 dollars.”\n\n"
     "The treasurer said the fund was short.", "45 dollars", dict(source_text="Ms. Lane")),
    # a transcript whose turns are labelled with speakers' names in capitals: the answer is the label's
    ("MORALES: Thank you for joining us tonight.\n\nHALVORSEN: We have hired 300 teachers since March, "
     "and I think we need 200 more.\n\nMORALES: Is that enough?", "200",
     dict(source_text="HALVORSEN", cue="interview answer")),
    # of two subjects the parser hangs on one cue, the one next to it speaks
    ("The three “reforms” she listed are “a lower levy, a new bridge and 40 more buses,” The Ledger reported.",
     "40", dict(source_text="The Ledger", cue="reported")),
    # "let's say" sets up a supposition: the figure is what "you" expect, not what "'s" says
    ("Let's say you expect a house to cost $300,000 in ten years.", "$300,000", dict(source_text="you")),
    # "read" after a quote
    ("“Only 12 of the 40 stations reopened,” the letter read.", "12", dict(source_text="the letter", cue="read")),
    # a quote signed after a dash at the end of its line
    ("“We waited 9 hours for a bus.” ― Rosa M. Quill\n“The line was long.” ― Tom Ebner\n", "9",
     dict(source_text="Rosa M. Quill")),
    # "she" is the senator named as subject just before, not the last speaker on record
    ("Dr. Amos Reed said the survey was complete. Senator Jane Holt questioned him: “Your study counted "
     "only 14 clinics,” she said.", "14", dict(source="Jane Holt", source_text="she")),
    # a cue after a semicolon opens its own clause
    ("The Fenwick Institute estimates that the levy would raise $2 billion; the Arden Council puts the "
     "figure at $900 million.", "$2 billion", dict(source_text="The Fenwick Institute", cue="estimates")),
    # a cue inside a "when" clause speaks for its own figure, not the main verb's subject
    ("Critics cite the 2010 census, when the county wrongly reported that 8,000 residents had moved away.",
     "8,000", dict(source_text="the county", cue="reported")),
    # a named source and a colon open a headline line
    ("Halvorsen: We Will Hire 300 Teachers\n\nThe minister spoke in Brenhill on Monday.", "300",
     dict(source_text="Halvorsen", cue=":")),
    # ... but a place before the colon is the story's subject, and a bare tally is a table row
    ("Chad: Floods Leave 40 Families Homeless\n\nRescuers searched the valley.", "40", dict(source_text=None)),
    ("Delegates so far\nHalvorsen: 2,316.\nMorales: 1,501.\n", "2,316", dict(source_text=None)),
    # a classing verb with a number in its object and an "as" complement
    ("Veritas Check rated 40% of the senator's statements as false.", "40%",
     dict(source_text="Veritas Check", cue="rated")),
    # an owned forecast or estimate that a verb revises or holds ("its": the verb's subject)
    ("The central bank raised its growth forecast by 0.2 points to 2.9 percent.", "2.9 percent",
     dict(source_text="The central bank", cue="forecast", modality="projected")),
    ("That left the agency's estimate of exports at 4.1 percent.", "4.1 percent",
     dict(source_text="the agency", cue="estimate", modality="estimated")),
    # a cue in a relative clause on the figure, but not a "which" clause describing what is counted
    ("Auditors questioned the $12 million she says the fund raised.", "$12 million",
     dict(source_text="she", cue="says")),
    ("There were four cases in which the mayor defended the budget.", "four", dict(source_text=None)),
    # "claim" with an object that makes it a tax or a toll, not a statement
    ("The paper wrote that the company claimed a loss of $3 million in 2019.", "$3 million",
     dict(source_text="The paper", cue="wrote")),
    ("The storm claimed 40 lives in the valley.", "40", dict(source_text=None)),
    # later clauses of a semicolon list stay with the cue whose content runs to the first semicolon
    ("The inspectors wrote that the port handled 2 million tons of grain; the depot moved 50,000 tons; "
     "the mill ran 80 kilns.", "50,000", dict(source_text="The inspectors")),
    # ... and "according to" at the end of such a list speaks for all of it
    ("On May 2 the Harbor Inn was paid $12,400; the Lodge was paid $8,900; and the Grill was paid $3,100, "
     "according to county records.", "$8,900", dict(source_text="county records")),
    # "according to" inside a quotation is the quoted speaker's source, not the writer's
    pytest.param("The depot moved 50,000 tons, and the owner said the mill \"runs 80 kilns, according to its own "
                 "website.\"", "50,000", dict(source_text=None), marks=pytest.mark.xfail(
                     reason="issue 20: with the sentence's subjects as candidates the ranker's frames now outscore "
                            "the own voice by a hair (4.07 vs the margin); wants a feature for a cue in another clause")),
    # an evidence verb the tagger reads as a noun, after the records that speak
    ("The race tightened after tax records from her 2019 audit show she owed $2 million.", "$2 million",
     dict(source_text="tax records from her 2019 audit", cue="show")),
    # a subjectless participle right after "X said," speaks for X
    ("\"We will not go back,\" Okafor said, going on to say that the region has spent \"decades on 40 "
     "schools, and young people do not want to lose that.\"", "40", dict(source_text="Okafor")),
    # a light verb with a speech noun, a colon and the quoted paragraph after it
    ("Okafor made the following remark:\n\n\u201cAbout 300 families have left the valley.\u201d", "300",
     dict(source_text="Okafor", cue="made")),
    ("The council issued a statement citing six earlier resolutions.", "six",
     dict(source_text="The council", cue="issued")),
    ("Reyes made it clear he expects 20 more layoffs.", "20", dict(source_text="Reyes", cue="made")),
    # campaign material as evidence
    ("A web ad by the Dalton campaign mentions three plants that closed.", "three",
     dict(source_text="A web ad by the Dalton campaign", cue="mentions")),
    # owned nominal cues and owned participles
    ("Marsh's repeated insistence that only 2 percent of staff were involved angered the panel.", "2 percent",
     dict(source_text="Marsh", cue="insistence")),
    ("Few members meet the union's recommended 30 hours of training.", "30 hours",
     dict(source_text="the union", cue="recommended")),
    # a news outlet reporting what a named source says relays it
    ("Reuters reports that exports reached $4 billion, according to the trade ministry.", "$4 billion",
     dict(source_text="the trade ministry", relayed_by="Reuters")),
    # found on PolNeAR train: a poll in a phrase modifying the cue verb speaks for its own figure
    ("The mayor, in the wake of a survey showing his support down to 14 percent, told reporters he would stay.",
     "14 percent", dict(source_text="a survey", cue="showing")),
    # a counted speech noun is a tally, not a statement
    ("She made 12 comments at the hearing.", "12", dict(source_text=None)),
    # "according to" inside a quotation yields to the quotation's speaker
    ("“According to the Halden Institute, 47 percent of homes will need new roofs,” the review stated.",
     "47 percent", dict(source_text="the review", cue="stated")),
    # a quoted paragraph after a quote keeps that quote's speaker, not a subject named inside it
    ("As Dana Byrne pointed out in May, “Most towns have to worry about eight clinics.”\n\n"
     "\"Suppose the county funds 20 more clinics next year.\"", "20", dict(source_text="Dana Byrne")),
    # a name between a closing quote and the cue is its subject, however parsed
    ("“I can name only two wins,” Harlan answers.", "two", dict(source_text="Harlan", cue="answers")),
    # a figure counting the speakers takes the poll named in the sentence before
    ("Voters soured on the plan over the summer, according to a new Marlow poll. Sixty-one percent now "
     "believe it will fail.", "Sixty-one percent", dict(source_text="a new Marlow poll")),
    # records showing a figure "according to" a named body are that body's
    ("County records show the $90,000 the mayor raised is the most of any candidate, according to the "
     "Civic Ledger Project.", "$90,000", dict(source_text="the Civic Ledger Project")),
    # a poll the parser hangs its "found that" on
    ("A Brennan College poll found last week that the mayor would win 52 to 41 percent.", "52 to 41 percent",
     dict(source_text="A Brennan College poll", cue="found")),
    # "As X noted," with no clause of its own
    ("As the Lakeside Courier noted, the mayor raised more than $2 million last year.", "more than $2 million",
     dict(source_text="the Lakeside Courier", cue="noted")),
    # records closing the sentence after a comma, "show" read as a noun
    ("Ortiz has not given to any 2020 candidate except Lee, county election records compiled by the Civic "
     "Ledger Project show.", "2020", dict(source_text="county election records compiled by the Civic Ledger Project")),
    # a speaker revising a count, and a media-sounding body is not its own relay
    ("The regional rescue agency raised the death toll from the landslide to 41.", "41",
     dict(source_text="The regional rescue agency", relayed_by=None)),
    # expecting a figure in the object; pointing to counted cases
    ("County officials are expecting a turnout of more than 300,000 voters.", "more than 300,000",
     dict(source_text="County officials", modality="projected")),
    ("The lawyers pointed to three earlier rulings.", "three", dict(source_text="The lawyers", cue="pointed")),
    # "which X estimates would cost ...": the estimate read as the relative clause's subject
    ("Lee was asked whether his proposed expansion of housing credits, which the Harbor Institute estimates "
     "would cost as much as $8 billion a year, would strain the budget.", "$8 billion",
     dict(source_text="the Harbor Institute", modality="estimated")),
]


@pytest.mark.parametrize(("text", "figure", "expected"), ATTRIBUTION_CASES + RULE_CASES)
def test_attribution_cases(nlp, text, figure, expected):
    [record] = run(nlp, text, [figure])
    assert {key: getattr(record, key) for key in expected} == expected


# (text, figure, expected canonical source): a report, count or study speaks for whoever wrote it
AUTHOR_CASES = [
    # the report's owner, a pronoun of the organisation named before
    ("The Panel of Experts said 300 trainers had arrived. In its final report it put the number at up to 420.", "up to 420",
     "Panel of Experts"),
    # the author after "by"
    ("A study by Harbor University found 40 cases of fraud.", "40", "Harbor University"),
    # the owner named once, then "the report" alone
    ("The audit office said in its annual report that 12 schools had closed. The report said 30 more "
     "were at risk.", "30", "audit office"),
]


@pytest.mark.parametrize("text, figure, source", AUTHOR_CASES)
def test_evidence_speaks_for_its_author(nlp, text, figure, source):
    [record] = run(nlp, text, [figure])
    assert record.source is not None and source.lower() in record.source.lower(), record
