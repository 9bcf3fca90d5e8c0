import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from campaign.petitions import signing, stats
from campaign.petitions.models import Petition, Signature
from tests.campaign.factories import make_signature
from tests.moderation.conftest import admin_url

pytestmark = pytest.mark.django_db

CHANGELIST = "campaign_signature_changelist"


def ask(client, action, signatures, url=None, **extra):
    """The first POST from the change list: should answer with a confirmation page."""
    data = {"action": action, "_selected_action": [s.pk for s in signatures], "index": 0}
    return client.post(url or admin_url(CHANGELIST), {**data, **extra})


def confirm(client, action, signatures, url=None, **extra):
    """The POST from the confirmation page."""
    data = {
        "action": action,
        "_selected_action": [s.pk for s in signatures],
        "select_across": "0",
        "confirmed": "yes",
    }
    return client.post(url or admin_url(CHANGELIST), {**data, **extra})


def states(signatures):
    return [Signature.objects.get(pk=s.pk).state for s in signatures]


def comment_states(signatures):
    return [Signature.objects.get(pk=s.pk).comment_state for s in signatures]


def logged(signatures):
    content_type = ContentType.objects.get_for_model(Signature)
    return set(
        LogEntry.objects.filter(content_type=content_type, action_flag=CHANGE).values_list(
            "object_id", flat=True
        )
    ) & {str(s.pk) for s in signatures}


def setup_confirm(petition):
    return [
        make_signature(petition, state="pending"),
        make_signature(petition, state="pending"),
        make_signature(petition, state="confirmed"),
    ], 2


def check_confirm(petition, rows):
    assert states(rows) == ["confirmed"] * 3
    assert petition.exact_count() == 3
    assert Signature.objects.get(pk=rows[0].pk).email is None


def setup_reject(petition):
    return [
        make_signature(petition, state="confirmed"),
        make_signature(petition, state="pending"),
        make_signature(petition, state="rejected"),
    ], 2


def check_reject(petition, rows):
    assert states(rows) == ["rejected"] * 3
    assert petition.exact_count() == 0


def setup_restore(petition):
    waiting = make_signature(petition, state="pending")
    signing.reject(waiting)
    return [make_signature(petition, state="rejected"), waiting, make_signature(petition)], 2


def check_restore(petition, rows):
    assert states(rows) == ["confirmed", "pending", "pending"]
    assert petition.exact_count() == 1


def setup_approve(petition):
    rejected = make_signature(petition, comment="Changed my mind", state="confirmed")
    Signature.objects.filter(pk=rejected.pk).update(comment_state="rejected")
    return [
        make_signature(petition, comment="Justice for Zhanaozen", state="confirmed"),
        rejected,
        make_signature(petition, state="confirmed"),
    ], 2


def check_approve(petition, rows):
    assert comment_states(rows) == ["approved", "approved", "none"]


def setup_reject_comments(petition):
    return [
        make_signature(petition, comment="Spam link", state="confirmed"),
        make_signature(petition, state="confirmed"),
    ], 1


def check_reject_comments(petition, rows):
    assert comment_states(rows) == ["rejected", "none"]


def setup_resend(petition):
    mail.outbox.clear()
    return [
        make_signature(petition, email="waiting@example.org"),
        make_signature(petition, state="confirmed"),
    ], 1


def check_resend(petition, rows):
    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]


ACTIONS = {
    "confirm_by_hand": (setup_confirm, check_confirm),
    "reject_as_spam": (setup_reject, check_reject),
    "restore": (setup_restore, check_restore),
    "approve_comments": (setup_approve, check_approve),
    "reject_comments": (setup_reject_comments, check_reject_comments),
    "resend_confirmation": (setup_resend, check_resend),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_cannot_run_the_action(as_user, petition, action):
    rows, _n = ACTIONS[action][0](petition)
    before = states(rows)
    response = confirm(as_user(None), action, rows)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert states(rows) == before


@pytest.mark.parametrize("action", ACTIONS)
def test_an_editor_cannot_run_the_action(as_user, editor, petition, action):
    rows, _n = ACTIONS[action][0](petition)
    before = states(rows), comment_states(rows)
    assert confirm(as_user(editor), action, rows).status_code == 403
    assert (states(rows), comment_states(rows)) == before
    mail.outbox.clear()


@pytest.mark.parametrize("action", ACTIONS)
def test_a_moderator_is_asked_first_then_the_action_runs_and_is_logged(
    as_user, moderator, petition, action
):
    setup, check = ACTIONS[action]
    rows, changing = setup(petition)
    client = as_user(moderator)
    before = states(rows), comment_states(rows)

    page = ask(client, action, rows)
    assert page.status_code == 200
    assert page.context["selected_count"] == len(rows)
    assert page.context["changing_count"] == changing
    html = page.content.decode()
    assert f"{len(rows)} rows are selected" in html
    assert f"will change {changing} of them" in html
    assert (states(rows), comment_states(rows)) == before
    assert not logged(rows)

    response = confirm(client, action, rows)
    assert response.status_code == 302
    check(petition, rows)
    assert len(logged(rows)) == changing
    entry = LogEntry.objects.filter(user=moderator).latest("pk")
    assert entry.object_repr.startswith("signature #")


def test_campaign_leads_run_the_actions_too(as_user, campaign_lead, petition):
    rows, _n = setup_reject(petition)
    assert confirm(as_user(campaign_lead), "reject_as_spam", rows).status_code == 302
    check_reject(petition, rows)


def test_a_rejected_signature_leaves_the_public_count_at_once(as_user, moderator, petition):
    rows = [make_signature(petition, state="confirmed") for _ in range(3)]
    assert petition.confirmed_count == 3  # now cached
    assert stats.petition_stats(petition)["total"] == 3
    confirm(as_user(moderator), "reject_as_spam", rows[:2])
    fresh = Petition.objects.get(pk=petition.pk)
    assert fresh.confirmed_count == 1
    assert stats.petition_stats(fresh)["total"] == 1


def test_select_across_acts_on_every_filtered_row_and_says_so(as_user, moderator, petition):
    waiting = [make_signature(petition, state="pending") for _ in range(3)]
    confirmed = make_signature(petition, state="confirmed")
    client = as_user(moderator)
    url = admin_url(CHANGELIST) + "?state__exact=pending"
    page = ask(client, "reject_as_spam", waiting[:1], url=url, select_across="1")
    assert page.context["selected_count"] == 3
    assert "every row that matches the current filters" in page.content.decode()
    confirm(client, "reject_as_spam", waiting[:1], url=url, select_across="1")
    assert states(waiting) == ["rejected"] * 3
    assert states([confirmed]) == ["confirmed"]


def test_review_client_opens_the_invalidation_tool(as_user, moderator, petition):
    rows = [make_signature(petition, ip_digest="c" * 64) for _ in range(2)]
    response = ask(as_user(moderator), "review_client", rows)
    assert response.status_code == 302
    assert response["Location"].endswith("?ip_digest=" + "c" * 64)
    other = make_signature(petition, ip_digest="d" * 64)
    response = ask(as_user(moderator), "review_client", [rows[0], other])
    assert response.status_code == 302
    assert response["Location"].endswith(admin_url(CHANGELIST))
