import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from campaign.petitions.models import Signature, SignatureComment
from memorial.models import CorrectionRequest, Tribute
from tests.moderation.conftest import admin_url, bulk_signatures

pytestmark = pytest.mark.django_db

COMMENTS = "campaign_signaturecomment_changelist"
CANDLES = "memorial_tribute_changelist"
CORRECTIONS = "memorial_correctionrequest_changelist"


@pytest.fixture
def comments(petition):
    now = timezone.now()
    named = {"show_name": True, "comment_state": "pending"}
    old = bulk_signatures(petition, 1, comment="Older comment", start=now - timedelta(2), **named)
    new = bulk_signatures(petition, 1, comment="Newer comment", start=now - timedelta(1), **named)
    done = bulk_signatures(
        petition, 1, comment="Approved comment", show_name=True, comment_state="approved"
    )
    bulk_signatures(petition, 1, name="No comment at all", show_name=True)
    return old + new + done


@pytest.fixture
def unpublishable_comments(petition):
    """Comments that can never be shown: their signer is unnamed, unconfirmed or rejected."""
    bulk_signatures(petition, 1, comment="Unnamed signer's comment", **UNNAMED)
    bulk_signatures(petition, 1, comment="Unconfirmed comment", state="pending", **NAMED)
    bulk_signatures(petition, 1, comment="Spam comment", state="rejected", **NAMED)


NAMED = {"show_name": True, "comment_state": "pending"}
UNNAMED = {"show_name": False, "comment_state": "pending"}


@pytest.fixture
def candles(db):
    first = Tribute.objects.create(first_name="Aida", message="Rest in peace")
    second = Tribute.objects.create(first_name="Marat", message="We remember")
    Tribute.objects.create(first_name="Seen", state=Tribute.State.APPROVED)
    return [first, second]


@pytest.fixture
def correction(db):
    return CorrectionRequest.objects.create(
        requester_name="A relative",
        contact="relative@example.org",
        relation=CorrectionRequest.Relation.FAMILY,
        action=CorrectionRequest.Action.ANONYMISE,
        message="Please show only his initials.",
    )


def ask(client, url_name, action, rows):
    data = {"action": action, "_selected_action": [r.pk for r in rows], "index": 0}
    return client.post(admin_url(url_name), data)


def confirm(client, url_name, action, rows):
    data = {"action": action, "_selected_action": [r.pk for r in rows], "confirmed": "yes"}
    return client.post(admin_url(url_name), data)


def log_count(model, user):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return LogEntry.objects.filter(content_type=content_type, user=user).count()


def test_the_comment_queue_holds_only_comments_that_could_be_published(
    as_user, moderator, comments, unpublishable_comments
):
    for query in ({}, {"queue": "all"}, {"queue": "pending"}):
        html = as_user(moderator).get(admin_url(COMMENTS), query).content.decode()
        assert "Newer comment" in html
        for hidden in ("Unnamed signer", "Unconfirmed comment", "Spam comment"):
            assert hidden not in html, (query, hidden)
    index = as_user(moderator).get(admin_url("index")).content.decode()
    assert queue_counts(index)["Comments"] == "2"


def test_the_comment_queue_opens_on_waiting_comments_newest_first(as_user, moderator, comments):
    html = as_user(moderator).get(admin_url(COMMENTS)).content.decode()
    assert html.index("Newer comment") < html.index("Older comment")
    assert "Approved comment" not in html
    assert "No comment at all" not in html
    everything = as_user(moderator).get(admin_url(COMMENTS), {"queue": "all"}).content
    assert b"Approved comment" in everything and b"No comment at all" not in everything


@pytest.mark.parametrize(
    ("action", "state"), [("approve_comments", "approved"), ("reject_comments", "rejected")]
)
def test_comment_queue_actions_by_role(as_user, editor, moderator, comments, action, state):
    waiting = comments[:2]
    assert "/login/" in confirm(as_user(None), COMMENTS, action, waiting)["Location"]
    assert confirm(as_user(editor), COMMENTS, action, waiting).status_code == 403
    page = ask(as_user(moderator), COMMENTS, action, waiting)
    assert page.status_code == 200 and page.context["changing_count"] == 2
    assert Signature.objects.filter(comment_state="pending").count() == 2
    confirm(as_user(moderator), COMMENTS, action, waiting)
    assert Signature.objects.filter(comment_state=state).count() >= 2
    assert Signature.objects.filter(comment_state="pending").count() == 0
    assert log_count(SignatureComment, moderator) == 2


def test_candle_queue_is_newest_first(as_user, moderator, candles):
    html = as_user(moderator).get(admin_url(CANDLES), {"state__exact": "pending"}).content
    html = html.decode()
    assert html.index("Marat") < html.index("Aida")
    assert "Seen" not in html


@pytest.mark.parametrize(("action", "state"), [("approve", "approved"), ("reject", "rejected")])
def test_candle_actions_ask_first_and_are_logged(
    as_user, editor, moderator, candles, action, state
):
    assert "/login/" in confirm(as_user(None), CANDLES, action, candles)["Location"]
    assert confirm(as_user(editor), CANDLES, action, candles).status_code == 403
    page = ask(as_user(moderator), CANDLES, action, candles)
    assert page.status_code == 200
    assert "2 rows are selected" in page.content.decode()
    assert Tribute.objects.pending().count() == 2
    assert confirm(as_user(moderator), CANDLES, action, candles).status_code == 302
    assert Tribute.objects.filter(state=state, pk__in=[c.pk for c in candles]).count() == 2
    assert log_count(Tribute, moderator) == 2


@pytest.mark.parametrize(
    ("action", "state"), [("mark_done", "done"), ("mark_declined", "declined")]
)
def test_correction_actions_ask_first_and_are_logged(
    as_user, editor, moderator, correction, action, state
):
    assert "/login/" in confirm(as_user(None), CORRECTIONS, action, [correction])["Location"]
    assert confirm(as_user(editor), CORRECTIONS, action, [correction]).status_code == 403
    page = ask(as_user(moderator), CORRECTIONS, action, [correction])
    assert page.status_code == 200 and page.context["changing_count"] == 1
    confirm(as_user(moderator), CORRECTIONS, action, [correction])
    correction.refresh_from_db()
    assert correction.state == state
    assert correction.contact == ""
    assert log_count(CorrectionRequest, moderator) == 1


def queue_counts(html):
    panel = html[html.index('id="moderation-queues"') :]
    panel = panel[: panel.index("</table>")]
    return dict(
        re.findall(r'<a href="[^"]+">([^<]+)</a></th>\s*<td class="queue-count">(\d+)<', panel)
    )


@pytest.mark.parametrize("role", ["moderator", "lead"])
def test_the_admin_index_shows_the_pending_counts(
    as_user, roles, role, comments, candles, correction
):
    response = as_user(roles[role]).get(admin_url("index"))
    html = response.content.decode()
    assert queue_counts(html) == {"Comments": "2", "Candles": "2", "Correction requests": "1"}
    assert admin_url(COMMENTS) + "?queue=pending" in html
    assert admin_url("campaign_dashboard") in html


def test_an_editor_sees_no_moderation_queues(as_user, editor, comments):
    html = as_user(editor).get(admin_url("index")).content.decode()
    assert "moderation-queues" not in html


def test_anonymous_gets_the_login_page_not_the_index(as_user):
    assert "/login/" in as_user(None).get(admin_url("index"))["Location"]
