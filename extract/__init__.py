"""Per-document extraction: a reader turns a file into a `Layout`, a pipeline of named extractors turns the
layout into items of the common schema. No state is shared between documents."""

from plantrace.extract.api import extract_file, extract_text

__all__ = ["extract_file", "extract_text"]
