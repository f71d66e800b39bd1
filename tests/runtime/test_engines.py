import os

import pytest

from pipeline.config import load_config
from pipeline.runtime import engines

pytestmark = pytest.mark.model


def _worker_state():
    return os.getpid(), sorted(engines._loaded)


def test_local_workers_have_loaded_the_pipeline_when_the_engine_opens():
    config = load_config()
    with engines.open_engine("local", config, workers=2) as runner:
        states = [future.result() for future in [runner._submit(_worker_state) for _ in range(4)]]
    assert os.getpid() not in {pid for pid, _ in states}
    assert all(loaded == [config.to_str()] for _, loaded in states)


def test_dask_workers_have_loaded_the_pipeline_when_the_engine_opens():
    distributed = pytest.importorskip("distributed")
    config = load_config()
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        with engines.open_engine("dask", config, client=client):
            states = client.run(_worker_state)
    assert len(states) == 2
    assert all(loaded == [config.to_str()] for _, loaded in states.values())
