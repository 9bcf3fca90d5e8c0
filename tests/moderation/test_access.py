"""Every moderation page: anonymous → login, wrong role → 403, right role → 200."""

import pytest

from campaign.petitions.models import Signature
from memorial.models import CorrectionRequest, Tribute
from tests.moderation.conftest import admin_url, bulk_signatures

pytestmark = pytest.mark.django_db


def signature_pk():
    return Signature.objects.get().pk


def candle_pk():
    return Tribute.objects.get().pk


def correction_pk():
    return CorrectionRequest.objects.get().pk


# (URL name, argument builder or None, wrong role, right role)
PAGES = [
    ("campaign_signature_changelist", None, "editor", "moderator"),
    ("campaign_signature_change", signature_pk, "editor", "moderator"),
    ("campaign_signature_history", signature_pk, "editor", "moderator"),
    ("campaign_signaturecomment_changelist", None, "editor", "moderator"),
    ("campaign_signaturecomment_change", signature_pk, "editor", "moderator"),
    ("campaign_signature_invalidate", None, "editor", "moderator"),
    ("campaign_dashboard", None, "editor", "moderator"),
    ("campaign_dashboard_chart", lambda: "signatures", "editor", "moderator"),
    ("campaign_petition_changelist", None, "editor", "moderator"),
    ("campaign_petition_add", None, "moderator", "lead"),
    ("campaign_petition_export", lambda: Signature.objects.get().petition_id, "moderator", "lead"),
    ("campaign_exportlog_changelist", None, "moderator", "lead"),
    ("memorial_tribute_changelist", None, "editor", "moderator"),
    ("memorial_tribute_change", candle_pk, "editor", "moderator"),
    ("memorial_correctionrequest_changelist", None, "editor", "moderator"),
    ("memorial_correctionrequest_change", correction_pk, "editor", "moderator"),
]


@pytest.fixture
def content(petition):
    bulk_signatures(petition, 1, comment="A comment", comment_state="pending", show_name=True)
    Tribute.objects.create(first_name="Aida")
    CorrectionRequest.objects.create(
        requester_name="A relative",
        contact="+7 700 000 0000",
        relation=CorrectionRequest.Relation.FAMILY,
        action=CorrectionRequest.Action.CORRECT,
        message="The date is wrong.",
    )


@pytest.mark.parametrize(("name", "argument", "wrong", "right"), PAGES)
def test_anonymous_then_wrong_role_then_right_role(
    as_user, roles, content, name, argument, wrong, right
):
    url = admin_url(name, argument()) if argument else admin_url(name)
    anonymous = as_user(None).get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert as_user(roles[wrong]).get(url).status_code == 403
    response = as_user(roles[right]).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_petition_page_offers_the_export_to_leads_only(as_user, roles, petition):
    url = admin_url("campaign_petition_change", petition.pk)
    export = admin_url("campaign_petition_export", petition.pk)
    assert export in as_user(roles["lead"]).get(url).content.decode()
    assert export not in as_user(roles["moderator"]).get(url).content.decode()
