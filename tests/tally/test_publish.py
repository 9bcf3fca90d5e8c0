"""tally.json and the tally page: the chain published with its rule, checkable by code that
is not the site's, explained in the three languages, linked from the petition."""

import contextlib
import html
import io
import json
import re
import shutil
import subprocess
import urllib.request
from hashlib import sha256

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from campaign.petitions.models import Petition
from campaign.tally import chain
from tests.campaign.factories import make_petition
from tests.tally.conftest import DAYS, at, confirm_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(petition):
    confirm_on(petition, at(DAYS[0]), 2, name="Aigerim Private")
    confirm_on(petition, at(DAYS[2]), 3, show_name=True, name="Daulet Shown")
    chain.record(DAYS[2])
    return petition


def url(name, petition, language="en"):
    with translation.override(language):
        return reverse(name, kwargs={"slug": petition.slug})


def independently_verified(document):
    """The documented rule, implemented from the page's words alone: hash each entry's five
    fields as sorted, compact ASCII JSON, and follow the links from 64 zeros."""
    previous, before = "0" * 64, 0
    for entry in document["entries"]:
        text = (
            f'{{"change":{entry["change"]},"count":{entry["count"]},"date":"{entry["date"]}",'
            f'"petition":"{entry["petition"]}","previous_hash":"{previous}"}}'
        )
        if sha256(text.encode("ascii")).hexdigest() != entry["hash"]:
            return False
        if entry["previous_hash"] != previous or entry["change"] != entry["count"] - before:
            return False
        previous, before = entry["hash"], entry["count"]
    return True


def test_the_json_holds_every_field_needed_to_check_it_and_nothing_personal(client, recorded):
    response = client.get(url("tally:json", recorded))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["petition"] == "tally-petition"
    assert document["genesis"] == "0" * 64
    assert document["time_zone"] == "Asia/Aqtau"
    assert "sorted keys" in document["rule"]
    assert [(e["date"], e["count"], e["change"]) for e in document["entries"]] == [
        (DAYS[0].isoformat(), 2, 2),
        (DAYS[1].isoformat(), 2, 0),
        (DAYS[2].isoformat(), 5, 3),
    ]
    assert set(document["entries"][0]) == {
        "petition",
        "date",
        "count",
        "change",
        "previous_hash",
        "hash",
    }
    assert independently_verified(document)
    body = response.content.decode()
    assert not re.search(r"Aigerim|Daulet|@example|Signer", body)


def test_the_independent_check_fails_on_an_altered_copy(client, recorded):
    document = json.loads(client.get(url("tally:json", recorded)).content)
    document["entries"][1]["count"] += 1
    document["entries"][1]["change"] += 1

    assert not independently_verified(document)


def test_the_json_is_cacheable_and_open_to_other_sites_and_the_same_in_every_language(
    client, recorded
):
    responses = [
        client.get(url("tally:json", recorded, language)) for language in ["en", "ru", "kk"]
    ]

    for response in responses:
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=3600"} <= cache_control
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Set-Cookie" not in response
    assert len({response.content for response in responses}) == 1


def test_a_draft_petition_has_no_tally(client, db):
    draft = make_petition(slug="draft-tally", state=Petition.State.DRAFT)

    assert client.get(url("tally:json", draft)).status_code == 404
    assert client.get(url("tally:page", draft)).status_code == 404


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_page_shows_the_chain_and_how_to_check_it_in_each_language(client, recorded, language):
    response = client.get(url("tally:page", recorded, language))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    with translation.override(language):
        for text in ["Daily tally", "How to check it yourself", "The chain, newest first"]:
            assert gettext(text) in page
            if language != "en":
                assert gettext(text) != text
    hashes = [entry.hash for entry in recorded.tally_entries.order_by("-date")]
    rows = re.findall(r'<td><code class="tally-hash">([0-9a-f]{64})</code></td>\s*</tr>', page)
    assert rows == hashes
    assert f"http://127.0.0.1:8000/{language}/petitions/tally-petition/tally.json" in page
    assert "public" in response["Cache-Control"]


def code_samples(page):
    return [
        html.unescape(sample)
        for sample in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", page, re.S)
    ]


def test_the_python_on_the_page_checks_the_chain_as_published(client, recorded, monkeypatch):
    python, _shell = code_samples(client.get(url("tally:page", recorded)).content.decode())
    published = client.get(url("tally:json", recorded)).content

    def run(document):
        monkeypatch.setattr(urllib.request, "urlopen", lambda address: io.BytesIO(document))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(python, {})  # noqa: S102 - the page's own sample, run as a reader would
        return out.getvalue()

    latest = recorded.tally_entries.latest("date").hash
    assert run(published) == f"The chain holds; latest hash: {latest}\n"
    altered = json.loads(published)
    altered["entries"][0]["count"] = 3
    altered["entries"][0]["change"] = 3
    with pytest.raises(AssertionError, match=DAYS[0].isoformat()):
        run(json.dumps(altered).encode())


def test_the_shell_on_the_page_prints_the_published_hashes_twice(client, recorded, tmp_path):
    if not shutil.which("jq"):
        pytest.skip("jq is not installed")
    _python, shell = code_samples(client.get(url("tally:page", recorded)).content.decode())
    saved = tmp_path / "tally.json"
    saved.write_bytes(client.get(url("tally:json", recorded)).content)
    address = "http://127.0.0.1:8000/en/petitions/tally-petition/tally.json"
    lines = shell.replace(f"curl -s {address}", f"cat {saved}").splitlines()
    assert len(lines) == 3  # one command over two lines, then the other

    computed = subprocess.run(["bash", "-c", "\n".join(lines[:2])], capture_output=True, text=True)
    published = subprocess.run(["bash", "-c", lines[2]], capture_output=True, text=True)

    hashes = [entry.hash for entry in recorded.tally_entries.order_by("date")]
    assert computed.stdout.splitlines() == hashes
    assert published.stdout.splitlines() == hashes


def test_a_petition_without_entries_says_when_the_first_comes(client, db):
    petition = make_petition(slug="fresh-petition")

    page = client.get(url("tally:page", petition)).content.decode()

    assert "No entry yet" in page


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_petition_page_links_to_its_tally(client, recorded, language):
    with translation.override(language):
        page = client.get(recorded.get_absolute_url()).content.decode()
        link = gettext("The daily tally: each day's count, in a chain anyone can check")

    assert f'<a href="{url("tally:page", recorded, language)}">{link}</a>' in page
