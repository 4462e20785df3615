"""Imported by the fork server that starts ingest's worker processes (`plantrace.corpus.workers`): the extractor
and the NLP pipeline are loaded once there, so every worker forked from it starts with them ready."""

import plantrace.corpus.store  # noqa: F401  (item_rows, run in the workers)
import plantrace.corpus.workers  # noqa: F401
import plantrace.extract  # noqa: F401

try:
    import plantrace.nlp_models

    plantrace.nlp_models.load()
except Exception:  # noqa: BLE001 - a missing model is reported by the extractor, per document
    pass
