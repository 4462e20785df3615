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
