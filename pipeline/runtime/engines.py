"""Where the model runs when not in the calling process: local worker processes, or a Dask cluster.

Both engines run the same function on each batch of articles (`process_batch`), in a process
that builds the pipeline from the run's config once and keeps it; the caller hands out
batches in input order and collects their results in the same order (`run.process_with`),
so every engine writes the same dataset.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from confection import Config

from pipeline.build import build_pipeline
from pipeline.dataset.records import DocumentResult, Provenance
from pipeline.errors import ConfigError, PipelineError
from pipeline.inputs.articles import Article
from pipeline.runtime.processing import Batching, process_articles

ENGINES = ("local", "dask")

# The pipeline a worker process built, by the config text it was built from.
_loaded: dict[str, Any] = {}
_lock = threading.Lock()  # a Dask worker may run tasks in several threads; one Language each
# How long a starting local worker waits for the others to have loaded their pipelines.
_WORKER_START_TIMEOUT_S = 300


def process_batch(
    config_text: str,
    articles: list[Article],
    provenance: Provenance,
    batching: Batching,
    model_cache: str | None = None,
) -> list[DocumentResult]:
    """Run in a worker: the DocumentResults of one batch, with the pipeline loaded once per process."""
    with _lock:
        return process_articles(_pipeline_for(config_text), articles, provenance, batching, model_cache)


def _pipeline_for(config_text: str) -> Any:
    """This process's pipeline for the config, built the first time it is asked for."""
    nlp = _loaded.get(config_text)
    if nlp is None:
        _loaded.clear()
        nlp = _loaded[config_text] = build_pipeline(Config().from_str(config_text))
        gc.freeze()  # it lives as long as this process: keep it out of full collections (see run.extract)
    return nlp


def load_pipeline(config_text: str) -> None:
    """Build the config's pipeline in this (worker) process now rather than with its first batch."""
    with _lock:
        _pipeline_for(config_text)


def _start_worker(config_text: str, all_loaded: Any) -> None:
    """A local worker's start: load the pipeline, then wait (a while, at most) for the other workers."""
    load_pipeline(config_text)
    with contextlib.suppress(threading.BrokenBarrierError):
        all_loaded.wait(timeout=_WORKER_START_TIMEOUT_S)


async def _load_on_dask_worker(config_text: str) -> None:
    """`Client.run` calls this on each worker's event loop: the loading happens off it, in a thread."""
    await asyncio.to_thread(load_pipeline, config_text)


def _nothing() -> None:
    """A task that only shows its worker has started."""


@dataclass
class BatchRunner:
    """Submits batches to an engine: `submit(articles, ...)` returns a future of their results."""

    _submit: Any
    config_text: str
    in_flight: int

    def submit(
        self, articles: list[Article], *, provenance: Provenance, batching: Batching, model_cache: str | None = None
    ) -> Any:
        return self._submit(process_batch, self.config_text, articles, provenance, batching, model_cache)


@contextlib.contextmanager
def open_engine(
    engine: str, config: Config, *, workers: int = 1, scheduler: str | None = None, client: Any = None
) -> Iterator[BatchRunner | None]:
    """A BatchRunner for the engine, or None when the model runs in this process (local, 1 worker).

    The workers there are when it opens have loaded the pipeline by the time it is returned.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "local" and workers <= 1:
        yield None
        return
    config_text = config.to_str()
    if engine == "local":
        context = multiprocessing.get_context("spawn")  # no fork of a process holding Arrow threads
        all_loaded = context.Barrier(workers)
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(config_text, all_loaded)
        ) as pool:
            # Each worker loads the pipeline as it starts and waits for the others, so when
            # these first tasks are done every worker is ready and the run's clock starts.
            try:
                for started in [pool.submit(_nothing) for _ in range(workers)]:
                    started.result()
            except BrokenProcessPool as exc:
                raise PipelineError(
                    f"the worker processes could not load the pipeline (see their error above): {exc}"
                ) from exc
            yield BatchRunner(pool.submit, config_text, 2 * workers)
        return
    with _dask_client(workers, scheduler, client) as dask_client:
        dask_client.run(_load_on_dask_worker, config_text)  # workers that join later load with their first batch
        threads = sum(dask_client.nthreads().values()) or workers

        def submit(function: Any, *args: Any) -> Any:
            # retries: a batch on a worker that died is run again elsewhere
            return dask_client.submit(function, *args, pure=False, retries=3)

        yield BatchRunner(submit, config_text, 2 * threads)


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
    with LocalCluster(
        n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with Client(cluster) as local:
            yield local
