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


def _hypothesis_outside_the_checkout() -> None:
    """Hypothesis keeps its examples and caches in ./.hypothesis by default; a test run writes nothing into the
    checkout, so they live in the system's temporary folder (kept between runs, so failures still replay)."""
    import tempfile

    try:
        from hypothesis import settings
        from hypothesis.configuration import set_hypothesis_home_dir
        from hypothesis.database import DirectoryBasedExampleDatabase
    except ImportError:  # pragma: no cover - hypothesis is in the test extra
        return
    folder = Path(tempfile.gettempdir()) / "plantrace-hypothesis"
    set_hypothesis_home_dir(str(folder))
    settings.register_profile("plantrace", database=DirectoryBasedExampleDatabase(str(folder / "examples")))
    settings.load_profile("plantrace")


_hypothesis_outside_the_checkout()
