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
    """Load spaCy model `name` once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(name) from exc


def parse(texts: Iterable[str], model: str, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse `texts` in batches with the model named `model`."""
    yield from load_model(model).pipe(texts, batch_size=batch_size)
