"""A crawl frontier in Redis shared by several crawler processes, on scrapy-redis.

scrapy-redis keeps the queue of requests and the set of seen fingerprints in Redis, so workers on several
machines split one crawl and no URL is scheduled twice. What it does not do, this module adds:

- Leases. A request popped by a worker is moved, atomically, into that worker's in-flight hash and leaves it
  once its response has been processed. A worker killed mid-crawl (its heartbeat key expires) leaves its
  in-flight requests behind; the next worker to find the queue empty puts them back, so its pages are picked
  up instead of being lost behind the shared seen-set.
- An end. A worker stays while any other worker still holds requests (their pages may yield more), and the
  first worker of a new crawl, finding no live worker and nothing queued, clears the previous crawl's seen-set
  so that a re-crawl fetches again.
- Politeness across workers. Scrapy's DOWNLOAD_DELAY is per process; SharedPoliteness keeps it per domain
  across all of them with one expiring key per domain.

Keys (prefix `claimwatch:`): `<spider>:requests` (sorted set, scrapy-redis), `seen` (set of fingerprints, shared
by the spiders as the in-process RunDupeFilter is), `<spider>:inflight:<worker>` (hash), `worker:<worker>`
(heartbeat), `politeness:<host>`. Requests are pickled (scrapy-redis' serializer): the Redis server must be
reachable only by the project's own workers.
"""

import asyncio
import hashlib
import logging
import os
import socket

import redis
from scrapy import Request, signals
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

logger = logging.getLogger(__name__)

PREFIX = "claimwatch:"
SEEN_KEY = PREFIX + "seen"
LEASE = "claimwatch_lease"  # request.meta key: the request's field in its worker's in-flight hash
QUEUE_POLL_SECONDS = 0.5  # how often a worker looks for requests queued by the others


class FrontierError(Exception):
    """A Redis URL (the frontier, or the extraction queue) cannot be used; str() is one line naming it."""


def connect(url: str, role: str = "frontier") -> redis.Redis:
    """A client for `url` (redis://HOST:PORT/N), checked with a PING."""
    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=5)
        server.ping()
    except (ValueError, redis.RedisError) as error:
        raise FrontierError(f"{role} {url}: {error}") from None
    return server


def frontier_settings(url: str, download_delay: float) -> dict:
    """The Scrapy settings that make a crawl one worker of the shared frontier at `url`, keeping `download_delay`
    between requests to one host across all workers. Scrapy's own per-process delay (and AutoThrottle, which
    sets it) is off: a request would take the shared turn, then wait for the local one, and go out late,
    close behind the next worker's."""
    return {
        "CLAIMWATCH_SHARED_DOWNLOAD_DELAY": download_delay,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "SCHEDULER": "claimwatch.crawlers.frontier.SharedScheduler",
        "SCHEDULER_QUEUE_CLASS": "claimwatch.crawlers.frontier.LeasedQueue",
        "SCHEDULER_QUEUE_KEY": PREFIX + "%(spider)s:requests",
        "DUPEFILTER_CLASS": "claimwatch.crawlers.frontier.CompactDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": SEEN_KEY,
        "SCHEDULER_PERSIST": True,  # the queue and seen-set belong to the crawl, not to one worker
        "REDIS_URL": url,
        "SPIDER_MIDDLEWARES": {"claimwatch.crawlers.frontier.ReleaseLeases": 10},
        "DOWNLOADER_MIDDLEWARES": {"claimwatch.crawlers.frontier.ReleaseFailedDownloads": 50,
                                   "claimwatch.crawlers.frontier.SharedPoliteness": 590},
        # Each page is read and stored in the reactor's thread as its response arrives, so a worker holds no more
        # than CONCURRENT_REQUESTS requests and a killed one leaves no more than that to fetch again. (Reading in
        # worker processes and saving in groups, as a crawl of its own does, would let it hold the pages waiting
        # for either, and a new request for each.) And Scrapy's CONCURRENT_ITEMS: one at a time, a sitemap's
        # requests would reach the shared queue over a longer time.
        "CLAIMWATCH_EXTRACTION_PROCESSES": 0,
        "CLAIMWATCH_SAVE_BATCH": 1,
        "CLAIMWATCH_SAVE_THREAD": False,
        "CONCURRENT_ITEMS": 100,
    }


def worker_name(spider_name: str) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{spider_name}"


def inflight_key(spider_name: str, worker: str) -> str:
    return f"{PREFIX}{spider_name}:inflight:{worker}"


def heartbeat_key(worker: str) -> str:
    return f"{PREFIX}worker:{worker}"


# Pop the best request into the worker's in-flight hash, under the SHA-1 of its bytes, in one step: a worker
# killed between the two would otherwise lose it.
_POP = """
local popped = redis.call('ZRANGE', KEYS[1], 0, 0)
if #popped == 0 then return false end
redis.call('ZREM', KEYS[1], popped[1])
redis.call('HSET', KEYS[2], redis.sha1hex(popped[1]), popped[1])
return popped[1]
"""
# Put back in the queue what a worker holds, unless its heartbeat (KEYS[3]) is still alive. Atomic, so that
# two survivors cannot both do it.
_REQUEUE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local held = redis.call('HVALS', KEYS[2])
for _, request in ipairs(held) do redis.call('ZADD', KEYS[1], 0, request) end
redis.call('DEL', KEYS[2])
return #held
"""
# Mark a request seen (KEYS[1], its fingerprint ARGV[1]; ARGV[3] = 1: dont_filter) and queue it (KEYS[2], score
# ARGV[2], bytes ARGV[4]) in one step: a worker killed between the two would otherwise leave it seen but never
# queued, a page no worker fetches.
_ENQUEUE = """
if ARGV[3] ~= '1' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
return 1
"""
# Join the crawl (start the heartbeat KEYS[1]). A new crawl begins when no worker is alive and nothing is queued
# or held: then the seen-set (KEYS[2]) of the last crawl is forgotten. Atomic, so that two workers starting
# together cannot both begin one and wipe each other's first requests.
_JOIN = """
local idle = #redis.call('KEYS', ARGV[1] .. 'worker:*') == 0
  and #redis.call('KEYS', ARGV[1] .. '*:requests') == 0
  and #redis.call('KEYS', ARGV[1] .. '*:inflight:*') == 0
if idle then redis.call('DEL', KEYS[2]) end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
return idle and 1 or 0
"""


def _field(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class CompactDupeFilter(RFPDupeFilter):
    """scrapy-redis' seen-set with 8-byte fingerprints instead of 40 hex characters: the set is what grows with
    every URL of the crawl (about 56 MB per million URLs rather than 88; docs/scaling.md). 64 bits keep the chance
    of two of ten million URLs sharing one below 1 in 300,000."""

    def request_fingerprint(self, request) -> bytes:
        return bytes.fromhex(super().request_fingerprint(request))[:8]


class LeasedQueue(PriorityQueue):
    """scrapy-redis' priority queue, with each popped request leased to its worker until released."""

    def __init__(self, *args, worker: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.inflight = inflight_key(self.spider.name, worker)

    def pop(self, timeout=0):
        data = self.server.eval(_POP, 2, self.key, self.inflight)
        if not data:
            return None
        request = self._decode_request(data)
        request.meta[LEASE] = _field(data)
        return request

    def requeue_from_dead_workers(self) -> int:
        """Put back what workers that stopped beating held; how many requests."""
        requeued = 0
        for key in self.server.scan_iter(match=inflight_key(self.spider.name, "*"), count=1000):
            worker = key.decode().rsplit(":inflight:", 1)[1]
            if key.decode() != self.inflight:
                requeued += self.server.eval(_REQUEUE, 3, self.key, key, heartbeat_key(worker))
        return requeued

    def held_elsewhere(self) -> bool:
        """Whether another worker still holds requests of this spider (it may find more pages to crawl)."""
        return any(key.decode() != self.inflight
                   for key in self.server.scan_iter(match=inflight_key(self.spider.name, "*"), count=1000))

    def release(self, field: str) -> None:
        self.server.hdel(self.inflight, field)

    def put_back_own(self) -> int:
        """A worker stopping before the end (Ctrl-C) returns what it holds to the queue."""
        no_heartbeat = ""  # its own heartbeat still beats: name a key that never exists
        return self.server.eval(_REQUEUE, 3, self.key, self.inflight, no_heartbeat)


class SharedScheduler(Scheduler):
    """scrapy-redis' scheduler, with leases, heartbeats and a crawl that ends only when every worker is done."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.heartbeat_seconds = crawler.settings.getfloat("CLAIMWATCH_FRONTIER_HEARTBEAT")
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider):
        # scrapy-redis' open() builds the queue without a worker; this is the rest of it, with LeasedQueue.
        self.spider = spider
        self.worker = worker_name(spider.name)
        self.heartbeat = heartbeat_key(self.worker)
        self.queue = LeasedQueue(server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
                                 serializer=self.serializer, worker=self.worker)
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        fresh = self.server.eval(_JOIN, 2, self.heartbeat, SEEN_KEY, PREFIX, int(self.heartbeat_seconds * 1000))
        logger.info("Frontier: %s as worker %s (%d requests queued)", "new crawl" if fresh else "joined the crawl",
                    self.worker, len(self.queue))
        self._beat = task.LoopingCall(self._beat_once)
        self._beat.start(self.heartbeat_seconds / 3, now=False)
        # Scrapy asks a scheduler that had nothing for it again only at its engine's heartbeat, every 5 s; a worker
        # that found the shared queue empty would miss, for that long, the requests another worker queues
        # meanwhile (a short crawl could end without it). So it looks at the queue itself, and wakes its engine
        # when there are requests in it.
        self._poll = task.LoopingCall(self._wake_if_queued)
        self._poll.start(QUEUE_POLL_SECONDS, now=False)

    def _beat_once(self):
        self.server.set(self.heartbeat, "1", px=int(self.heartbeat_seconds * 1000))

    def _wake_if_queued(self):
        # The engine's slot is Scrapy's own (private): without one, the engine's heartbeat alone asks again.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and len(self.queue) > 0:
            slot.nextcall.schedule()  # a no-op when the engine is due to ask anyway

    def close(self, reason):
        if self._beat.running:
            self._beat.stop()
        if self._poll.running:
            self._poll.stop()
        if reason == "finished":
            self.server.delete(self.queue.inflight)
        else:
            returned = self.queue.put_back_own()
            logger.info("Frontier: returned %d requests to the queue (%s)", returned, reason)
        self.server.delete(self.heartbeat)
        super().close(reason)

    # scrapy-redis' enqueue_request, with the seen-set and the queue written in one step (_ENQUEUE), and without
    # the spider argument Scrapy 2.13 deprecated.
    def enqueue_request(self, request):
        queued = self.server.eval(_ENQUEUE, 2, self.df.key, self.queue.key, self.df.request_fingerprint(request),
                                  -request.priority, int(request.dont_filter), self.queue._encode_request(request))
        if not queued:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        request = self.queue.pop()
        if request is None and self.queue.requeue_from_dead_workers():
            self.stats.inc_value("claimwatch/frontier/taken_over")
            logger.warning("Frontier: took over the requests of a worker that stopped")
            request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        # Scrapy asks only from spider_is_idle, when this worker downloads and parses nothing: whatever it still
        # holds is done (a 304, a robots.txt refusal: endings no middleware sees), so it lets go of all of it.
        self.server.delete(self.queue.inflight)
        return len(self) > 0 or self.queue.held_elsewhere()


def _release(crawler, request) -> None:
    field = request.meta.get(LEASE)
    scheduler = crawler.engine.scheduler if crawler.engine else None
    if field and isinstance(scheduler, SharedScheduler):
        scheduler.queue.release(field)


class ReleaseLeases:
    """A leased request is done once what its response gave is kept: its item stored (the item pipeline has
    finished with it), or, for a page that gives no item (a sitemap, an off-topic page), its links queued.
    Requests that end elsewhere stay leased until their worker is idle; if it is killed first, another worker
    fetches them again: a second fetch, never a lost page."""

    def __init__(self, crawler):
        self.crawler = crawler
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_spider_output(self, response, result):
        gave_item = False
        async for item_or_request in result:
            gave_item = gave_item or not isinstance(item_or_request, Request)
            yield item_or_request
        if not gave_item:  # else item_done releases it, once the item is stored
            _release(self.crawler, response.request)

    def process_spider_exception(self, response, exception):
        _release(self.crawler, response.request)

    def item_done(self, item, response, **kwargs):
        # claimwatch's spiders give at most one item per page, so the page is done when its item is.
        _release(self.crawler, response.request)


class ReleaseFailedDownloads:
    """A download that failed for good (retries spent) leaves nothing to keep: release its lease."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_exception(self, request, exception):
        _release(self.crawler, request)


class SharedPoliteness:
    """The crawl's DOWNLOAD_DELAY between two requests to one host, counted across every worker: each request
    takes the host's turn, a key that expires after the delay."""

    def __init__(self, crawler):
        self.server = redis.Redis.from_url(crawler.settings["REDIS_URL"])
        self.delay_ms = int(crawler.settings.getfloat("CLAIMWATCH_SHARED_DOWNLOAD_DELAY") * 1000)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        delay_ms = self.delay_ms
        if delay_ms <= 0:
            return None
        key = f"{PREFIX}politeness:{urlparse_cached(request).hostname}"
        while not self.server.set(key, "1", nx=True, px=delay_ms):
            await asyncio.sleep(max(self.server.pttl(key), 1) / 1000)
        return None
