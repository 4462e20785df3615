"""Per-document extraction: a reader turns a file into a `Layout`, a pipeline of named extractors turns the
layout into items of the common schema. No state is shared between documents."""

from plantrace.extract.api import EXTRACTOR_VERSION, extract_file, extract_layout, extract_text

__all__ = ["EXTRACTOR_VERSION", "extract_file", "extract_layout", "extract_text"]
