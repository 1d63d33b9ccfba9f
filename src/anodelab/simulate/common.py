"""Shared pieces of the protocols: the one scoring call, repeated batches, soft-short noise."""

from __future__ import annotations

import numpy as np

from ..batch import DesignBatch, as_batch
from ..errors import AnodeLabError
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import ScoreResult, score


def prepare(obj, params: ModelParameters | None, library) -> tuple[DesignBatch, ScoreResult, ModelParameters]:
    """Batch the input and score it once: every protocol reads its numbers from this ScoreResult."""
    p = params or default_parameters()
    try:
        batch = as_batch(obj, library)
    except ValueError as exc:
        if isinstance(exc, AnodeLabError):
            raise
        raise AnodeLabError(f"cannot simulate: {exc}", field="designs") from None
    return batch, score(batch, p), p


def repeat_batch(batch: DesignBatch, k: int) -> DesignBatch:
    """Each design repeated ``k`` times in a row (design-major): index i*k + j is design i, variant j."""
    return batch.take(np.repeat(np.arange(len(batch)), k))


def rescore(batch: DesignBatch, params: ModelParameters, **fields: np.ndarray) -> ScoreResult:
    """Score the batch again with some conditions replaced (the same engine, the same parameters)."""
    return score(batch.replace(**fields), params)


def soft_short_noise(rng: np.random.Generator, mask: np.ndarray) -> np.ndarray:
    """Standard-normal noise where ``mask`` is true, zero elsewhere (drawn only for the masked points)."""
    out = np.zeros(mask.shape)
    idx = np.flatnonzero(mask)
    if idx.size:
        out.flat[idx] = rng.standard_normal(idx.size)
    return out
