"""Checks over hand-made claim rows modelled on the seeds (own wording), and on the real seeds."""
from __future__ import annotations

import json
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from claimledger.analyse.checks import run_checks
from claimledger.ledger import store as storage
from claimledger.records import Claim, StoredDocument
from test_series import claim, document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GRP = "A group totalling 300 people (100 each for the army, police and border guard) arrived, it said."


def of_type(findings, kind):
    return [f for f in findings if f.type == kind]


def test_distributive_parts_add_up_to_the_whole_in_the_same_sentence():
    rows = [claim("whole", "d1", 300, start=20, head="person", kind="increase", sentence=GRP),
            claim("each", "d1", 100, start=40, head="person", kind="increase", parts=3, sentence=GRP)]
    [finding] = of_type(run_checks(rows, [document("d1")]), "parts_sum")
    assert finding.holds is True and finding.docs == ("d1",)
    assert "add up to the 300" in finding.message


def test_distributive_parts_that_miss_say_by_how_much():
    rows = [claim("whole", "d1", 320, start=20, head="person", kind="increase", sentence=GRP),
            claim("each", "d1", 100, start=40, head="person", kind="increase", parts=3, sentence=GRP)]
    [finding] = of_type(run_checks(rows, [document("d1")]), "parts_sum")
    assert finding.holds is False and "20 short of the 320" in finding.message


def breakdown_and_other_document(total: float) -> list[Claim]:
    return [claim("m", "d1", 5, start=0, qualifier="military", kind="increase", time_start="2018-02-01", time_end="2018-02-28"),
            claim("c", "d1", 170, start=20, qualifier="civilian", kind="increase", time_start="2018-02-01", time_end="2018-02-28"),
            claim("t", "d2", total, start=0, kind="increase", time_start="2018-01-01", time_end="2018-12-31")]


def test_parts_in_one_document_match_the_total_another_document_gives_for_the_same_year():
    [finding] = of_type(run_checks(breakdown_and_other_document(175), [document("d1"), document("d2")]), "parts_sum")
    assert finding.holds is True and finding.docs == ("d1", "d2")
    assert finding.message.startswith("The 5 military and 170 civilian advisers reported by the defence office add up to the 175")


def test_parts_against_the_only_total_elsewhere_that_differs():
    [finding] = of_type(run_checks(breakdown_and_other_document(200), [document("d1"), document("d2")]), "parts_sum")
    assert finding.holds is False and "25 short of the 200" in finding.message


def running_total(total: float, **dates) -> list[Claim]:
    return [claim("t", "d1", total, start=90, **dates.get("t", {})),
            claim("s", "d1", 400, start=10, kind="increase"),
            claim("same-s", "d1", 400, start=300, head="person", kind="increase", sentence_start=290),
            claim("b", "d1", 200, start=500, sentence_start=480, **dates.get("b", {})),
            claim("f", "d1", 300, start=600, kind="increase", sentence_start=580, time_start="2020-12-01", time_end="2020-12-31")]


def test_stock_flow_holds_with_a_restated_flow_counted_once():
    [finding] = of_type(run_checks(running_total(900), [document("d1")]), "stock_flow")
    assert finding.holds is True and finding.docs == ("d1",)
    assert finding.message == "The defence office's figures add up: 200 advisers plus 400 more and 300 more make the 900 reported."


def test_two_levels_of_one_day_and_a_flow_are_parts_not_a_stock_and_flow():
    same_day = {"time_start": "2024-10-18", "time_end": "2024-10-18"}
    rows = running_total(900, b=same_day, t=same_day)
    assert of_type(run_checks(rows, [document("d1", "2024-10-18")]), "stock_flow") == []
    earlier = running_total(900, b={"time_start": "2024-09", "time_end": "2024-09"}, t=same_day)
    [finding] = of_type(run_checks(earlier, [document("d1", "2024-10-18")]), "stock_flow")
    assert finding.holds is True


def test_stock_flow_fails_only_when_the_levels_are_dated():
    assert of_type(run_checks(running_total(950), [document("d1")]), "stock_flow") == []
    dated = running_total(950, b={"time_start": "2018", "time_end": "2018"}, t={"time_start": "2021-06", "time_end": "2021-06"})
    [finding] = of_type(run_checks(dated, [document("d1")]), "stock_flow")
    assert finding.holds is False and "50 short of the 950" in finding.message


def test_one_figure_given_twice_is_no_failing_stock_and_flow():
    """A report's headline and body give one total, read for two dates: no stock and a later stock."""
    dates = {"b": {"time_start": "2018", "time_end": "2018"}, "t": {"time_start": "2021-06", "time_end": "2021-06"}}
    assert of_type(run_checks(running_total(200, **dates), [document("d1")]), "stock_flow") == []


def approximate_chain(approximate: bool) -> list[Claim]:
    dec, jul = {"time_start": "2023-12", "time_end": "2023-12-31"}, {"time_start": "2024-07-05", "time_end": "2024-07-05"}
    return [claim("start", "d1", 74_000, start=5, approximate=approximate, **dec),
            claim("left", "d2", 14_000, start=5, kind="decrease", approximate=approximate, **jul),
            claim("now", "d2", 60_000, start=90, sentence_start=80, **jul)]


def test_approximations_that_meet_a_round_figure_are_no_stock_and_flow():
    docs = [document("d1", "2024-01-02"), document("d2", "2024-07-05")]
    assert of_type(run_checks(approximate_chain(True), docs), "stock_flow") == []
    [finding] = of_type(run_checks(approximate_chain(False), docs), "stock_flow")
    assert finding.holds is True and finding.docs == ("d1", "d2")


def test_a_report_telling_its_own_step_from_the_earlier_level_is_no_failing_chain():
    nov, jan = {"time_start": "2021-11-22", "time_end": "2021-11-22"}, {"time_start": "2022-01-19", "time_end": "2022-01-19"}
    rows = [claim("prov", "d1", 2_620_322, start=5, head="vote", source="electoral commission", **nov),
            claim("cut", "d2", 77_515, start=5, head="ballot", kind="decrease", source="court", **jan),
            claim("final", "d2", 2_551_204, start=90, head="vote", sentence_start=80, source="court", **jan)]
    docs = [document("d1", "2021-11-22"), document("d2", "2022-01-19")]
    [failing] = [f for f in of_type(run_checks(rows, docs), "stock_flow") if f.holds is False]
    assert "8,397 short" in failing.message
    own = rows + [claim("from", "d2", 2_620_322, start=120, head="vote", sentence_start=80, **nov)]
    assert [f for f in of_type(run_checks(own, docs), "stock_flow") if f.holds is False and "d1" in f.docs] == []


def official_and_estimate(high: float) -> list[Claim]:
    return [claim("official", "d1", 1135, start=10, source="defence office",
                  sentence="The defence office put the total at 1,135."),
            claim("estimate", "d1", high, start=300, low=None, modality="estimated", source="panel experts",
                  source_kind="expert", sentence_start=280)]


def test_an_up_to_estimate_far_above_the_official_level_is_a_disagreement():
    [finding] = of_type(run_checks(official_and_estimate(2100), [document("d1")]), "source_disagreement")
    assert finding.message == ("The defence office's total of 1,135 Lorian advisers is well below "
                               "the panel experts' estimate of up to 2,100.")
    assert finding.holds is None and finding.docs == ("d1",)


def test_a_forecast_is_no_rival_of_a_count():
    rows = [claim("count", "d1", 20, start=10, source="the coalition", unit="percent", sentence_start=0),
            claim("forecast", "d1", 70, start=110, source="the government", unit="percent", sentence_start=100,
                  modality="projected", high=None)]
    assert of_type(run_checks(rows, [document("d1", "2025-05-27")]), "source_disagreement") == []


def test_shares_of_one_story_naming_no_party_are_no_rivals():
    rows = [claim("first", "d1", 51.36, start=10, source="the commission", unit="percent", sentence_start=0,
                  sentence="The ruling party's candidate won with 51.36% of the vote."),
            claim("second", "d1", 38.12, start=110, source="the board", unit="percent", sentence_start=100,
                  sentence="The former minister came second with 38.12%, the board said.")]
    assert of_type(run_checks(rows, [document("d1", "2025-05-27")]), "source_disagreement") == []


def test_three_sources_of_one_figure_are_one_dispute():
    rows = [claim("police", "d1", 12000, start=10, source="city police", sentence_start=0),
            claim("organisers", "d1", 60000, start=110, source="Frente Sindical", sentence_start=100),
            claim("team", "d2", 32000, start=10, modality="estimated", source="university team",
                  source_kind="expert", sentence_start=0)]
    docs = [document("d1", "2025-05-16"), document("d2", "2025-05-16")]
    [finding] = of_type(run_checks(rows, docs), "source_disagreement")
    assert set(finding.claims) == {"police", "organisers", "team"} and finding.docs == ("d1", "d2")
    assert finding.message == ("The sources disagree on the Lorian advisers: the city police 12,000; the "
                               "university team 32,000; Frente Sindical 60,000.")


def test_an_up_to_estimate_close_to_the_level_is_no_disagreement():
    assert of_type(run_checks(official_and_estimate(1200), [document("d1")]), "source_disagreement") == []


def test_the_same_source_never_disagrees_with_itself():
    rows = [claim("a", "d1", 100, start=0, source="defence office"),
            claim("b", "d1", 900, start=50, source="the Lorian defence office")]
    assert of_type(run_checks(rows, [document("d1")]), "source_disagreement") == []


def test_disjoint_figures_for_different_times_do_not_disagree():
    rows = [claim("a", "d1", 100, start=0, time_start="2018", time_end="2018"),
            claim("b", "d2", 900, start=0, source="observers", time_start="2021", time_end="2021")]
    assert of_type(run_checks(rows, [document("d1"), document("d2")]), "source_disagreement") == []


def revision_rows(final_value: float) -> list[Claim]:
    # the figures stand where their sentences have them (a share's party is read beside it)
    return [claim("p", "d1", 61, start=25, unit="percent", head="voter", source="electoral board",
                  sentence="Preliminary results gave 61 percent of voters backing the change."),
            claim("f", "d2", final_value, start=19, unit="percent", head="voter", source="electoral board",
                  sentence="Final results gave 58 percent of voters backing the change.")]


def test_a_provisional_figure_replaced_by_a_final_one():
    docs = [document("d1", "2023-07-31"), document("d2", "2023-08-27")]
    [finding] = of_type(run_checks(revision_rows(58), docs), "revision")
    assert finding.message == "The electoral board's provisional figure of 61 percent was replaced by a final figure of 58 percent."
    assert of_type(run_checks(revision_rows(61), docs), "revision") == []


YEAR_DOC = ("The envoy said there had been no increase in numbers since 1890 among the advisers in CAR. "
            "The CAR has been independent since 1960.")


def test_a_year_before_the_country_existed_is_suspicious():
    [finding] = of_type(run_checks([], [document("d0", None, YEAR_DOC)]), "suspicious_number")
    assert finding.docs == ("d0",)
    assert "since 1890" in finding.message and "independent in 1960" in finding.message


def test_the_count_reading_is_cited_when_another_document_gives_it():
    rows = [claim("n", "d7", 1890, start=0, approximate=True)]
    [finding] = of_type(run_checks(rows, [document("d0", None, YEAR_DOC), document("d7")]), "suspicious_number")
    assert finding.docs == ("d0", "d7") and "1,890, the figure the defence office gives in d7" in finding.message


def test_a_plausible_year_is_not_suspicious():
    text = "The CAR gained independence from France in 1960 and the advisers arrived in 2018."
    assert of_type(run_checks([], [document("d0", None, text)]), "suspicious_number") == []


ENTITY_DOC = ("The United Nations mission MINURCA declined to help in the CAR. "
              "The decision on Russian advisers rests with Moscow, not with Kinshasa or Bangui.")


def test_an_ended_mission_one_letter_from_the_running_one_and_a_stray_capital():
    rows = [claim("x", "d1", 1, start=0, time_start="2021", time_end="2021")]
    findings = of_type(run_checks(rows, [document("d0", None, ENTITY_DOC)]), "suspicious_entity")
    messages = sorted(f.message for f in findings)
    assert len(messages) == 2 and all(f.severity == "low" for f in findings)
    assert "MINURCA, a UN mission that ended in 2000" in messages[1] and "MINUSCA" in messages[1]
    assert "Kinshasa, the capital of the Democratic Republic of the Congo" in messages[0]


def test_a_capital_of_a_country_the_corpus_involves_is_fine():
    docs = [document("d0", None, ENTITY_DOC.replace("MINURCA", "MINUSCA")),
            document("d1", None, "Troops from the DRC crossed the border.")]
    assert of_type(run_checks([], docs), "suspicious_entity") == []


def test_another_countrys_running_mission_in_a_story_about_one_with_its_own():
    rows = [claim("x", "d0", 310, start=0, location="Central African Republic")]
    text = "The panel, which reports to the UN mission MONUSCO, counted 310 advisers."
    [finding] = of_type(run_checks(rows, [document("d0", None, text)]), "suspicious_entity")
    assert "MONUSCO, the UN mission in the Democratic Republic of the Congo" in finding.message
    assert "the mission in the Central African Republic is MINUSCA" in finding.message
    # the same mission in a story that involves its country is no slip
    rows.append(claim("y", "d0", 12, start=0, location="Democratic Republic of the Congo"))
    assert of_type(run_checks(rows, [document("d0", None, text)]), "suspicious_entity") == []


def test_a_capital_in_a_dateline_is_where_the_story_was_filed_from():
    text = "NAIROBI (Courier) - A rights group said 27 people died on the road to the border camps."
    assert of_type(run_checks([], [document("d0", None, text)]), "suspicious_entity") == []
    assert of_type(run_checks([], [document("d0", None, text.replace("NAIROBI (Courier) - A", "A") + " Nairobi agreed.")]),
                   "suspicious_entity") != []


STORY = ("Four hundred Lorian advisers were flown to Centralia on Thursday, the defence office said, "
         "taking the total number in the country to 900, up from 500 at the start of the year. ") * 3


def test_a_republished_story_is_one_report_and_is_counted_once():
    docs = [document("orig", "2021-06-10", "10 June\n" + STORY), document("copy", "2021-06-11", "11 June\n" + STORY),
            document("other", "2021-06-12", "Observers counted far more advisers than the office admits.")]
    rows = [claim("a", "orig", 900, start=5), claim("b", "copy", 900, start=5)]
    findings = run_checks(rows, docs)
    [duplicate] = of_type(findings, "duplicate_report")
    assert duplicate.docs == ("orig", "copy") and duplicate.claims == ("a", "b")  # the figure both give
    assert findings == run_checks(rows, docs)  # ids are content-derived and stable


def seed_ledger(tmp_path: Path) -> tuple[list[Claim], list[StoredDocument]]:
    """Claims and documents of the three seeds through the real pipeline."""
    import claimledger

    db = tmp_path / "seeds.db"
    claimledger.add(sorted((SHARED / "corpus" / "seeds").glob("*.txt")), db=db)
    with closing(storage.connect(db, write=False)) as con:
        return storage.read_claims(con), storage.read_documents(con, with_text=True)


def test_every_gold_finding_on_the_seeds(tmp_path):
    if not (SHARED / "corpus" / "seeds-gold.json").exists():
        pytest.skip("../shared is not present: the seed corpus is not bundled with the repository")
    gold = json.loads((SHARED / "corpus" / "seeds-gold.json").read_text(encoding="utf-8"))["findings"]
    findings = run_checks(*seed_ledger(tmp_path))
    for expected in (g for g in gold if not g.get("stretch")):
        matches = [f for f in findings if f.type == expected["type"] and set(f.docs) == set(expected["docs"])
                   and ("holds" not in expected or f.holds == expected["holds"])]
        assert matches, (expected, [f.to_dict() for f in findings])


def chain(later_value: float) -> list[Claim]:
    """A level, a change and a later level, each told by a different document."""
    return [claim("l1", "d1", 175, start=0, time_start="2018-04-02", time_end="2018-04-02", source="army"),
            claim("f1", "d2", 60, start=0, kind="increase", time_start="2019-04", time_end="2019-04", source="embassy"),
            claim("l2", "d3", later_value, start=0, time_start="2019-09-02", time_end="2019-09-02", source="embassy")]


def chain_documents() -> list[Claim]:
    return [document("d1", "2018-04-03"), document("d2", "2019-05-20"), document("d3", "2019-09-02")]


def test_stock_flow_across_documents_holds():
    [finding] = of_type(run_checks(chain(235), chain_documents()), "stock_flow")
    assert finding.holds is True and finding.docs == ("d1", "d2", "d3")
    assert finding.message == ("Across documents, the 175 advisers the army gives in d1 plus 60 more (d2) "
                               "make the 235 the embassy gives in d3.")


def test_stock_flow_across_documents_says_by_how_much_it_misses():
    [finding] = of_type(run_checks(chain(250), chain_documents()), "stock_flow")
    assert finding.holds is False and "make 235, 15 short of the 250 the embassy gives in d3" in finding.message


def test_a_sum_across_documents_far_off_the_later_level_is_two_counts_not_a_miss():
    assert of_type(run_checks(chain(400), chain_documents()), "stock_flow") == []


def test_one_change_told_by_two_documents_counts_once_across_documents():
    rows = chain(235) + [claim("f1-again", "d4", 60, start=0, kind="increase", time_start="2019-05-20",
                               time_end="2019-05-20", source="wire")]
    [finding] = of_type(run_checks(rows, chain_documents() + [document("d4", "2019-05-20")]), "stock_flow")
    assert finding.holds is True and "d4" not in finding.docs


def test_a_level_dated_only_to_a_year_does_not_chain_across_documents():
    rows = chain(235)
    rows[0] = replace(rows[0], time_start="2018", time_end="2018")
    rows[2] = replace(rows[2], time_start="2019", time_end="2019")
    assert of_type(run_checks(rows, chain_documents()), "stock_flow") == []


def test_a_move_written_as_a_range_is_checked_against_the_change_in_its_sentence():
    sentence = "The council added 2,750 troops, raising the ceiling from 11,650 to 14,400."
    rows = [claim("add", "d1", 2750, start=18, kind="increase", sentence=sentence),
            claim("move", "d1", None, start=50, kind="increase", low=11650, high=14400, rule="range",
                  text="from 11,650 to 14,400", sentence=sentence)]
    [finding] = of_type(run_checks(rows, [document("d1")]), "stock_flow")
    assert finding.holds is True and finding.claims == ("move", "add")
    assert "11,650 advisers plus 2,750 more make the 14,400 reported" in finding.message
    rows[0] = replace(rows[0], value=2000, low=2000, high=2000)
    [finding] = of_type(run_checks(rows, [document("d1")]), "stock_flow")
    assert finding.holds is False and "750 short of the 14,400" in finding.message


def test_one_official_figure_relayed_by_several_outlets_is_one_disagreement():
    rows = [claim("wire", "d1", 1135, start=0, time_start="2021-06-10", time_end="2021-06-10", source="ministry"),
            claim("paper", "d2", 1135, start=0, time_start="2021", time_end="2021", source="a newspaper"),
            claim("panel", "d3", None, start=0, low=1890, high=2100, modality="estimated", source="panel experts",
                  source_kind="expert", time_start="2021", time_end="2021")]
    docs = [document("d1", "2021-06-10"), document("d2", "2021-07-15"), document("d3", "2021-06-25")]
    [finding] = of_type(run_checks(rows, docs), "source_disagreement")
    assert finding.claims == ("wire", "panel")


def test_a_final_figure_from_another_body_revises_a_provisional_one_within_weeks_only():
    rows = revision_rows(58)
    rows[1] = replace(rows[1], source="constitutional court")
    [finding] = of_type(run_checks(rows, [document("d1", "2023-07-31"), document("d2", "2023-08-21")]), "revision")
    assert finding.message == ("The electoral board's provisional figure of 61 percent was replaced by "
                               "the constitutional court's final figure of 58 percent.")
    assert of_type(run_checks(rows, [document("d1", "2020-12-28"), document("d2", "2023-08-21")]), "revision") == []


def test_a_year_before_a_comma_is_read_as_a_year_too():
    text = "The envoy said the number of advisers in the CAR has not gone up since 1890, and never will."
    [finding] = of_type(run_checks([], [document("d0", None, text)]), "suspicious_number")
    assert "since 1890" in finding.message


def test_the_mission_of_another_country_one_letter_from_the_one_the_others_name():
    docs = [document("d0", None, "Peacekeepers of MINUSMA carried the ballot boxes to Bria."),
            document("d1", None, "MINUSCA has served in the country since 2014.")]
    [finding] = of_type(run_checks([], docs), "suspicious_entity")
    assert finding.message == ("d0 names MINUSMA, the UN mission in Mali, which no other document names; "
                               "they write MINUSCA, the mission in the Central African Republic.")
    docs.append(document("d2", None, "MINUSMA left Mali in 2023."))
    assert of_type(run_checks([], docs), "suspicious_entity") == []


def test_an_equal_total_elsewhere_in_the_same_year_is_the_whole_of_a_breakdown():
    rows = breakdown_and_other_document(175)
    rows[2] = replace(rows[2], time_start="2018-04-02", time_end="2018-04-02")
    [finding] = of_type(run_checks(rows, [document("d1"), document("d2")]), "parts_sum")
    assert finding.holds is True and finding.docs == ("d1", "d2")
    rows[2] = replace(rows[2], value=200, low=200, high=200)  # a different figure must share the period itself
    assert of_type(run_checks(rows, [document("d1"), document("d2")]), "parts_sum") == []


# The long-series shortcuts (a sweep over periods for disagreements, flows bucketed by value and
# month, level pairs grouped by document) must keep exactly the pairs and flows their rule keeps.

def _random_levels(seed: int, count: int) -> tuple[list[Claim], dict]:
    import random

    rng = random.Random(seed)
    published = {f"d{n}": rng.choice([None, "2020-03-04", "2021"]) for n in range(6)}
    dates = [None, "2020", "2020-03", "2020-03-15", "2020-04", "2021", "2021-12-31"]
    levels = []
    for n in range(count):
        value = rng.choice([99.8, 100, 100.3, 101, 120, 200, None])
        low, high = (None, 300) if rng.random() < 0.1 else (value, value)
        start = rng.choice(dates)
        levels.append(claim(f"c{n}", f"d{rng.randrange(6)}", value, start=n, low=low, high=high,
                            approximate=rng.random() < 0.2, source=rng.choice(["A", "B", "C"]),
                            kind=rng.choice(["level", "increase", "decrease"]),
                            time_start=start, time_end=start if rng.random() < 0.7 else rng.choice(dates)))
    return levels, published


def _nearest_rivals(levels: list[Claim], published: dict) -> list[tuple[str, str]]:
    """The rule _rival_pairs implements, by brute force: each dated level against the first
    RIVALS_PER_LEVEL disagreeing levels of another source among the RIVAL_SCAN latest begun before
    it whose period is still open; undated levels against every other of their document."""
    from itertools import combinations

    from claimledger.analyse import checks
    from claimledger import names as entities

    when = [checks.period(c, published) for c in levels]
    pairs = {(i, j) for i, j in combinations(range(len(levels)), 2)
             if when[i] is None and when[j] is None and levels[i].doc == levels[j].doc}
    order = sorted((i for i in range(len(levels)) if when[i] is not None), key=lambda i: when[i][0])
    for n, i in enumerate(order):
        still_open = [j for j in reversed(order[:n]) if when[j][1] >= when[i][0]][:checks.RIVAL_SCAN]
        rivals = [j for j in still_open if checks._figure(levels[j]) != checks._figure(levels[i])
                  and checks.disagree(levels[i], levels[j])
                  and not entities.same_source(levels[i].source, levels[j].source)]
        pairs |= {(min(i, j), max(i, j)) for j in rivals[:checks.RIVALS_PER_LEVEL]}
    return [(levels[i].id, levels[j].id) for i, j in sorted(pairs)
            if checks._comparable(levels[i], levels[j], published) and checks.disagree(levels[i], levels[j])]


@pytest.mark.parametrize("seed", range(8))
def test_rival_pairs_keep_the_nearest_rivals_of_each_level(seed):
    from itertools import combinations

    from claimledger.analyse import checks

    levels, published = _random_levels(seed, 60)
    every = {(a.id, b.id) for a, b in combinations(levels, 2)
             if checks._comparable(a, b, published) and checks.disagree(a, b)}
    fast = [(a.id, b.id) for a, b in checks._rival_pairs(levels, published)
            if checks._comparable(a, b, published) and checks.disagree(a, b)]
    assert fast == _nearest_rivals(levels, published)
    assert fast and set(fast) <= every


def test_rival_pairs_grow_with_the_levels_not_their_square():
    from claimledger.analyse import checks

    # 400 counts from four sources for one day, every one different: 60,000 disagreeing pairs
    levels = [claim(f"c{n}", f"d{n}", 100 + 10 * n, start=0, source="ABCD"[n % 4], kind="level",
                    time_start="2020-03-15", time_end="2020-03-15") for n in range(400)]
    pairs = checks._rival_pairs(levels, {})
    assert len(pairs) <= checks.RIVALS_PER_LEVEL * len(levels)
    assert all(a.source != b.source for a, b in pairs)
    assert len(pairs) > len(levels)  # each level after the first few meets its full share


@pytest.mark.parametrize("seed", range(8))
def test_flow_events_equal_comparing_each_flow_with_every_kept_one(seed):
    from claimledger.analyse import checks

    levels, published = _random_levels(seed, 80)
    flows = [c for c in levels if c.value is not None]
    kept: list[Claim] = []
    for flow in sorted(flows, key=lambda c: (checks.dated_by(c, published) or "", c.doc, c.start)):
        if not any(k.kind == flow.kind and abs(k.value - flow.value) < 0.5
                   and (k.doc == flow.doc or checks._months_apart(k, flow, published) <= 1) for k in kept):
            kept.append(flow)
    assert len(kept) < len(flows)
    assert checks._flow_events(flows, published) == kept


def test_balanced_pairs_are_found_within_each_document_in_pair_order():
    from itertools import combinations

    from claimledger.analyse.series import _same_document_pairs

    levels, _published = _random_levels(3, 40)
    brute = [(a.id, b.id) for a, b in combinations(levels, 2) if a.doc == b.doc]
    assert [(a.id, b.id) for a, b in _same_document_pairs(levels)] == brute


def test_the_checks_name_sources_as_attribution_does():
    """One alias table: every source name attribution canonicalises reads the same to the checks, so
    "UN experts" and "the UN Panel of Experts" are one source and never disagree with each other."""
    from claimledger import names as entities
    from claimledger.data.sources_en import ALIASES

    assert all(entities.canonical_source(mention) == name for mention, name in ALIASES.items())
    assert entities.same_source("UN experts", "the UN Panel of Experts")
    assert entities.same_source("United Nations experts", "UN Panel of Experts")
    assert not entities.same_source("UN experts", "UN Security Council")
