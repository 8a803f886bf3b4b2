"""Following links from start URLs (inside the allowed domains, to the depth limit, storing only articles),
and failures that are not the server's."""


def test_links_are_followed_inside_the_allowed_domains_to_the_depth_limit(fixture_site, crawl):
    summary = crawl(start_urls=[fixture_site.base_url + "/"], settings={"DEPTH_LIMIT": 1})
    stored = crawl.sink.articles
    assert list(stored) == [fixture_site.base_url + "/news/lfr-vans"]
    assert stored[fixture_site.base_url + "/news/lfr-vans"][0]["via"] == "link"
    assert fixture_site.requests["/index.html"] + fixture_site.requests["/"] == 1  # followed, not stored
    assert summary["off_topic"].get("no_topic_terms") == 1  # the football report
    assert fixture_site.requests["/drones.html"] == 0  # linked only from depth 1
    assert fixture_site.requests["/report.pdf"] == 0  # not a page
    assert fixture_site.requests["/private/secret.html"] == 0 and summary["failed"] == {"robots_txt": 1}
    assert summary["stats"].get("offsite/filtered", 0) == 0  # the offsite link is never even scheduled


def test_a_sink_that_fails_to_save_is_a_reported_failure_not_a_silent_loss(fixture_site, crawl):
    summary = crawl(sink="failing", start_urls=[fixture_site.base_url + "/drones.html"])
    assert summary["stored"] == 0 and summary["failed"] == {"store_error": 1}
    [error] = summary["errors"]
    assert error["url"].endswith("/drones.html") and error["reason"].startswith("store_error: OSError: disk full")
