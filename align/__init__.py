"""plantrace.align: links goals, assignments and indicators across documents — lineage within a series,
follow-up verdicts for plan items, related items across municipalities — every link with the feature scores
that made it.

    result = plantrace.align("plantrace.duckdb", overrides="review.csv")   # computes and stores
    result.links, result.threads, result.followups                         # pandas DataFrames
    plantrace.align.explain("plantrace.duckdb", "L1a2b3c4d5e")             # why one link was made

The submodules (normalise, themes, features, lineage, followup, related, overrides) are plain functions over
plain data; importing this package does not load spaCy.
"""

import sys as _sys
import types as _types

from .run import Alignment, align, explain  # noqa: E402

__all__ = ["Alignment", "align", "explain"]


class _CallableModule(_types.ModuleType):
    """`plantrace.align(db)` is the stage's main call, and `plantrace.align` is also this package."""

    def __call__(self, db, overrides=None, **kwargs):
        return align(db, overrides=overrides, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
