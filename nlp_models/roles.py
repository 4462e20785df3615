"""The role classifier's model: a linear bag of features, registered as a spaCy architecture.

Why not spaCy's stock TextCatBOW: it sees only case-sensitive word n-grams, while the role of a line in these
documents shows as much in its *form* — "Sida 3 (13)" and "Sida 12 av 40" share no word but "Sida", a heading is
short and unpunctuated, a table row is digits. So the features are lower-cased word n-grams plus word shapes,
the first token's word and shape, a length bucket and the closing character. Still linear and sparse: training
takes seconds and prediction costs a hash lookup per feature, which keeps the pipeline far above 50,000 words/s.
"""

from __future__ import annotations

import re
from functools import partial

import numpy
from spacy.attrs import LEMMA, LOWER, SHAPE, SUFFIX
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, resizable, softmax_activation, with_cpu
from thinc.layers.resizable import resize_linear_weighted, resize_model

ROLES = ("goal", "measurable_target", "assignment", "indicator", "action", "followup_status", "narrative",
         "heading", "furniture")

_MARKUP = re.compile(r"\*\*|</?[a-zA-Z]+[^>]*>|^#+\s*|(?<=\s)\*|\*(?=\s)")
_SALT = {name: numpy.uint64(hash_) for name, hash_ in
         {"shape": 0x9E3779B97F4A7C15, "first": 0xC2B2AE3D27D4EB4F, "first_shape": 0x165667B19E3779F9,
          "length": 0x27D4EB2F165667C5, "last": 0x85EBCA77C2B2AE63, "suffix": 0xD6E8FEB86659FD93,
          "first_suffix": 0xA0761D6478BD642F, "status": 0xE7037ED1A0B428DB, "negated": 0x9FB21C651E98DF25}.items()}
FEATURES = ("lower", "lemma", "shape", "suffix", "first", "length", "last", "status")
# a negation marks the next few words ("inte helt genomfört", "ej påbörjad", "ingen åtgärd"): the status model
# must tell "genomfört" from "inte genomfört" without a rule for each participle
NEGATIONS = frozenset({"inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "utan"})
NEGATION_SCOPE = 3
_STATUS_CODE = {"done": 1, "partial": 2, "not_done": 3, "ongoing": 4, "cancelled": 5, "unknown": 6}


def prepare(text: str) -> str:
    """The text the classifier sees: converter markup out, runs of whitespace (line breaks too) as one space."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _features(model: Model, docs, is_train: bool):
    ops = model.ops
    ngram_size = model.attrs["ngram_size"]
    use = model.attrs["features"]
    batch_keys, batch_vals = [], []
    for doc in docs:
        arr = doc.to_array([LOWER, SHAPE, SUFFIX]) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        lower = numpy.ascontiguousarray(arr[:, 0], dtype="uint64")
        words = _negated_lemmas(doc) if "lemma" in use else lower
        parts = [words]
        for n in range(2, min(ngram_size, len(doc)) + 1):
            parts.append(numpy.asarray(ops.ngrams(n, words), dtype="uint64"))
        if "shape" in use:
            parts.append(numpy.ascontiguousarray(arr[:, 1], dtype="uint64") ^ _SALT["shape"])
        if "suffix" in use:
            parts.append(numpy.ascontiguousarray(arr[:, 2], dtype="uint64") ^ _SALT["suffix"])
        extra = []
        if "length" in use:
            extra.append(_SALT["length"] + numpy.uint64(min(len(doc), 64).bit_length()))
        if len(doc):
            if "first" in use:
                extra += [lower[0] ^ _SALT["first"], arr[0, 1] ^ _SALT["first_shape"], arr[0, 2] ^ _SALT["first_suffix"]]
            if "last" in use:
                extra.append(_SALT["last"] + numpy.uint64(ord(doc[-1].text[-1])))
            if "status" in use and len(doc) <= 60:
                extra.append(_SALT["status"] + numpy.uint64(_STATUS_CODE[_status(doc.text)]))
        parts.append(numpy.asarray(extra, dtype="uint64"))
        keys, vals = numpy.unique(numpy.concatenate(parts), return_counts=True)
        batch_keys.append(keys)
        batch_vals.append(vals)
    lengths = ops.asarray([k.shape[0] for k in batch_keys], dtype="int32")
    keys = ops.asarray(numpy.concatenate(batch_keys) if batch_keys else numpy.zeros((0,), dtype="uint64"))
    vals = ops.asarray(numpy.concatenate(batch_vals) if batch_vals else numpy.zeros((0,)), dtype="f")
    return (keys, vals, lengths), lambda dY: []


def _negated_lemmas(doc) -> numpy.ndarray:
    """Lemma ids, those in a negation's scope salted: the scope ends at punctuation or after NEGATION_SCOPE words."""
    lemmas = numpy.ascontiguousarray(doc.to_array([LEMMA]).reshape(-1), dtype="uint64") if len(doc) else \
        numpy.zeros((0,), dtype="uint64")
    scope = 0
    for i, token in enumerate(doc):
        if token.is_punct:
            scope = 0
        elif token.lower_ in NEGATIONS:
            scope = NEGATION_SCOPE
        elif scope:
            lemmas[i] ^= _SALT["negated"]
            scope -= 1
    return lemmas


def _status(text: str) -> str:
    from .status import status_match  # the rules only: the status model is not a feature of the role model

    return status_match(text).status


def _resize(model, new_nO, resizable_layer):
    resizable_layer = resize_model(resizable_layer, new_nO)
    model.set_ref("output_layer", resizable_layer.layers[0])
    model.set_dim("nO", new_nO, force=True)
    return model


@registry.architectures("plantrace.TextCatFeatures.v1")
def build_feature_classifier(exclusive_classes: bool, ngram_size: int = 2, length: int = 65536,
                             features: list[str] = list(FEATURES), nO: int | None = None) -> Model:
    """Sparse linear classifier over word n-grams, shapes and layout cues (see module docstring)."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill = {"b": -5000, "W": 0}  # new labels start at "never", as in spaCy's own BOW
    resizable_layer = resizable(sparse_linear, resize_layer=partial(resize_linear_weighted, fill_defaults=fill))
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown feature families {sorted(unknown)}; known: {FEATURES}")
    extractor = Model("plantrace_features", _features, attrs={"ngram_size": ngram_size, "features": tuple(features)})
    model = with_cpu(chain(extractor, resizable_layer), resizable_layer.ops)
    output = softmax_activation() if exclusive_classes else Logistic()
    model = chain(model, with_cpu(output, output.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(_resize, resizable_layer=resizable_layer)
    return model
