"""Necessary literals of a regular expression: strings one of which every match contains.

Why: the status rules are some thirty families of alternations opening with `\\b`, which Python's engine tries at
every character of a text; most sentences of a report match none of them. A text holding none of a family's
necessary literals cannot match it, and a substring test is some fifty times cheaper than the search (the idea
of RE2's prefilter and of trigram code search, here on the parse tree of Python's own `re`).
"""

from __future__ import annotations

from typing import Optional

try:  # the parser of the standard library's `re` (named sre_parse before Python 3.11)
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older or other Pythons: no prefilter, every family is searched
    _c = _p = None

Stems = Optional[frozenset]  # None: no literal is necessary (or the pattern is beyond this analysis)


def necessary_literals(pattern: str, flags: int = 0) -> Stems:
    """Strings one of which occurs in every match of `pattern` (case-sensitive; None when none can be told)."""
    if _p is None or flags & 2:  # re.IGNORECASE: the literals would have to be folded
        return None
    try:
        return _sequence(_p.parse(pattern, flags))
    except Exception:  # pragma: no cover - a construct the analysis does not know: no prefilter
        return None


def _best(a: Stems, b: Stems) -> Stems:
    """Of two necessary sets of a sequence, the more selective: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items) -> Stems:
    best: Stems = None
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _best(best, frozenset(["".join(run)]))
            run = []
        if op is None:
            break
        best = _best(best, _item(op, av))
    return best


def _item(op, av) -> Stems:
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return _sequence(av[2]) if av[0] >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            stems = _sequence(alternative)
            if stems is None:
                return None
            out |= stems
        return frozenset(out)
    return None  # a class, a category, an anchor, a lookaround: nothing it must hold
