"""Scrapy settings for claimwatch's crawlers: polite by default, resumable, and honest about who is asking.

Every setting can be overridden with `crawlers.crawl(settings={...})` or `scrapy crawl NAME -s KEY=VALUE`."""

import os

BOT_NAME = "claimwatch"
SPIDER_MODULES = ["claimwatch.crawlers.spiders"]
NEWSPIDER_MODULE = "claimwatch.crawlers.spiders"

# Who is asking and how to reach them: set CLAIMWATCH_CONTACT_URL (environment or setting) to your project
# page or a contact form; the spiders write it into USER_AGENT unless USER_AGENT itself is overridden.
CLAIMWATCH_CONTACT_URL = os.environ.get("CLAIMWATCH_CONTACT_URL", "https://github.com/claimwatch/claimwatch")
CLAIMWATCH_USER_AGENT = "claimwatch/0.1 (research crawler; +{contact_url})"

# The outlets: names and kinds for stored articles, entry points for a default crawl.
CLAIMWATCH_SOURCES = os.environ.get("CLAIMWATCH_SOURCES", "")  # empty: the sources.yml beside this file
CLAIMWATCH_ANY_TOPIC = False  # store pages even when no topic term appears in them

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
# A page gives at most one article (and links), so its output is handled one at a time: Scrapy's default of 100
# starts 100 asyncio tasks for every response, which costs more than the rest of handling a short page.
CONCURRENT_ITEMS = 1
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # an article page is far smaller; anything larger is not one
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 2  # link-following from start URLs and homepages: the front page and one level below

# An optional local HTTP cache (RFC 2616 rules, so validators are honoured): CLAIMWATCH_HTTP_CACHE=1.
HTTPCACHE_ENABLED = os.environ.get("CLAIMWATCH_HTTP_CACHE", "") == "1"
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_DIR = "httpcache"

# With `crawl --frontier`: seconds without a heartbeat after which a worker counts as gone and the other workers
# take over the requests it held (crawlers/frontier.py).
CLAIMWATCH_FRONTIER_HEARTBEAT = 30.0

DOWNLOADER_MIDDLEWARES = {"claimwatch.crawlers.middlewares.ConditionalGetMiddleware": 560}
ITEM_PIPELINES = {"claimwatch.crawlers.pipelines.SinkPipeline": 300}
# Pages are read (trafilatura, htmldate, MinHash) in this many worker processes, so that the reactor's thread
# goes on downloading meanwhile (crawlers/workers.py); 0 reads them in the reactor's thread.
CLAIMWATCH_EXTRACTION_PROCESSES = 1
# The database gets the articles in groups, one transaction each: those that arrive within this many seconds of the
# first, at most this many, saved from a thread of their own (crawlers/pipelines.py).
CLAIMWATCH_SAVE_DELAY = 0.1
CLAIMWATCH_SAVE_BATCH = 100
CLAIMWATCH_SAVE_THREAD = True

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("CLAIMWATCH_LOG_LEVEL", "INFO")
DUPEFILTER_CLASS = "claimwatch.crawlers.dupefilter.RunDupeFilter"
# No control ports on a research crawler's machine.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
