"""Reading pages beside the crawl: article extraction in worker processes.

Extraction (trafilatura, htmldate, the MinHash) is Python work: in the reactor's thread it stops Scrapy from
downloading while it runs, and in another thread it would still hold the GIL. So the spiders hand each page to
CLAIMWATCH_EXTRACTION_PROCESSES worker processes (default 1; 0 reads pages in the reactor's thread) and go on
fetching. The records are the same either way: the workers run the same extract_article.

The workers are started (spawned, as on every platform) when the first spider is made, so that they load their
libraries while the crawl begins, and are shared by the run's spiders. They ignore Ctrl-C, since the crawl stops
cleanly and waits for the pages they are reading, and they exit when the crawl's process does, however it ends.
As with any use of multiprocessing, a script that calls `crawlers.crawl()` must do so under
`if __name__ == "__main__":`, since a worker imports the script's module.
"""

import concurrent.futures
import logging
import multiprocessing
import os
import signal
import threading

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

from claimwatch.crawlers.extract import extract_article

logger = logging.getLogger(__name__)

_shared = {"pool": None, "users": 0}
# Workers dying this many times over means they cannot run here (a script without `if __name__ == "__main__":`,
# no memory to spare): pages are then read in the crawl's own process.
MAX_RESTARTS = 2


class ExtractionPool:
    """`await pool.extract(body, **fields)` is `extract_article(body, **fields)` run in a worker process."""

    def __init__(self, processes: int):
        self.processes = processes
        self.executor = self._start()
        self.restarts = 0
        self.broken = False  # workers cannot run here: pages are read in this process

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        executor = concurrent.futures.ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
        for _ in range(self.processes):  # start the workers now: they load their libraries while the crawl begins
            executor.submit(_ready)
        return executor

    async def extract(self, body: bytes, **fields) -> dict:
        """The article record, or Rejected (raised as extract_article raises it)."""
        while not self.broken:
            executor = self.executor
            try:
                record = await maybe_deferred_to_future(_deferred(executor.submit(_extract, body, fields)))
            except concurrent.futures.process.BrokenProcessPool:
                # A worker died (killed, out of memory), failing every page it held: the first of them to get here
                # starts new workers, and each is read again.
                if self.executor is executor and not self.broken:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self.restarts += 1
                    if self.restarts > MAX_RESTARTS:
                        logger.error("Extraction workers keep dying; reading pages in the crawl's own process")
                        self.broken = True
                    else:
                        logger.warning("An extraction worker died; starting new workers")
                        self.executor = self._start()
                continue
            return {**record, "body": body}
        return extract_article(body, **fields)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def acquire(processes: int) -> ExtractionPool | None:
    """The process's pool of `processes` workers (None for 0), shared by the spiders that acquire it."""
    if processes <= 0:
        return None
    if _shared["pool"] is None:
        _shared["pool"] = ExtractionPool(processes)
    _shared["users"] += 1
    return _shared["pool"]


def release(pool: ExtractionPool | None) -> None:
    """A spider is done with the pool; the last one to finish stops the workers."""
    if pool is None or pool is not _shared["pool"]:
        return
    _shared["users"] -= 1
    if _shared["users"] <= 0:
        _shared["pool"] = None
        pool.close()


def _deferred(future: concurrent.futures.Future) -> defer.Deferred:
    """A Deferred fired in the reactor's thread with the future's result (or its exception)."""
    from twisted.internet import reactor

    deferred = defer.Deferred()
    future.add_done_callback(lambda done: reactor.callFromThread(_fire, deferred, done))
    return deferred


def _fire(deferred: defer.Deferred, future: concurrent.futures.Future) -> None:
    try:
        result = future.result()
    except BaseException as error:  # the worker's exception (Rejected, or a bug) goes on to the spider
        deferred.errback(error)
    else:
        deferred.callback(result)


# In the worker processes:

def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent) -> None:
    parent.join()  # returns when the crawl's process has gone, even killed with SIGKILL
    os._exit(0)


def _ready() -> None:
    """Nothing: submitted once per worker to start it."""


def _extract(body: bytes, fields: dict) -> dict:
    """The record without its body, which the spider already holds."""
    record = extract_article(body, **fields)
    del record["body"]
    return record
