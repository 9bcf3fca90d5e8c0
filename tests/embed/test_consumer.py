"""An independent oEmbed consumer (oEmbedPy, from PyPI) discovers and reads our answers.

It fetches one of our pages from a live server, finds the discovery link in it, then asks
the provider for JSON and for XML, exactly as a consumer on another site would.
"""

import httpx
import pytest
from oembedpy import consumer, discovery
from oembedpy.types import Rich

from tests.embed.wordpress import filter_oembed_result

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, settings, memorial, petition):
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.mark.parametrize("path", ["/en/", "/ru/people/aidar-example/", "/kk/petitions/inquiry/"])
def test_consumer_discovers_and_reads_json_and_xml(site, path):
    endpoint, params = discovery.find_from_content(site + path)
    assert endpoint == site + "/oembed/"
    assert params.url == site + path and params.format == "json"
    as_json = consumer.fetch_content(endpoint, params)
    params.format = "xml"
    as_xml = consumer.fetch_content(endpoint, params)
    for content in (as_json, as_xml):
        assert isinstance(content, Rich)
        assert content.version == "1.0" and content.type == "rich"
        assert content.provider_url == site + "/"
        assert int(content.width) == 600 and int(content.height) in (700, 260)
        assert content.html.count("<iframe") == 1
        assert f'<iframe src="{site}/embed/' in content.html
        assert filter_oembed_result(content.html, "S3cretS3cr").count("<iframe") == 1
    assert as_json.html == as_xml.html and as_json.title == as_xml.title


def test_consumer_honours_maxwidth_and_unknown_pages_fail(site):
    endpoint, params = discovery.find_from_content(site + "/en/")
    params.max_width, params.max_height = 300, 250
    content = consumer.fetch_content(endpoint, params)
    assert (int(content.width), int(content.height)) == (300, 250)
    params.url = "https://example.org/en/"
    with pytest.raises(httpx.HTTPStatusError) as error:
        consumer.fetch_content(endpoint, params)
    assert error.value.response.status_code == 404
    params.url, params.format = site + "/en/", "yaml"
    with pytest.raises(httpx.HTTPStatusError) as error:
        consumer.fetch_content(endpoint, params)
    assert error.value.response.status_code == 501
