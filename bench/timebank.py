"""Score claimledger.extract.timex on TempEval-3 TimeBank (value F1, relaxed span).

Run: PYTHONPATH=src python bench/timebank.py [--dir PATH] [--part read|report|read-a|read-b]
                                             [--misses [--errors N] [--kind value|missed|spurious]]

`--misses` prints the errors of the read half (or of one of its two sub-halves) and refuses
for the report half or the whole set: the report half is scored, never read.  `read-a` and
`read-b` split the read half again by a second byte of the same hash, for the cross-check
that a fix helps both sub-halves and is not fitted to a few sentences.

For every .tml file the DCT (functionInDocument="CREATION_TIME") is the
anchor; the TIMEX3 tags inside <TEXT> are the gold expressions, with offsets
into the tag-stripped text.  A gold expression is matched by the first
system expression whose span overlaps it (TempEval-3 relaxed matching);
value scores count matches whose value is exactly the gold value.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.extract.timex import find_times  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "tempeval3" / "TimeBank"
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 in the stripped text."""

    start: int
    end: int
    type: str
    value: str
    text: str


def _attr(attrs: str, name: str) -> str:
    m = re.search(rf'\b{name}="([^"]*)"', attrs)
    return m.group(1) if m else ""


def read_tml(path: Path) -> tuple[str, str, list[GoldTimex]]:
    """(anchor ISO date, plain TEXT, gold TIMEX3 list) of one .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    anchor = _attr(dct.group(0), "value")[:10] if dct else ""
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
    return (anchor, *_strip(body))


def _strip(body: str) -> tuple[str, list[GoldTimex]]:
    out: list[str] = []
    pos = 0
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, str] | None = None
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, m.group(3))
        elif open_timex:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            gold.append(GoldTimex(start, length, _attr(attrs, "type"), _attr(attrs, "value"), text))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), gold


PARTS: tuple[str, ...] = ("read", "report", "read-a", "read-b")
# The parts whose misses may be printed: the read half and its two sub-halves.
READABLE_PARTS: frozenset[str] = frozenset({"read", "read-a", "read-b"})


def part_of(path: Path) -> str:
    """"read" or "report": a fixed half of the files by a hash of the name.  Rules are tuned
    on misses of the "read" half only (from December 2026 on); "report" is scored, never read.
    (Earlier rules were written reading all of TimeBank: neither half is unseen by them.)"""
    return "read" if hashlib.sha256(path.name.encode()).digest()[0] % 2 == 0 else "report"


def subpart_of(path: Path) -> str:
    """"read-a" or "read-b" for a file of the read half (by the hash's second byte), else "report"."""
    if part_of(path) != "read":
        return "report"
    return "read-a" if hashlib.sha256(path.name.encode()).digest()[1] % 2 == 0 else "read-b"


def in_part(path: Path, part: str | None) -> bool:
    """Whether the file belongs to `part` (None: every file)."""
    if part is None:
        return True
    return (subpart_of(path) if part.startswith("read-") else part_of(path)) == part


def score_timebank(directory: Path | str | None = None, errors: list | None = None,
                   part: str | None = None) -> dict:
    """Relaxed-span and value P/R/F1 of find_times over the TimeBank directory (or one `part`)."""
    directory = Path(directory) if directory else DEFAULT_DIR
    docs = n_gold = n_sys = span_ok = value_ok = 0
    for path in sorted(directory.glob("*.tml")):
        if not in_part(path, part):
            continue
        anchor, text, gold = read_tml(path)
        system = find_times(text, anchor or None)
        docs += 1
        n_gold += len(gold)
        n_sys += len(system)
        s, v = _match(path.name, text, gold, system, errors)
        span_ok += s
        value_ok += v
    return {"docs": docs, "gold": n_gold, "system": n_sys,
            **_prf("span", span_ok, n_sys, n_gold), **_prf("value", value_ok, n_sys, n_gold)}


def _match(name: str, text: str, gold: list[GoldTimex], system: list, errors: list | None) -> tuple[int, int]:
    used: set[int] = set()
    span_ok = value_ok = 0
    for g in gold:
        hit = next((i for i, t in enumerate(system) if i not in used and t.start < g.end and g.start < t.end), None)
        if hit is None:
            _note(errors, "missed", name, g.text, g.value, "", text, g.start)
            continue
        used.add(hit)
        span_ok += 1
        if system[hit].value == g.value:
            value_ok += 1
        else:
            _note(errors, "value", name, g.text, g.value, f"{system[hit].text!r}={system[hit].value}", text, g.start)
    for i, t in enumerate(system):
        if i not in used:
            _note(errors, "spurious", name, t.text, "", t.value, text, t.start)
    return span_ok, value_ok


def _note(errors, kind, name, gtext, gvalue, sys_value, text, at) -> None:
    if errors is not None:
        context = text[max(0, at - 50):at + 60].replace("\n", " ")
        errors.append((kind, name, gtext, gvalue, sys_value, context))


def _prf(prefix: str, ok: int, n_sys: int, n_gold: int) -> dict:
    p = ok / n_sys if n_sys else 0.0
    r = ok / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_p": round(p, 4), f"{prefix}_r": round(r, 4), f"{prefix}_f1": round(f, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=None, help="TimeBank directory of .tml files")
    parser.add_argument("--misses", action="store_true",
                        help="print the errors (stderr); only for --part read, read-a or read-b")
    parser.add_argument("--errors", type=int, default=15, help="with --misses: error examples per kind")
    parser.add_argument("--kind", default=None, help="with --misses: only show this error kind")
    parser.add_argument("--part", choices=PARTS, default=None,
                        help="score one half: 'read' (misses may be read to tune; 'read-a'/'read-b' are its "
                             "two sub-halves) or 'report' (scored only; its errors are never printed)")
    args = parser.parse_args()
    if args.misses and args.part not in READABLE_PARTS:
        parser.error("--misses prints the read half only: add --part read (or read-a, read-b); "
                     "the report half and the whole set are scored, never read")
    errors: list = []
    result = score_timebank(args.dir, errors, args.part)
    print(f"docs {result['docs']}  gold {result['gold']}  system {result['system']}")
    print(f"span  P {result['span_p']:.3f}  R {result['span_r']:.3f}  F1 {result['span_f1']:.3f}")
    print(f"value P {result['value_p']:.3f}  R {result['value_r']:.3f}  F1 {result['value_f1']:.3f}")
    if args.misses:
        _print_errors(errors, args.errors, args.kind)


def _print_errors(errors: list, per_kind: int, only: str | None) -> None:
    by_kind = Counter(e[0] for e in errors)
    print(f"errors: {dict(by_kind)}", file=sys.stderr)
    for kind in ("value", "missed", "spurious"):
        if only and kind != only:
            continue
        shown = [e for e in errors if e[0] == kind][:per_kind]
        for _, name, gtext, gvalue, sval, ctx in shown:
            print(f"[{kind}] {name}: {gtext!r} gold={gvalue} sys={sval} | {ctx}", file=sys.stderr)


if __name__ == "__main__":
    main()
