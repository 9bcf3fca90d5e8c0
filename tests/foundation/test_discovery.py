"""What a visitor or a program can find from the pages themselves, and where links point."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaign.petitions.models import Petition
from tests.foundation.test_settings import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(db):
    call_command("load_petition", verbosity=0)
    return Petition.objects.get()


@pytest.mark.parametrize("name", ["memorial:home", "memorial:sources", "campaign:privacy"])
def test_every_page_links_the_open_data_and_the_privacy_notice_in_its_footer(client, name):
    html = client.get(reverse(name)).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="{reverse("memorial:open_data")}"' in footer
    assert f'href="{reverse("campaign:privacy")}"' in footer


def test_the_petition_page_announces_its_count_json(client, petition):
    html = client.get(petition.get_absolute_url()).content.decode()
    href = reverse("campaign:count_json", args=[petition.slug])
    assert f'<link rel="alternate" type="application/json" href="{href}"' in html
    data = json.loads(client.get(href).content)
    assert data["petition"] == petition.slug


def test_links_point_at_the_port_served_when_no_site_url_is_set(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SITE_URL)",
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_VAR_DIR=str(tmp_path),
        PORT="8123",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8123"
