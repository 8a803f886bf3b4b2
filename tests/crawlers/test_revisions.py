"""Re-crawling: a conditional GET for what is stored, a new version when the article changed, nothing lost."""


def test_a_recrawl_uses_conditional_get_and_a_changed_article_keeps_its_earlier_version(fixture_site, crawl):
    url = fixture_site.base_url + "/changing.html"

    first = crawl(start_urls=[url])
    assert first["stored"] == 1
    [original] = crawl.sink.articles[url]
    assert original["etag"]

    second = crawl(start_urls=[url])
    assert second["not_modified"] == 1 and second["stored"] == second["updated"] == 0
    assert [checked_url for checked_url, _ in crawl.sink.checks] == [url]
    assert "304" in crawl.log

    fixture_site.changing_version = 2
    third = crawl(start_urls=[url])
    assert third["updated"] == 1
    versions = crawl.sink.articles[url]
    assert [version["content_sha256"] for version in versions][0] == original["content_sha256"]
    assert len({version["content_sha256"] for version in versions}) == 2
    assert "9,000 images" in versions[0]["text"] and "12,000 images" in versions[1]["text"]
    assert versions[0]["fetched_at"] <= versions[1]["fetched_at"]
    assert fixture_site.requests["/changing.html"] == 3


def test_a_page_without_validators_refetched_unchanged_is_kept_once_and_the_crawler_names_its_contact(
        fixture_site, crawl):
    url = fixture_site.base_url + "/drones.html"  # served without ETag: fetched again in full
    crawl(start_urls=[url], settings={"CLAIMWATCH_CONTACT_URL": "https://research.example/contact"})
    assert fixture_site.user_agents == {"claimwatch/0.1 (research crawler; +https://research.example/contact)"}
    again = crawl(start_urls=[url])
    assert (again["stored"], again["unchanged"]) == (0, 1)
    assert len(crawl.sink.articles[url]) == 1

