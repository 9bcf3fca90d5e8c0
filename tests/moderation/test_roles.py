import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from memorial.models import Tribute
from tests.moderation.conftest import admin_url

pytestmark = pytest.mark.django_db

MODERATORS = {
    "campaign.view_petition",
    "campaign.view_signature",
    "campaign.change_signature",
    "campaign.view_signaturecomment",
    "campaign.change_signaturecomment",
    "memorial.view_tribute",
    "memorial.moderate_tribute",
    "memorial.view_correctionrequest",
    "memorial.moderate_correctionrequest",
}
LEADS = MODERATORS | {
    "campaign.add_petition",
    "campaign.change_petition",
    "campaign.export_signatures",
    "campaign.view_exportlog",
}


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_migration_creates_both_roles_with_exactly_their_rights():
    assert group_permissions("Moderators") == MODERATORS
    assert group_permissions("Campaign leads") == LEADS


def test_nobody_in_either_role_may_delete_or_edit_signers(moderator, campaign_lead):
    for user in (moderator, campaign_lead):
        perms = user.get_all_permissions()
        assert not any(p.split(".")[1].startswith("delete_") for p in perms)
        assert "campaign.add_signature" not in perms
    assert not moderator.has_perm("campaign.export_signatures")
    assert campaign_lead.has_perm("campaign.export_signatures")


def test_petitions_by_role(as_user, moderator, campaign_lead, petition):
    add, delete = (
        admin_url("campaign_petition_add"),
        admin_url("campaign_petition_delete", petition.pk),
    )
    assert as_user(moderator).get(admin_url("campaign_petition_changelist")).status_code == 200
    assert as_user(moderator).get(add).status_code == 403
    assert as_user(campaign_lead).get(add).status_code == 200
    for user in (moderator, campaign_lead):
        assert as_user(user).post(delete, {"post": "yes"}).status_code == 403


def test_moderators_cannot_delete_candles(as_user, moderator):
    candle = Tribute.objects.create(first_name="Aida")
    url = admin_url("memorial_tribute_delete", candle.pk)
    assert as_user(moderator).post(url, {"post": "yes"}).status_code == 403
    assert Tribute.objects.filter(pk=candle.pk).exists()


def test_export_log_is_for_leads_and_read_only(as_user, moderator, campaign_lead):
    url = admin_url("campaign_exportlog_changelist")
    assert as_user(moderator).get(url).status_code == 403
    assert as_user(campaign_lead).get(url).status_code == 200
    assert as_user(campaign_lead).get(admin_url("campaign_exportlog_add")).status_code == 403


PASSWORDS = {
    "DJANGO_MODERATOR_PASSWORD": "lantern river granite 41",
    "DJANGO_CAMPAIGN_LEAD_PASSWORD": "copper meadow signal 77",
    "DJANGO_EDITOR_PASSWORD": "quiet harbour pencil 19",
}


def test_create_staff_makes_one_account_per_role_from_the_environment(monkeypatch):
    for name, value in PASSWORDS.items():
        monkeypatch.setenv(name, value)
    call_command("create_staff", "--noinput")
    User = get_user_model()
    for username, group, variable in [
        ("moderator", "Moderators", "DJANGO_MODERATOR_PASSWORD"),
        ("campaign-lead", "Campaign leads", "DJANGO_CAMPAIGN_LEAD_PASSWORD"),
        ("editor", "Editors", "DJANGO_EDITOR_PASSWORD"),
    ]:
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password(PASSWORDS[variable])


def test_create_staff_leaves_an_existing_account_alone(monkeypatch, capsys):
    for name, value in PASSWORDS.items():
        monkeypatch.setenv(name, value)
    call_command("create_staff", "--noinput", "--role", "moderator")
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", "another long passphrase 55")
    call_command("create_staff", "--noinput", "--role", "moderator")
    assert "exists already" in capsys.readouterr().out
    user = get_user_model().objects.get(username="moderator")
    assert user.check_password(PASSWORDS["DJANGO_MODERATOR_PASSWORD"])
    assert get_user_model().objects.count() == 1


def test_create_staff_without_a_password_or_with_a_weak_one_refuses(monkeypatch):
    monkeypatch.delenv("DJANGO_MODERATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_MODERATOR_PASSWORD"):
        call_command("create_staff", "--noinput", "--role", "moderator")
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", "password")
    with pytest.raises(CommandError):
        call_command("create_staff", "--noinput", "--role", "moderator")
    assert not get_user_model().objects.exists()


def test_create_staff_asks_for_the_password_and_a_user_name(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    answers = iter(["short", "short", "violet engine summer 82", "violet engine summer 82"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_staff", "--role", "editor", "--editor", "dana")
    user = get_user_model().objects.get(username="dana")
    assert user.check_password("violet engine summer 82")
    assert user.groups.get().name == "Editors"
