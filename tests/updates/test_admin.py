"""The admin flow of an update: write, preview, test copy, count, confirm, send, progress;
for campaign leads only."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.updates.models import Delivery, Update
from tests.updates.conftest import TEXTS, update_texts

pytestmark = pytest.mark.django_db


def make_update(petition, **fields):
    return Update.objects.create(petition=petition, **update_texts(), **fields)


def admin_url(name, *args):
    return reverse(f"admin:updates_update_{name}", args=args)


def pages(update):
    return [
        admin_url("changelist"),
        admin_url("add"),
        admin_url("change", update.pk),
        admin_url("preview", update.pk),
        admin_url("send", update.pk),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, petition):
    update = make_update(petition)
    for url in pages(update):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = client.post(admin_url("send", update.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Update.objects.get().state == Update.State.DRAFT


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_other_roles_can_neither_see_nor_send_an_update(
    staff_browser, request, petition, recipients, role
):
    update = make_update(petition)
    browser = staff_browser(request.getfixturevalue(role))
    for url in pages(update):
        assert browser.get(url, status=403).status_code == 403, url
    # Not even with a CSRF token of their own (the admin index gives one).
    token = browser.get(reverse("admin:index")).context["csrf_token"]
    for name in ("send", "test_copy"):
        browser.post(admin_url(name, update.pk), {"csrfmiddlewaretoken": token}, status=403)
    assert Update.objects.get().state == Update.State.DRAFT
    assert not Delivery.objects.exists() and not mail.outbox


def test_a_lead_writes_previews_tests_and_sends_an_update(
    staff_browser, campaign_lead, petition, recipients
):
    campaign_lead.email = "lead@example.net"
    campaign_lead.save()
    browser = staff_browser(campaign_lead)

    form = browser.get(admin_url("add")).forms["update_form"]
    form["petition"].select(str(petition.pk))
    for name, value in update_texts().items():
        form[name] = value
    form.submit().follow()
    update = Update.objects.get()
    assert update.created_by == campaign_lead and update.state == Update.State.DRAFT

    # The preview: each language as its signers will get it.
    preview = browser.get(admin_url("change", update.pk)).click(
        href=admin_url("preview", update.pk)
    )
    for subject, body in TEXTS.values():
        assert subject in preview.text and body in preview.text
    assert "/kk/updates/unsubscribe/" in preview.text

    # A test copy in each language, to the lead's own address only.
    preview = preview.forms[1].submit().follow()
    assert [message.to for message in mail.outbox] == [["lead@example.net"]] * 3
    assert [message.subject for message in mail.outbox] == [s for s, _b in TEXTS.values()]
    assert all("List-Unsubscribe" in message.extra_headers for message in mail.outbox)
    assert not Delivery.objects.exists()
    mail.outbox.clear()

    # The count of recipients before sending, then the confirmation.
    confirm = preview.click(href=admin_url("send", update.pk))
    assert "sent to 3 recipients" in confirm.text
    assert not mail.outbox
    progress_page = confirm.forms[1].submit().follow()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        signature.email for signature in recipients
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    for signature in recipients:
        subject, body = TEXTS[signature.language]
        assert by_address[signature.email].subject == subject
        assert body in by_address[signature.email].body
    update.refresh_from_db()
    assert update.state == Update.State.SENT and update.sent_by == campaign_lead
    assert update.recipients_at_start == 3
    assert "3 sent, 0 failed, 0 uncertain, 0 waiting (of 3)" in progress_page.text

    entry = LogEntry.objects.get(
        object_id=str(update.pk), change_message__contains="Started sending"
    )
    assert entry.user == campaign_lead and "to 3 recipients" in entry.change_message

    # Sent is final: the confirmation sent again sends nothing, and the text is read-only.
    confirm.forms[1].submit().follow()
    assert browser.get(admin_url("send", update.pk)).status_code == 302
    assert len(mail.outbox) == 3
    assert 'name="subject_en"' not in browser.get(admin_url("change", update.pk)).text


def test_a_lead_without_an_address_is_told_so(staff_browser, campaign_lead, petition):
    update = make_update(petition)
    preview = staff_browser(campaign_lead).get(admin_url("preview", update.pk))
    page = preview.forms[1].submit().follow()
    assert "no e-mail address" in page.text
    assert not mail.outbox


def test_every_language_must_be_written(staff_browser, campaign_lead, petition):
    form = staff_browser(campaign_lead).get(admin_url("add")).forms["update_form"]
    form["petition"].select(str(petition.pk))
    form["subject_en"], form["body_en"] = TEXTS["en"]
    response = form.submit()
    assert response.status_code == 200 and not Update.objects.exists()
    assert "This field is required" in response.text


def test_a_second_confirmation_sends_nothing_more(
    staff_browser, campaign_lead, petition, recipients
):
    update = make_update(petition)
    browser = staff_browser(campaign_lead)
    first = browser.get(admin_url("send", update.pk)).forms[1]
    second = browser.get(admin_url("send", update.pk)).forms[1]
    first.submit()
    second.submit()
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 3


def test_the_list_costs_the_same_queries_for_many_updates(
    staff_browser, campaign_lead, petition, recipients
):
    browser = staff_browser(campaign_lead)
    make_update(petition)
    browser.get(admin_url("changelist"))
    with CaptureQueriesContext(connection) as one:
        browser.get(admin_url("changelist"))
    for _ in range(5):
        make_update(petition)
    with CaptureQueriesContext(connection) as six:
        page = browser.get(admin_url("changelist"))
    assert len(six) == len(one)
    assert page.text.count(TEXTS["en"][0]) >= 6


def test_the_page_of_an_update_being_sent_follows_its_progress(
    staff_browser, campaign_lead, petition, recipients
):
    update = make_update(petition, state=Update.State.SENDING)
    page = staff_browser(campaign_lead).get(admin_url("change", update.pk))
    assert '<meta http-equiv="refresh" content="10">' in page.text
    assert "0 sent, 0 failed, 0 uncertain, 3 waiting (of 3)" in page.text
    Update.objects.filter(pk=update.pk).update(state=Update.State.DRAFT)
    assert "http-equiv" not in staff_browser(campaign_lead).get(admin_url("change", update.pk)).text
