"""Findings as the check stage makes and words them: a stable content-derived id, and the
phrases every message uses for a source, a number and a country."""
from __future__ import annotations

import hashlib

from ..records import Claim, Finding


def finding_id(kind: str, claims: tuple[str, ...], docs: tuple[str, ...], evidence: tuple[str, ...] = ()) -> str:
    """A stable id: hash of the finding type, its claim ids and (for claimless findings) documents and evidence."""
    content = "|".join([kind, ",".join(sorted(claims)), ",".join(sorted(docs)), ",".join(evidence)])
    return "f_" + hashlib.sha1(content.encode()).hexdigest()[:12]


def make_finding(kind: str, holds: bool | None, claims: list[Claim], docs: list[str], message: str,
                 severity: str = "medium", evidence: tuple[str, ...] = ()) -> Finding:
    """A Finding with its id derived from its content; docs keep their first-seen order."""
    claim_ids = tuple(c.id for c in claims)
    doc_ids = tuple(dict.fromkeys(docs))
    return Finding(id=finding_id(kind, claim_ids, doc_ids, evidence), type=kind, holds=holds, claims=claim_ids,
                   docs=doc_ids, message=message, severity=severity, evidence=evidence)


def who(claim: Claim) -> str:
    """The source as a sentence names it: "the Russian foreign ministry", "Bikantov", "an unnamed source"."""
    source = " ".join((claim.source or "").split())  # a source read across a line break
    if not source:
        return "an unnamed source"
    words = source.split()
    needs_article = any(w[:1].islower() for w in words) or (words[0].isupper() and len(words) > 1) \
        or words[0].lower() in {"ministry", "department", "panel", "government", "office"}
    return f"the {source}" if needs_article and not source.lower().startswith("the ") else source


def possessive(claim: Claim) -> str:
    """"the UN experts'", "the foreign ministry's"."""
    name = who(claim)
    return name + ("'" if name.endswith("s") else "'s")


def country_name(country: str) -> str:
    """"the Central African Republic", "the United States", but "Russia": the country as a sentence names it."""
    plural_or_union = {"Republic", "United", "Kingdom", "States", "Federation", "Islands", "Emirates"}
    return f"the {country}" if plural_or_union & set(country.split()) else country


def capital(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def number(value: float | None) -> str:
    """1135.0 -> "1,135"; 2.5 -> "2.5"."""
    if value is None:
        return "an unknown number"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_text(claim: Claim) -> str:
    """A figure with its bound as a finding writes it: "up to 2,100", "about 6,000", "49.6%"."""
    if claim.low is None and claim.high is not None:
        text = f"up to {number(claim.high)}"
    elif claim.high is None and claim.low is not None:
        text = f"more than {number(claim.low)}"
    elif claim.value is None and claim.low is not None:
        text = f"between {number(claim.low)} and {number(claim.high)}"
    else:
        text = ("about " if claim.approximate else "") + number(claim.value)
    return text + ("%" if claim.unit == "percent" else "")
