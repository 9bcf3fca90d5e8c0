"""The memorial admin: editors manage content; moderation needs its own permissions."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from memorial.models import CorrectionRequest, Event, Person, Tribute
from tests.staff.otp import verified_login

pytestmark = pytest.mark.django_db

ADMIN = "/" + settings.ADMIN_PATH + "memorial/"
CONTENT = ["source", "event", "person", "harm", "countclaim"]


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="memorial", codename__in=codenames)
    )


def test_editors_group_has_exactly_the_content_rights():
    permissions = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    models = [*CONTENT, "citation", "namevariant"]
    assert permissions == {f"{a}_{m}" for a in ("add", "change", "delete", "view") for m in models}


def test_anonymous_visitors_are_sent_to_log_in(client):
    for model in [*CONTENT, "tribute", "correctionrequest"]:
        response = client.get(f"{ADMIN}{model}/")
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_editors_manage_content_but_not_moderation(client, content, editor):
    verified_login(client, editor)
    for model in CONTENT:
        assert client.get(f"{ADMIN}{model}/").status_code == 200, model
        assert client.get(f"{ADMIN}{model}/add/").status_code == 200, model
    person = Person.objects.get(slug="roza-tuletaeva")
    page = client.get(f"{ADMIN}person/{person.pk}/change/").content.decode()
    assert "name_kk" in page and "Harms" in page and "Sources cited" in page
    for model in ("tribute", "correctionrequest"):
        assert client.get(f"{ADMIN}{model}/").status_code == 403


def test_filters_and_search_work(client, content, editor):
    verified_login(client, editor)
    page = client.get(f"{ADMIN}person/", {"q": "Ергазев"}).content.decode()
    assert "Zhanbyr Yergazev" in page and "Roza Tuletaeva" not in page
    page = client.get(f"{ADMIN}person/", {"harms__kind": "imprisoned"}).content.decode()
    assert "Erzhan Elshibayev" in page and "Duisen Nurov" not in page


def test_publish_actions(client, content, editor):
    verified_login(client, editor)
    event = Event.objects.get(slug="jobs-protests")
    response = client.post(
        f"{ADMIN}event/", {"action": "unpublish", "_selected_action": [event.pk]}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert not event.published


def test_changelists_cost_a_fixed_number_of_queries(
    client, content, superuser, django_assert_max_num_queries
):
    verified_login(client, superuser)
    with django_assert_max_num_queries(20) as small:
        client.get(f"{ADMIN}person/")
    for n in range(40):
        Person.objects.create(slug=f"p{n}", name=f"P {n}", biography="b", published=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{ADMIN}person/")


def test_moderators_approve_and_reject_candles(client, django_user_model):
    user = django_user_model.objects.create_user("mod", password="x" * 12, is_staff=True)
    grant(user, "view_tribute", "moderate_tribute")
    verified_login(client, user)
    good = Tribute.objects.create(message="In memory")
    bad = Tribute.objects.create(message="spam")
    page = client.get(f"{ADMIN}tribute/").content.decode()
    assert "In memory" in page and 'value="approve"' in page
    # "confirmed" answers the admin's are-you-sure step where an action has one.
    approve = {"action": "approve", "_selected_action": [good.pk], "confirmed": "yes"}
    client.post(f"{ADMIN}tribute/", approve)
    client.post(
        f"{ADMIN}tribute/", {"action": "reject", "_selected_action": [bad.pk], "confirmed": "yes"}
    )
    assert list(Tribute.objects.approved()) == [good]
    assert Tribute.objects.get(pk=bad.pk).state == Tribute.State.REJECTED
    assert client.get(f"{ADMIN}tribute/add/").status_code == 403


def test_viewing_the_queue_without_the_moderate_permission_changes_nothing(
    client, django_user_model
):
    user = django_user_model.objects.create_user("viewer", password="x" * 12, is_staff=True)
    grant(user, "view_tribute")
    verified_login(client, user)
    tribute = Tribute.objects.create(message="In memory")
    page = client.get(f"{ADMIN}tribute/").content.decode()
    assert 'value="approve"' not in page
    approve = {"action": "approve", "_selected_action": [tribute.pk], "confirmed": "yes"}
    client.post(f"{ADMIN}tribute/", approve)
    assert Tribute.objects.get().state == Tribute.State.PENDING


def test_correction_requests_are_handled_and_settled(client, content, django_user_model):
    user = django_user_model.objects.create_user("mod", password="x" * 12, is_staff=True)
    grant(user, "view_correctionrequest", "moderate_correctionrequest")
    verified_login(client, user)
    request = CorrectionRequest.objects.create(
        requester_name="A", contact="a@example.org", relation="self", action="remove", message="m"
    )
    page = client.get(f"{ADMIN}correctionrequest/").content.decode()
    assert "A" in page and 'value="mark_done"' in page
    response = client.post(
        f"{ADMIN}correctionrequest/{request.pk}/change/",
        {"state": "declined", "moderator_note": "Not enough information."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.contact) == ("declined", "")
    assert request.handled_at is not None
