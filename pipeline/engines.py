"""Where the model runs when not in the calling process: local worker processes, or a Dask cluster.

Both engines run the same function on each batch of articles (`process_batch`), in a process
that builds the pipeline from the run's config once and keeps it; the caller hands out
batches in input order and collects their results in the same order (`run.process_with`),
so every engine writes the same dataset.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from thinc.api import Config

from pipeline.documents import Article
from pipeline.errors import ConfigError
from pipeline.records import DocumentResult, Provenance

if TYPE_CHECKING:
    from pipeline.run import Batching

ENGINES = ("local", "dask")

# The pipeline a worker process built, by the config text it was built from.
_loaded: dict[str, Any] = {}
_lock = threading.Lock()  # a Dask worker may run tasks in several threads; one Language each


def process_batch(
    config_text: str, articles: list[Article], provenance: Provenance, batching: Batching
) -> list[DocumentResult]:
    """Run in a worker: the DocumentResults of one batch, with the pipeline loaded once per process."""
    from pipeline.nlp import build_pipeline
    from pipeline.run import process_articles

    with _lock:
        nlp = _loaded.get(config_text)
        if nlp is None:
            _loaded.clear()
            nlp = _loaded[config_text] = build_pipeline(Config().from_str(config_text))
            gc.freeze()  # it lives as long as this process: keep it out of full collections (see run.extract)
        return process_articles(nlp, articles, provenance, batching)


@dataclass
class BatchRunner:
    """Submits batches to an engine: `submit(articles, ...)` returns a future of their results."""

    _submit: Any
    config_text: str
    in_flight: int

    def submit(self, articles: list[Article], *, provenance: Provenance, batching: Batching) -> Any:
        return self._submit(process_batch, self.config_text, articles, provenance, batching)


@contextlib.contextmanager
def open_engine(
    engine: str, config: Config, *, workers: int = 1, scheduler: str | None = None, client: Any = None
) -> Iterator[BatchRunner | None]:
    """A BatchRunner for the engine, or None when the model runs in this process (local, 1 worker)."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "local":
        if workers <= 1:
            yield None
            return
        context = multiprocessing.get_context("spawn")  # no fork of a process holding Arrow threads
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield BatchRunner(pool.submit, config.to_str(), 2 * workers)
        return
    with _dask_client(workers, scheduler, client) as dask_client:
        threads = sum(dask_client.nthreads().values()) or workers

        def submit(function: Any, *args: Any) -> Any:
            # retries: a batch on a worker that died is run again elsewhere
            return dask_client.submit(function, *args, pure=False, retries=3)

        yield BatchRunner(submit, config.to_str(), 2 * threads)


@contextlib.contextmanager
def _dask_client(workers: int, scheduler: str | None, client: Any) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "the dask engine needs Dask's distributed scheduler: pip install 'agreements-pipeline[dask]'"
        ) from exc
    if scheduler:
        try:
            connected = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ConfigError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from exc
        with connected:
            yield connected
        return
    with LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as local:
            yield local
