"""The petition's forms as a browser submits them: sign, confirm and withdraw.

Each form is taken as the page renders it, hidden inputs included (the CSRF token, the
honeypot), and only the fields a person fills are filled. The petition page is stored for
anonymous visitors, so whose CSRF token its form carries is what these tests are about.
"""

import time
from datetime import timedelta

from django.core import mail
from django.urls import reverse

from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition
from tests.forms.browsing import emailed_link, form_to, heading, log_in, sign, submitted

CHECK_INBOX = "One more step: check your inbox"


def test_a_visitor_signs_with_the_form_as_rendered(visitor):
    petition = make_petition()
    page = visitor.get(petition.get_absolute_url())
    form = form_to(page, petition.get_absolute_url())
    # A browser sends every input; Django reads the last token, so there must be one only.
    assert len(form.fields["csrfmiddlewaretoken"]) == 1, "the form carries one CSRF token"
    assert form["website"].value == "", "the honeypot is rendered empty"

    response = sign(page, "Asel Nurlanovna", "asel@example.org", show_name=True)

    assert response.location.endswith(reverse("campaign:check_inbox", args=[petition.slug]))
    assert heading(response.follow()) == CHECK_INBOX
    signature = Signature.objects.get()
    assert (signature.name, signature.email, signature.country) == (
        "Asel Nurlanovna",
        "asel@example.org",
        "KZ",
    )
    assert signature.show_name is True
    assert signature.wants_updates is False
    assert signature.state == Signature.State.PENDING
    assert [message.to for message in mail.outbox] == [["asel@example.org"]]
    assert petition.exact_count() == 0


def test_a_bot_that_fills_the_hidden_field_is_thanked_and_signs_nothing(visitor):
    petition = make_petition()
    page = visitor.get(petition.get_absolute_url())
    form = form_to(page, petition.get_absolute_url())
    form["name"] = "Spam Bot"
    form["email"] = "bot@example.org"
    form["country"].select(text="Kazakhstan")
    form["website"] = "https://spam.example"

    response = submitted(form, "sign")

    assert heading(response.follow()) == CHECK_INBOX
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_without_the_csrf_cookie_is_refused(visitor):
    """The check every other test here passes is really made."""
    petition = make_petition()
    page = visitor.get(petition.get_absolute_url())
    form = form_to(page, petition.get_absolute_url())
    form["name"] = "Asel"
    form["email"] = "asel@example.org"
    form["country"].select(text="Kazakhstan")
    visitor.reset()  # the browser lost its cookies

    response = form.submit("sign", status=403)

    assert heading(response) == "The form has expired"
    assert not Signature.objects.exists()


def test_a_signer_corrects_the_form_sent_back_and_signs(visitor):
    petition = make_petition()
    page = visitor.get(petition.get_absolute_url())
    form = form_to(page, petition.get_absolute_url())
    form["name"] = "Asel"
    form["email"] = "asel@example.org"

    returned = form.submit("sign", status=200)

    assert "please correct the fields marked below" in returned.text
    assert not Signature.objects.exists()
    again = form_to(returned, petition.get_absolute_url())
    assert (again["name"].value, again["email"].value) == ("Asel", "asel@example.org")
    again["country"].select(text="Kazakhstan")
    assert heading(submitted(again, "sign").follow()) == CHECK_INBOX
    assert Signature.objects.get().email == "asel@example.org"


def test_the_signer_confirms_from_the_emailed_link(visitor, new_visitor):
    petition = make_petition()
    sign(visitor.get(petition.get_absolute_url()), "Asel", "asel@example.org")
    # The mail program opens the link in a browser that has never seen the site.
    mail_browser = new_visitor()
    link = emailed_link(mail.outbox[0], "confirm")

    page = mail_browser.get(link)
    assert heading(page) == "Confirm your signature"
    assert petition.exact_count() == 0, "opening the link must not confirm"

    response = submitted(form_to(page, link))

    assert response.location.endswith(link)
    assert heading(response.follow()) == "Thank you: your signature is confirmed"
    assert Signature.objects.get().state == Signature.State.CONFIRMED
    assert petition.exact_count() == 1


def test_the_signer_withdraws_from_the_emailed_link(visitor, new_visitor):
    petition = make_petition()
    sign(visitor.get(petition.get_absolute_url()), "Asel", "asel@example.org")
    message = mail.outbox[0]
    mail_browser = new_visitor()
    confirm = emailed_link(message, "confirm")
    submitted(form_to(mail_browser.get(confirm), confirm))
    assert petition.exact_count() == 1

    withdraw = emailed_link(message, "withdraw")
    page = mail_browser.get(withdraw)
    assert heading(page) == "Withdraw your signature"
    assert Signature.objects.exists(), "opening the link must not withdraw"

    response = submitted(form_to(page, withdraw))

    assert heading(response.follow()) == "Your signature has been withdrawn"
    assert not Signature.objects.exists()
    assert petition.exact_count() == 0


def both_sign(page_a, page_b):
    """Visitor A and visitor B each send the form their own browser was given."""
    sign(page_a, "Visitor A", "a@example.org")
    sign(page_b, "Visitor B", "b@example.org")
    assert sorted(Signature.objects.values_list("email", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


def test_two_visitors_who_opened_the_page_both_sign(new_visitor):
    petition = make_petition()
    url = petition.get_absolute_url()
    # A's visit renders and stores the page; B is served the stored copy.
    page_a = new_visitor().get(url)
    page_b = new_visitor().get(url)

    both_sign(page_a, page_b)


def test_a_visitor_given_the_page_after_it_was_stored_again_can_sign(new_visitor, settings):
    """The stored page lives only as long as the petition's figures; whoever comes next
    renders and stores it again, while anything cached longer inside it (the sign form was
    once a ten-minute fragment) still holds what the first renderer was given."""
    # One second instead of five, so that the test can wait for the stored page to expire.
    settings.CAMPAIGN_COUNT_CACHE_SECONDS = 1
    petition = make_petition()
    url = petition.get_absolute_url()
    page_a = new_visitor().get(url)
    time.sleep(1.1)
    page_b = new_visitor().get(url)

    both_sign(page_a, page_b)


def test_visitors_can_sign_after_a_moderator_looked_at_the_page(new_visitor, moderator):
    """The first to render the page can be a moderator, whose page is never stored."""
    petition = make_petition()
    url = petition.get_absolute_url()
    moderator_browser = new_visitor()
    log_in(moderator_browser, "moderator", "correct horse battery staple")
    moderator_browser.get(url)
    page_a = new_visitor().get(url)
    page_b = new_visitor().get(url)

    both_sign(page_a, page_b)


def test_the_check_inbox_page_sends_the_email_again_with_its_form_as_rendered(visitor):
    petition = make_petition()
    inbox = sign(visitor.get(petition.get_absolute_url()), "Dana", "dana@example.org").follow()
    assert "d•••@example.org" in inbox.text
    # The first e-mail went out a minute ago: the resend interval has passed.
    Signature.objects.update(
        last_sent_at=Signature.objects.get().last_sent_at - timedelta(minutes=2)
    )

    again = submitted(form_to(inbox, inbox.request.path)).follow()

    assert "We have sent the e-mail again" in again.text
    assert [message.to for message in mail.outbox] == [["dana@example.org"]] * 2
