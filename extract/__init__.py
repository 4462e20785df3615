"""Per-document extraction: a reader turns a file into a `Layout`, a pipeline of named extractors turns the
layout into items of the common schema. No state is shared between documents."""

from plantrace.extract.api import EXTRACTOR_VERSION, extract_file, extract_layout, extract_text

__all__ = ["EXTRACTOR_VERSION", "extract_file", "extract_layout", "extract_text"]


class _CallableModule(__import__("types").ModuleType):
    """`plantrace.extract(path)` is the API's main call, and `plantrace.extract` is also this package."""

    def __call__(self, path, meta=None):
        return extract_file(path, meta=meta)


__import__("sys").modules[__name__].__class__ = _CallableModule
