"""Saving articles from a thread of their own: SQLite's work (and zlib's, and the waits on the disk) releases the
GIL, so it runs beside the thread that reads pages (the crawl's reactor, `claimwatch import`) instead of in it.

The sink's writer() (docs/architecture.md, "The sink the crawler writes through") gives the thread a connection of
its own; each job is a group of records saved in one sink.batch(). Free of Scrapy: `claimwatch import` uses it.
"""

import logging
import queue
import threading

logger = logging.getLogger(__name__)


def save_group(sink, records: list[dict]) -> list[tuple]:
    """(outcome, None) or (None, the exception) for each record, saved in one sink.batch()."""
    done = []
    try:
        with sink.batch():
            for record in records:
                try:
                    done.append((sink.save_article(record), None))
                except Exception as error:  # that article alone is not stored: a store_error for its page
                    done.append((None, error))
    except Exception as error:  # the commit failed: none of the group is stored
        done = [(None, error)] * len(records)
    return done


class Writer:
    """The thread saving one sink's groups, through the store `sink.writer()` gives it there."""

    _running: dict = {}  # id(sink) -> Writer

    @classmethod
    def acquire(cls, sink) -> "Writer | None":
        """The sink's writer thread, started if need be; None if the sink cannot be written from a thread (an
        in-memory database): the caller then saves in its own thread."""
        writer = cls._running.get(id(sink))
        if writer is None:
            writer = cls(sink)
            if writer.error is not None:
                logger.warning("Saving articles without a writer thread: %s", writer.error)
                return None
            cls._running[id(sink)] = writer
        writer.users += 1
        return writer

    def __init__(self, sink):
        self.sink_id = id(sink)
        self.jobs = queue.SimpleQueue()  # (records, deliver(outcomes)), then None to stop
        self.users = 0
        self.error = None
        self.ready = threading.Event()
        try:
            opening = sink.writer()  # called here, in the sink's thread; entered in the writer's
        except Exception as error:
            self.error = error
            return
        self.thread = threading.Thread(target=self._run, args=(opening,), name="claimwatch-writer", daemon=True)
        self.thread.start()
        self.ready.wait()

    def _run(self, opening) -> None:
        try:
            with opening as store:
                self.ready.set()
                while (job := self.jobs.get()) is not None:
                    records, deliver = job
                    deliver(save_group(store, records))
        except Exception as error:  # the connection could not be opened here
            self.error = error
        finally:
            self.ready.set()

    def release(self) -> None:
        """A spider is done; the last one stops the thread once it has saved every group it was given."""
        self.users -= 1
        if self.users <= 0:
            self._running.pop(self.sink_id, None)
            self.jobs.put(None)
            self.thread.join()
