"""What a visitor's browser does with a page: pick a form as rendered, follow e-mailed links."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.staff.otp import code_for


def form_to(page, action):
    """The one form on `page` that sends to `action`, with every input as rendered."""
    forms = [form for key, form in page.forms.items() if isinstance(key, int)]
    matching = [form for form in forms if form.action == action]
    assert len(matching) == 1, f"{len(matching)} forms send to {action} on {page.request.path}"
    return matching[0]


def heading(page):
    return page.html.h1.get_text(" ", strip=True)


def submitted(form, button=None):
    """Send the form; it must be accepted with a redirect, as every form here answers."""
    response = form.submit(button, status="*")
    assert response.status_int == 302, f"{response.status}: «{heading(response)}»"
    return response


def sign(page, name, email, country="Kazakhstan", **ticked):
    """Fill the fields a signer sees on the petition page and press the sign button."""
    form = form_to(page, page.request.path)
    form["name"] = name
    form["email"] = email
    form["country"].select(text=country)
    for box in ticked:
        form[box] = True
    return submitted(form, "sign")


def emailed_link(message, view):
    """The path of the link to `view` ("confirm" or "withdraw") in the text of an e-mail."""
    links = re.findall(rf"{re.escape(settings.SITE_URL)}/\S+/{view}/\S+", message.body)
    assert len(links) == 1, f"{len(links)} {view} links in: {message.body}"
    return urlsplit(links[0]).path


def log_in(visitor, username, password):
    """Log in through the admin's login page, as a moderator does, with the code their
    authenticator app shows; returns the admin index."""
    login_page = visitor.get(reverse("admin:index")).follow()
    form = login_page.forms["login-form"]
    form["username"] = username
    form["password"] = password
    form["otp_token"] = code_for(get_user_model().objects.get(username=username))
    return submitted(form).follow()
