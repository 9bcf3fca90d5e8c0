"""The admin's login form, as a moderator's browser submits it (axes is off in tests)."""

from django.urls import reverse

from tests.forms.browsing import log_in
from tests.staff.otp import code_for


def test_a_moderator_logs_in_through_the_login_page(visitor, moderator):
    index = log_in(visitor, "moderator", "correct horse battery staple")

    assert index.request.path == reverse("admin:index")
    assert "moderator" in index.html.find(id="user-tools").get_text()
    assert visitor.get(reverse("admin:index")).status_int == 200, "the session holds"


def test_a_wrong_password_is_refused_on_the_login_page(visitor, moderator):
    login_page = visitor.get(reverse("admin:index")).follow()
    form = login_page.forms["login-form"]
    form["username"] = "moderator"
    form["password"] = "not the password"
    form["otp_token"] = code_for(moderator)

    response = form.submit()

    assert response.status_int == 200
    assert "Please enter the correct username, password and code" in response.text
    assert visitor.get(reverse("admin:index")).status_int == 302, "still logged out"
