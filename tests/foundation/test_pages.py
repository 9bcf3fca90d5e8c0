from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error


def test_root_redirects_by_browser_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response["Location"] == "/kk/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/en/"


def test_base_layout_has_landmarks_skip_link_and_local_assets(client, db):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert '/static/bootstrap/css/bootstrap.min.css"' in html
    assert '<link rel="icon" href="/static/img/favicon.svg"' in html
    assert "http://" not in html.replace("http://testserver", "").replace(
        "http://127.0.0.1:8000", ""
    ), "an absolute link to another host"
    assert "https://" not in html


def test_404_page_is_in_the_site_look(client, db):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="skip-link"' in response.content.decode()


def test_500_page_renders_without_request_context():
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_429_and_403_templates_render():
    assert "Too many requests" in render_to_string("429.html")
    assert "Access denied" in render_to_string("403.html")


def test_favicon_ico_points_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()
