"""Runs integrations/tfds/tfds_scenario.py in quick mode (offline) and checks its figures."""

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow_datasets", reason="the TFDS scenario needs tensorflow-datasets")

# A whole scenario per folder: the slow lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("tfds_scenario")


@pytest.fixture(scope="module")
def results(scenario, data_dir):
    return scenario.main(quick=True, data_dir=data_dir)


def test_real_table_round_trips_through_tfds(results):
    assert results["real_split_counts"] == results["source_rows"]
    assert results["real_rows_read"] == results["source_rows"]["train"]
    assert results["real_rows_match_source"]
    assert results["real_raw_keys"] == ["features", "label"]
    assert results["real_feature_names"] == sorted(results["source_feature_names"])
    assert all("/" not in name for name in results["real_feature_names"])


def test_datasets_are_written_under_data_dir(scenario, data_dir):
    written = {p.name for p in Path(data_dir).iterdir()}
    assert {scenario.REAL_NAME, scenario.AUGMENTED_NAME} <= written


def test_augmented_dataset_counts(results):
    n_train = results["source_rows"]["train"]
    n_rows = results["augmented_rows_read"]
    assert n_rows == results["augmented_num_examples"]
    # Every real row is stored exactly once, the rest are synthetic.
    assert results["augmented_real_rows"] == n_train
    assert results["augmented_synthetic_rows"] == n_rows - n_train
    assert results["augmented_synthetic_rows"] > 0
    assert results["augmented_synthetic_rows"] / n_rows < 0.6


def test_augmented_dataset_names_and_dtypes(results):
    assert results["augmented_raw_keys"] == ["features", "label"]
    assert results["augmented_spec"] == results["real_spec"]
    assert results["augmented_dtypes"] == results["real_dtypes"]
    assert set(results["real_dtypes"].values()) == {"float32", "int64"}
    assert results["real_dtypes"]["label"] == "int64"
    assert set(np.unique(results["augmented_labels"])) <= {0, 1, 2}
