"""Stage 1: sentences, tokens, parse and entities from spaCy.

The model is a setting (`Options.model`), loaded once per process and only
when first needed.  Nothing is ever downloaded: a missing model is a clear
error naming how to install it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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
    return nlp


@lru_cache(maxsize=1)
def register_components() -> None:
    """Register claimledger's spaCy components (once; the registry is global)."""
    from spacy.language import Language

    Language.component("paragraph_breaks", func=paragraph_breaks,
                       assigns=["token.is_sent_start"], retokenizes=False)


def paragraph_breaks(doc: "Doc") -> "Doc":
    """A line break ends a sentence: titles, date lines and paragraphs never run together.

    The parser respects boundaries set before it runs, so sentences still split
    inside a paragraph as the model sees fit.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def parse(texts: Iterable[str], model: str, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse `texts` in batches with the model named `model`."""
    yield from load_model(model).pipe(texts, batch_size=batch_size)
