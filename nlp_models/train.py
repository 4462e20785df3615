"""`python -m plantrace.nlp_models.train [--seed 0] [--output DIR]`: rebuild the shipped model and print metrics.

The work is in training.py. This module only gives the command its name; it also makes itself callable,
because importing it binds `plantrace.nlp_models.train` to the module and would otherwise hide the package's
`train()` function (so `plantrace.nlp_models.train(seed=0)` works whatever was imported first).
"""

from __future__ import annotations

import argparse
import json
import sys
import types

from .training import MODEL_DIR, train


class _CallableModule(types.ModuleType):
    def __call__(self, seed: int = 0, **kwargs):
        return train(seed, **kwargs)


sys.modules[__name__].__class__ = _CallableModule


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plantrace.nlp_models.train", description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", default=str(MODEL_DIR), help="where to save the pipeline ('-' = do not save)")
    parser.add_argument("--errors", action="store_true", help="list the held-out errors too")
    args = parser.parse_args(argv)
    metrics = train(args.seed, output=None if args.output == "-" else args.output)
    if not args.errors:
        metrics["held_out"].pop("errors", None)
    print(json.dumps(metrics, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
