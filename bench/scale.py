"""Scaling of `claimledger.add` to 100,000 documents (issue #7): is time linear and memory flat?

    python bench/scale.py --docs 10000 [--jobs 1] [--seed 0] [--keep DIR] [--republish SHARE]

Writes `--docs` synthetic news stories (see `news_stories`) to a JSON-lines
file, then adds it to a fresh ledger with `claimledger.add`, and prints one
row per 10% of the documents: documents done, elapsed wall seconds, docs/s in
that interval, CPU seconds, and the resident memory (VmRSS from /proc) of this
process and of all its child processes (the --jobs workers) at that moment.
It also splits the time between stages: the series/findings update that `add`
runs every `api.UPDATE_EVERY` documents, storing, and the rest (reading and
extraction), and prints each update's duration, so that a growing cost can be
pinned on the stage that grows.

The stories are made from templates written for this benchmark (no sentence
of any real article or of the seeds): most sentences carry no figure (about a
quarter of the sentences of real news hold a numeral or a number word), the
figures are about many different counted things, places, sources and dates
over twenty years, and a few stories are republished with small edits, as
wire copy is (`--republish`: the share of stories that are copies, REPUBLISH_SHARE by default).
The generator is deterministic from `--seed`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import claimledger
from claimledger import api
from claimledger.ledger import store as storage
from claimledger.options import Options

# --- the vocabulary of the stories (all invented for this benchmark) ---------

PLACES = ["Northfield", "the Varen valley", "Port Selden", "Kalmira province", "the eastern districts",
          "Lower Ashby", "the capital", "Brenhill", "the coastal region", "Tamsor", "Ostrava county",
          "the river delta", "Mirelle", "the northern highlands", "Caddon", "the island of Vesk",
          "Redwater", "the border towns", "Halvik", "the southern plains"]
# (counted noun, what happens to it): figures are about many different things.
SUBJECTS = [("teachers", "hired"), ("nurses", "recruited"), ("buses", "withdrawn from service"),
            ("households", "left without power"), ("families", "relocated"), ("hectares of forest", "burned"),
            ("jobs", "cut"), ("new homes", "built"), ("patients", "treated"), ("flights", "cancelled"),
            ("tonnes of grain", "exported"), ("schools", "closed"), ("police officers", "deployed"),
            ("migrants", "registered"), ("cases", "reported"), ("vehicles", "recalled"),
            ("wells", "drilled"), ("students", "enrolled"), ("beds", "added"), ("firms", "fined"),
            ("soldiers", "stationed"), ("kilometres of road", "repaired"), ("visitors", "counted"),
            ("complaints", "filed"), ("doctors", "trained"), ("farms", "inspected")]
SOURCES = ["the interior ministry", "the regional health office", "the port authority", "a union spokesman",
           "Mayor Ines Calder", "the national statistics bureau", "police", "the education department",
           "an aid agency", "the company", "local officials", "Governor Paul Ostrander",
           "a government report", "the transport minister", "the chamber of commerce", "residents' groups",
           "the army", "a parliamentary committee", "the water board", "independent monitors"]
VERBS = ["said", "announced", "estimated", "reported", "told reporters", "confirmed", "claimed", "wrote"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WORD_NUMBERS = ["two", "three", "four", "five", "six", "eight", "ten", "a dozen", "twenty", "fifty",
                "several hundred", "two thousand"]
PUBLISHERS = ["Harbour Times", "Valley Courier", "Evening Ledger", "Wire Service North", "Daily Lantern",
              "Civic Post"]
ADJECTIVES = ["serious", "unprecedented", "manageable", "worrying", "stable", "chaotic", "overstated",
              "temporary"]
GROUPS = ["Opposition politicians", "Residents", "Shop owners", "Critics", "Union leaders", "Parents",
          "Farmers", "Local councillors", "Analysts", "Aid workers"]

ISSUES = ["the new bus routes", "the water shortage", "the hiring freeze", "the school closures",
          "the housing plan", "the tax on fuel", "the flood defences", "the hospital merger",
          "the mining licence", "the curfew", "the port expansion", "the pension reform",
          "the rubbish collection strike", "the new border checks", "the power cuts", "the rent controls",
          "the vaccination drive", "the budget cuts", "the factory closure", "the road tolls"]
FIRST_NAMES = ["Marta", "Jonas", "Aliya", "Tomas", "Noor", "Felix", "Grace", "Idris", "Lena", "Oskar",
               "Priya", "Rafael", "Sofia", "Yusuf", "Helga", "Daniel"]
LAST_NAMES = ["Brandt", "Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Sato", "Ferreira",
              "Novak", "Ibrahim", "Walsh", "Castillo", "Petrov", "Mensah"]
ROLES = ["a teacher", "a shop owner", "a retired engineer", "a nurse", "a local councillor", "a bus driver",
         "a student", "a farmer", "a lawyer", "a researcher at the university"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend",
        "earlier this week", "late on Sunday", "next month", "in the coming weeks"]

# Sentences without a figure: context, colour, reactions.  Slots are filled
# from the lists above, so that few whole sentences repeat across stories.
PLAIN_SENTENCES = [
    "{group} in {place} said they had not been consulted about {issue}.",
    "{source_cap} described {issue} as {adj}.",
    "The decision on {issue} drew criticism from {group_low} in {place}.",
    "{source_cap} did not respond to a request for comment {day}.",
    "It was not clear how {issue} would be paid for.",
    "{group} have long complained about {issue} in {place}.",
    "{issue_cap} still needs the approval of the assembly in {place}.",
    "Officials promised a review of {issue} {day}.",
    "{group} welcomed {issue} but asked for more detail.",
    "{issue_cap} is expected to dominate the council meeting in {place} {day}.",
    "Roads into {place} remained closed {day}.",
    "{source_cap} blamed {issue} on bad weather and a shortage of staff.",
    "\"We were told nothing,\" said {person}, {role} in {place}.",
    "{person}, {role}, said {issue} had changed daily life in {place}.",
    "{group} gathered outside the town hall in {place} {day} to protest against {issue}.",
    "The report did not say how the estimate for {issue} had been reached.",
    "{source_cap} called for calm while the inquiry into {issue} continues.",
    "Talks on {issue} between the two sides are due to resume {day}.",
    "Local newspapers in {place} led with {issue} {day}.",
    "{person} questioned whether the promises on {issue} would be kept.",
    "The government has faced pressure over its handling of {issue}.",
    "Similar measures were tried in {place} without much success, {person} noted.",
    "{issue_cap} has divided opinion in {place}.",
    "{source_cap} {verb} that {issue} would be reconsidered.",
]
# Sentences with a figure; {n} is a number, {n2} a second one, {when} a date phrase.
FIGURE_SENTENCES = [
    "{source_cap} {verb} that {n} {noun} had been {event} in {place} {when}.",
    "According to {source}, {n} {noun} were {event} in {place} {when}.",
    "The number of {noun} {event} in {place} rose to {n} {when}, {source} {verb}.",
    "{source_cap} {verb} that up to {n} {noun} could be {event} by the end of {year}.",
    "About {n} {noun} have been {event} in {place} since {year}, {source} {verb}.",
    "Another {n} {noun} were {event} {when}, bringing the total to {n2}, {source} {verb}.",
    "In {place}, {n} of the {n2} {noun} were {event} {when}.",
    "{source_cap} put the number of {noun} {event} at more than {n}.",
    "Spending on the programme reached {money} {when}, {source} {verb}.",
    "Unemployment in {place} stood at {pct} percent {when}.",
]
TITLES = ["{noun_cap} {event} in {place}", "Row over {noun} in {place}", "{source_cap} gives new figures",
          "Concern grows in {place}", "What we know about the {noun} in {place}"]

# The share of sentences that carry a figure in a story: real news here has
# about 24% of sentences with a numeral or number word; date phrases in the
# figure-less sentences ("next month") are not numerals, so 0.22 lands close.
FIGURE_SHARE = 0.22
# Wire stories are republished by other outlets: about one story in twenty
# repeats an earlier one with a new title and small edits (the example corpus
# and the PolNeAR news have a few such pairs per hundred).
REPUBLISH_SHARE = 0.05
# Republished stories come from the recent past: a window of the last stories.
REPUBLISH_WINDOW = 500
PARAGRAPHS = (4, 8)
SENTENCES_PER_PARAGRAPH = (1, 3)
YEARS = (2004, 2024)
NUMERAL = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|dozen|hundred|"
                     r"thousand|million)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Story:
    """One synthetic news story, as a row of the JSONL corpus."""

    id: str
    title: str
    published: str
    publisher: str
    text: str

    def to_row(self) -> dict[str, str]:
        """The JSONL row `claimledger add` reads."""
        return {"id": self.id, "title": self.title, "published": self.published,
                "publisher": self.publisher, "text": self.text}


def news_stories(n: int, seed: int = 0) -> Iterator[Story]:
    """`n` short synthetic news stories, some republished, deterministic from `seed`."""
    rng = random.Random(seed)
    recent: deque[Story] = deque(maxlen=REPUBLISH_WINDOW)
    for number in range(n):
        if recent and rng.random() < REPUBLISH_SHARE:
            story = republish(rng, rng.choice(recent), f"story{number}")
        else:
            story = new_story(rng, f"story{number}")
        recent.append(story)
        yield story


def new_story(rng: random.Random, story_id: str) -> Story:
    """A story about one subject in one place, by one main source, on one date."""
    year = rng.randint(*YEARS)
    slots = {"place": rng.choice(PLACES), "source": rng.choice(SOURCES), "year": year, "issue": rng.choice(ISSUES)}
    slots["noun"], slots["event"] = rng.choice(SUBJECTS)
    paragraphs = []
    for _ in range(rng.randint(*PARAGRAPHS)):
        count = rng.randint(*SENTENCES_PER_PARAGRAPH)
        paragraphs.append(" ".join(sentence(rng, slots) for _ in range(count)))
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = fill(rng, rng.choice(TITLES), slots)
    return Story(story_id, title, published, rng.choice(PUBLISHERS), "\n\n".join(paragraphs) + "\n")


def sentence(rng: random.Random, slots: dict) -> str:
    """A figure sentence with probability FIGURE_SHARE, else a plain one; a story's slots mostly hold."""
    local = dict(slots)
    # Stories quote other sources and places now and then, and other counted things.
    if rng.random() < 0.3:
        local["source"] = rng.choice(SOURCES)
    if rng.random() < 0.2:
        local["place"] = rng.choice(PLACES)
    if rng.random() < 0.2:
        local["issue"] = rng.choice(ISSUES)
    if rng.random() < FIGURE_SHARE:
        if rng.random() < 0.25:
            local["noun"], local["event"] = rng.choice(SUBJECTS)
        return fill(rng, rng.choice(FIGURE_SENTENCES), local)
    return fill(rng, rng.choice(PLAIN_SENTENCES), local)


def fill(rng: random.Random, template: str, slots: dict) -> str:
    """`template` with its slots filled: figures, dates, sources drawn afresh for each sentence."""
    first, second = sorted(figure(rng) for _ in range(2))
    values = {**slots, "n": first[1], "n2": second[1], "when": when(rng, slots["year"]),
              "verb": rng.choice(VERBS), "money": money(rng), "pct": f"{rng.randint(20, 190) / 10:.1f}",
              "adj": rng.choice(ADJECTIVES), "day": rng.choice(DAYS), "role": rng.choice(ROLES),
              "issue_cap": capital(slots["issue"]),
              "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", "group": (group := rng.choice(GROUPS)), "group_low": group.lower(),
              "source_cap": capital(slots["source"]), "noun_cap": capital(slots["noun"])}
    return template.format(**values)


def figure(rng: random.Random) -> tuple[float, str]:
    """A count as news writes it: digits of varied size, with thousands separators, or words."""
    if rng.random() < 0.15:
        words = rng.choice(WORD_NUMBERS)
        return (WORD_NUMBERS.index(words), words)
    value = int(10 ** rng.uniform(0.5, 5.5))
    return (value, f"{value:,}")


def money(rng: random.Random) -> str:
    """An amount of money in millions or thousands."""
    if rng.random() < 0.5:
        return f"${rng.randint(12, 950) / 10:.1f} million"
    return f"{rng.randint(20, 900) * 1000:,} euros"


def when(rng: random.Random, year: int) -> str:
    """A date phrase near the story's year: a month, a day, a year, or a relative phrase."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"in {rng.choice(MONTHS)} {year}"
    if kind == 1:
        return f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {year - rng.randint(0, 1)}"
    if kind == 2:
        return f"in {year - rng.randint(1, 3)}"
    return rng.choice(["last week", "last month", "this year", "on Tuesday", "over the weekend"])


def republish(rng: random.Random, original: Story, story_id: str) -> Story:
    """`original` republished by another outlet: a new title, a day or two later, one paragraph cut
    (or, from a story too short to cut, a credit line added)."""
    paragraphs = original.text.strip().split("\n\n")
    if len(paragraphs) > 2:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    else:
        paragraphs.append(f"This report first appeared in the {original.publisher}.")
    year, month, day = (int(part) for part in original.published.split("-"))
    published = f"{year}-{month:02d}-{min(day + rng.randint(0, 2), 28):02d}"
    return Story(story_id, f"{original.title} (update)", published, rng.choice(PUBLISHERS),
                 "\n\n".join(paragraphs) + "\n")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_corpus(path: Path, n: int, seed: int) -> dict[str, float]:
    """Stream `n` stories to `path` (JSONL); the corpus's shape: sentences, share with figures."""
    sentences = with_figures = 0
    with path.open("w", encoding="utf-8") as out:
        for story in news_stories(n, seed):
            out.write(json.dumps(story.to_row()) + "\n")
            for sent in re.split(r"(?<=[.!?])\s+", story.text.strip()):
                sentences += 1
                with_figures += bool(NUMERAL.search(sent))
    return {"sentences_per_doc": sentences / max(n, 1), "figure_share": with_figures / max(sentences, 1)}


# --- measuring ---------------------------------------------------------------

def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` now (VmRSS), in MB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid` (the --jobs worker processes), from /proc."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class StageClock:
    """Wall seconds spent in the update and in storing, wrapped around the functions `add` calls."""

    update: float = 0.0
    store: float = 0.0
    updates: list[tuple[int, float, float, Any]] = field(default_factory=list)
    done: int = 0

    def install(self) -> None:
        """Wrap `api.update` and `storage.store` (as `add` looks them up) with timers."""
        real_update, real_store = api.update, storage.store

        def timed_update(con, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            result = real_update(con, **kwargs)
            seconds = time.perf_counter() - start
            self.update += seconds
            # CPU seconds too: on a shared machine the wall time also measures the neighbours.
            self.updates.append((self.done, seconds, time.process_time() - cpu, result))
            return result

        def timed_store(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real_store(*args, **kwargs)
            finally:
                self.store += time.perf_counter() - start

        api.update, storage.store = timed_update, timed_store


@dataclass
class Progress:
    """Prints a row of the table every `step` documents."""

    total: int
    step: int
    clock: StageClock
    start: float = field(default_factory=time.perf_counter)
    cpu_start: float = field(default_factory=cpu_seconds)
    last: tuple[int, float, float, float] = (0, 0.0, 0.0, 0.0)

    def __call__(self, count: int) -> None:
        self.clock.done += count
        if self.clock.done % self.step == 0 or self.clock.done == self.total:
            self.row()

    def row(self) -> None:
        """One line: done, elapsed, interval docs/s, CPU, RSS, and the interval's stage split."""
        done, now = self.clock.done, time.perf_counter() - self.start
        last_done, last_now, last_update, last_store = self.last
        rate = (done - last_done) / max(now - last_now, 1e-9)
        update, store = self.clock.update - last_update, self.clock.store - last_store
        other = (now - last_now) - update - store
        children = sum(rss_mb(pid) for pid in descendants(os.getpid()))
        print(f"{done:8d} {now:9.1f} {rate:8.1f} {cpu_seconds() - self.cpu_start:9.1f} "
              f"{rss_mb(os.getpid()):8.0f} {children:8.0f}   {other:8.1f} {store:7.1f} {update:7.1f}", flush=True)
        self.last = (done, now, self.clock.update, self.clock.store)


def run(n: int, jobs: int, seed: int, folder: Path) -> None:
    """Write the corpus into `folder`, add it to a fresh ledger there, print the table."""
    corpus = folder / "corpus.jsonl"
    shape = write_corpus(corpus, n, seed)
    print(f"{n} stories, {shape['sentences_per_doc']:.1f} sentences each, "
          f"{shape['figure_share']:.0%} of sentences with a numeral or number word; --jobs {jobs}", flush=True)
    clock = StageClock()
    clock.install()
    progress = Progress(n, max(n // 10, 1), clock)
    print("    docs   elapsed  docs/s*  CPU s    RSS MB child MB   extract*  store* update*   (* this interval)")
    result = claimledger.add([corpus], db=folder / "scale.db", options=Options(jobs=jobs), progress=progress)
    print(f"{result.added} added, {result.unchanged} unchanged, {result.claims} claims, "
          f"{len(result.problems)} problems; {n / (time.perf_counter() - progress.start):.1f} docs/s overall")
    print("updates: after doc, wall and CPU seconds, and what each touched (incremental.UpdateResult)")
    for done, seconds, cpu, touched in clock.updates:
        print(f"  {done:8d} {seconds:7.1f}s {cpu:7.1f}s CPU  {touched}")
    print(f"peak RSS: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"largest finished child {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write corpus and ledger here instead of a temporary folder")
    parser.add_argument("--sample", type=int, help="print this many stories and stop")
    parser.add_argument("--republish", type=float, help="share of stories that republish a recent one")
    args = parser.parse_args()
    if args.republish is not None:
        global REPUBLISH_SHARE
        REPUBLISH_SHARE = args.republish
    if args.sample:
        for story in news_stories(args.sample, args.seed):
            print(f"# {story.id} {story.published} {story.publisher}: {story.title}\n{story.text}")
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.docs, args.jobs, args.seed, args.keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(args.docs, args.jobs, args.seed, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
