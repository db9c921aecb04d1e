"""Every claim of a dated document gets an as-of time, and the rule that gave it.

Sentences written here, in the shapes wire copy uses; the expected readings were
set down before the rules were changed.
"""
from __future__ import annotations

import pytest

from claimledger.extract.anchoring import TIME_RULES
from claimledger.pipeline import extract_text
from claimledger.read.dates import text_date, url_date

PUBLISHED = "2024-04-18"

CASES = [
    # (text, figure, time_start, time_end, rule)
    ("The agency registered 4,100 people in March, officials said.", "4,100", "2024-03", "2024-03", "stated"),
    ("Officials said 41,200 refugees had been registered by the end of March.",
     "41,200", "2024-03", "2024-03-31", "stated"),
    ("About 9,000 people have left since January, the ministry says.", "About 9,000", "2024-01", "2024-04-18", "since"),
    # "in the past week" runs, as "since" does, up to when it is told
    ("The toll has risen by 40 in the past week to 310, the agency said on Wednesday.", "310", "2024-04-08", "2024-04-17", "since"),
    ("The ministry said on Monday that 119 people were killed in the flooding.",
     "119", "2024-04-15", "2024-04-15", "reported"),
    ("The camp now holds about 4,600 people.", "about 4,600", "2024-04-18", "2024-04-18", "present"),
    # nothing dates it: as of publication, and said so
    ("The ministry said 14 people were arrested.", "14", "2024-04-18", "2024-04-18", "publication"),
    # a date naming the event ("Tuesday's earthquake") does not date the toll
    ("The ministry said 119 people had died in last Tuesday's earthquake.",
     "119", "2024-04-18", "2024-04-18", "publication"),
    # the event of the story's lead dates a past count that nothing else dates
    ("BUENOS AIRES - Thousands of teachers marched on the ministry on Tuesday in the largest protest "
     "of the year.\n\nThe police said 14 people were arrested.", "14", "2024-04-16", "2024-04-16", "event"),
    # ... but not a lead's date more than a few days old, which is background
    ("BUENOS AIRES - Teachers have marched every week since the first protest on April 2 against the "
     "new pay scale.\n\nThe police said 14 people were arrested.", "14", "2024-04-18", "2024-04-18", "publication"),
    # a vote's results hold for the day of the vote the text names, not the day they came out
    ("The commission said on Monday that turnout in Sunday's referendum was 61 percent.",
     "61 percent", "2024-04-14", "2024-04-14", "vote"),
    # ... the vote's day, not the day the body that runs it gave the results
    ("According to figures released on Tuesday by the election commission, turnout in Sunday's "
     "referendum reached 61 percent.", "61 percent", "2024-04-14", "2024-04-14", "vote"),
    ("The commission said on Monday that participation in Sunday's referendum reached 61 percent.",
     "61 percent", "2024-04-14", "2024-04-14", "vote"),
    ("Turnout in the last presidential election was about 54 percent, the commission said.",
     "about 54 percent", "2024-04-18", "2024-04-18", "present"),
    # a time right beside the figure dates it, though the parse may hang it on another word;
    # one past "and" belongs to the next item
    ("The first course trained 600 soldiers in July and the second 550 in October.", "600", "2023-07", "2023-07", "stated"),
    ("The first course trained 600 soldiers in July and the second 550 in October.", "550", "2023-10", "2023-10", "stated"),
    # the dispatch's dateline dates the dispatch, not the event: the lead's "on Tuesday" does
    ("KATHMANDU, April 18 (Wire) - A strong earthquake shook the hills late on Tuesday, officials "
     "said in a statement to reporters.\n\nThe police said 14 people were arrested.", "14", "2024-04-16", "2024-04-16", "event"),
    # the day of the news is the last day the opening names: the statement's, after the event's
    ("LIMA - Heavy rain flooded the lower town late on Monday, the civil defence office said on "
     "Tuesday in a statement.\n\nIt said it had moved 3,100 people to schools.", "3,100", "2024-04-16", "2024-04-16", "event"),
    # ... but a source that says it now gives its count as of publication
    ("LIMA - Heavy rain flooded the lower town late on Monday, the civil defence office said on "
     "Tuesday in a statement.\n\nThe health ministry says 31 people died in the floods.", "31", "2024-04-18", "2024-04-18", "present"),
    # ... and the paragraph after a lead without a day, to the end of a stretch it names
    ("Families waited at the airport for hours as the first flights of the exchange came in from the north.\n\n"
     "The government said it had freed 150 detainees on Monday and Tuesday.\n\n"
     "The Red Cross said it had flown 140 of them home.", "140", "2024-04-16", "2024-04-16", "event"),
    # ... nor does it date the figure beside it
    ("KIGOMA, Tanzania, April 18 (Wire) - Another 2,300 people crossed into the country in March, the agency said.",
     "Another 2,300", "2024-03", "2024-03", "stated"),
    # a headline, however long, is not the lead (it ends without a full stop)
    ("Buenos Aires brought to a standstill by general strike as clashes erupt near the Congress building\n\n"
     "A general strike closed schools and banks in Buenos Aires on Tuesday, while a march ended in clashes.\n\n"
     "The police said 14 people were arrested.", "14", "2024-04-16", "2024-04-16", "event"),
    # a vote the lead names dates its results even when the lead holds no figure
    ("ANTANANARIVO - The opposition on Tuesday published its own tally of the April 14 presidential election, "
     "claiming that its candidate won.\n\nThe party said its candidate won 49.6% of the vote.",
     "49.6%", "2024-04-14", "2024-04-14", "vote"),
    # the figures of a bulletin hold on the day the bulletin was issued
    ("Of the dead, 29 were in Bajhang, according to a ministry bulletin issued at 7 a.m. on Tuesday.",
     "29", "2024-04-16", "2024-04-16", "reported"),
    # a sentence pointing back to the report the story dated holds as of that report
    ("NAIROBI - At least 27 people died while fleeing, a rights group said in a report released on Tuesday "
     "in the capital.\n\nThe report said 61 percent of those interviewed were women.",
     "61 percent", "2024-04-16", "2024-04-16", "reported"),
    # a dispatch republished a day later speaks as of its dateline's day
    ("BANGUI, April 17 (Wire) - The first instructors have arrived in the country, the ministry said "
     "in a statement.\n\nThe army has about 9,000 personnel.", "about 9,000", "2024-04-17", "2024-04-17", "present"),
    # ... and so do the later figures of the same source, nothing else dating them
    ("In a bulletin issued on Tuesday, the Red Cross estimated that 9,200 people had fled their homes in the valley.\n\n"
     "The Red Cross also counts 1,300 homes destroyed.", "1,300", "2024-04-16", "2024-04-16", "reported"),
    # "by then" points back to the time named before it in the paragraph
    ("The director spoke to reporters on Monday evening after touring the border. Staff had registered "
     "21,500 new arrivals by then, he said.", "21,500", "2024-04-15", "2024-04-15", "narrative"),
    # ... past an earlier month, to the part of a day named last
    ("The border has been open since early April. The director spoke to reporters on Monday evening after touring "
     "the border. Staff at three crossings had registered 21,500 new arrivals by then, he said.",
     "21,500", "2024-04-15", "2024-04-15", "narrative"),
    ("It had aimed to reach 12,000 households by April 5; by that date it had reached 9,650, a spokesperson said.",
     "9,650", "2024-04-05", "2024-04-05", "narrative"),
    # two times joined make one stretch: the count holds to its end
    ("Rescuers recovered another 23 bodies on Monday and Tuesday, officials said.", "another 23", "2024-04-15", "2024-04-16", "stated"),
    ("At least 27 people died between late January and the end of March, a group said.",
     "At least 27", "2024-01", "2024-03", "stated"),
    # a total an increase over a period brings to a new level holds at the period's end
    ("Some 2,100 more people arrived in March, bringing the number registered since January to 9,400, "
     "the agency said.", "9,400", "2024-03", "2024-03-31", "stated"),
    # a headline's figure the body restates takes the body's time
    ("Refugee total in Tanzania reaches 36,600\n\nThe number of refugees registered in Tanzania rose to 36,600 "
     "at the end of March, the agency said.", "36,600", "2024-03", "2024-03-31", "headline"),
    # a clause that happens with the figure's dates it ("while", "when"), a figure inside what it
    # counts standing between or not
    ("At least 19 people, including four children, died while crossing the desert between late January "
     "and the end of March, the group said.", "At least 19", "2024-01", "2024-03", "stated"),
    ("The police said three officers were hurt when rioters stormed the depot on Sunday night.",
     "three", "2024-04-14", "2024-04-14", "stated"),
    # a relative clause has a time of its own, not the one of the clause above it
    ("Officials said 27 more people had died since last week in the north, where the toll has now reached 77.",
     "77", "2024-04-18", "2024-04-18", "present"),
    # a relative clause holds when the thing it describes is dated
    ("The group listed two attacks: a car bomb near the port on March 3, which killed seven, and a "
     "raid on a village on March 9, which killed four.", "four", "2024-03-09", "2024-03-09", "stated"),
    # a time in a clause describing another noun is not the figure's, however close; a participle
    # after "is" is in the present tense
    ("LIMA - Heavy rain flooded the lower town late on Monday, the civil defence office said on "
     "Tuesday in a statement.\n\nThe relief fund, set up in March, is 40 percent spent.",
     "40 percent", "2024-04-18", "2024-04-18", "present"),
    # a time past another figure is that figure's ("up from 2,900 in mid-March"), unless it opens
    # the sentence and sets the scene for all of it
    ("The office said on Tuesday that shelters for 4,300 people had been finished, up from 2,900 in mid-March.",
     "4,300", "2024-04-16", "2024-04-16", "event"),
    ("In 2019, storms that flattened a fifth of the island killed 310 people.", "310", "2019", "2019", "stated"),
    # ... and a time after "than", "up from" dates what the figure is compared with
    ("The register now holds 6,100 names, about 900 more than for the 2021 local elections.",
     "about 900", "2024-04-18", "2024-04-18", "present"),
    # a part of a day dates the figure with its day; a bare clock time names no day of its own
    ("A second tremor, of magnitude 5.1, shook the valley on Tuesday evening.", "5.1", "2024-04-16", "2024-04-16", "stated"),
    ("The ferry left at 6 a.m. and carried 212 passengers, the operator said.", "212", "2024-04-18", "2024-04-18", "publication"),
    # a week keeps its first and last days (it once came out as "2024-04-")
    ("The group counted 3,000 marchers last week.", "3,000", "2024-04-08", "2024-04-14", "stated"),
]


@pytest.mark.parametrize("text, figure, start, end, rule", CASES)
def test_the_as_of_time_of_a_figure_and_its_rule(text, figure, start, end, rule):
    claim = next(c for c in extract_text(text, published=PUBLISHED) if c.text == figure)
    assert (claim.time_start, claim.time_end, claim.time_rule) == (start, end, rule)
    assert claim.time_rule in TIME_RULES


def test_an_undated_document_leaves_the_time_unknown_rather_than_guessing():
    [claim] = [c for c in extract_text("The ministry said 14 people were arrested.") if c.text == "14"]
    assert (claim.time_start, claim.time_end, claim.time_rule) == (None, None, None)


@pytest.mark.parametrize("url, day", [
    ("https://example.org/wire/2024/10/19/quake-toll-94", "2024-10-19"),
    ("https://example.org/news/2021-03-05-budget-vote", "2021-03-05"),
    ("https://example.org/a/20210305/budget", "2021-03-05"),
    ("https://example.org/africa/portugal-trainers-arrive", None),
    ("https://example.org/2024/02/31/no-such-day", None),
    ("https://example.org/items/1234567890", None),
    (None, None),
])
def test_the_date_in_an_article_address(url, day):
    assert url_date(url) == day


@pytest.mark.parametrize("text, day", [
    ("Headline of the piece\n\nBy A. Writer\n\n17th October, 2024\n\nBody text follows here.", "2024-10-17"),
    ("KYIV, March 5, 2021 (Wire) - The council said 40 people were hurt.", "2021-03-05"),
    ("DAR ES SALAAM, April 18 (Wire) - At least 27 people died, a report said.", None),
    ("The council said on 5 March 2021 that 40 people were hurt in a long first sentence.", None),
])
def test_the_date_a_text_gives_itself(text, day):
    assert text_date(text) == day
