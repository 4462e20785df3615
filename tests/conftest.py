import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"


@pytest.fixture()
def sample_dir(tmp_path):
    """A private copy of the bundled sample corpus (text/*.txt and manifest.csv) that a test may change."""
    dest = tmp_path / "sample"
    shutil.copytree(SAMPLE, dest)
    return dest


@pytest.fixture(scope="session")
def aligned_sample_db(tmp_path_factory):
    """The sample corpus ingested and aligned once for the tests that only read it (reports, HTML)."""
    import plantrace

    path = tmp_path_factory.mktemp("aligned") / "store.duckdb"
    report = plantrace.ingest([SAMPLE], db=path)
    assert report.ok, report.summary()
    plantrace.align(path)
    return path
