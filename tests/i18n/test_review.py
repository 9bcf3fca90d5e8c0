"""Review state of translations: defaults, admin columns, filters and actions, resets,
and what public pages say about untranslated and unreviewed texts."""

import datetime
import io
import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from campaign.lib.translation_review import TranslationReview
from campaign.petitions.models import Petition
from memorial.loading import load_memorial
from memorial.models import Citation, CountClaim, Event, Harm, Person, Source
from tests.campaign.factories import make_petition
from tests.staff.otp import verified_login

pytestmark = pytest.mark.django_db
REVIEWED = TranslationReview.REVIEWED
MACHINE = TranslationReview.MACHINE
CONTENT_MODELS = [Source, Event, Person, Harm, CountClaim, Citation, Petition]


def test_shipped_translations_start_as_machine_assisted(shipped):
    for model in CONTENT_MODELS:
        rows = model.objects.all()
        assert rows.exists(), model
        assert not rows.exclude(review_ru=MACHINE).exists(), model
        assert not rows.exclude(review_kk=MACHINE).exists(), model


def test_the_changelist_shows_and_filters_the_review_state(client, superuser, shipped):
    Event.objects.filter(slug="strike-begins").update(review_ru=REVIEWED)
    verified_login(client, superuser)
    url = reverse("admin:memorial_event_changelist")
    page = client.get(url).content.decode()
    assert "Russian reviewed" in page and "Kazakh reviewed" in page
    assert "machine-assisted, needs native review" in page  # the filter's choices
    reviewed = client.get(url, {"review_ru__exact": "reviewed"}).context["cl"].result_list
    assert [event.slug for event in reviewed] == ["strike-begins"]
    pending = client.get(url, {"review_ru__exact": "machine"}).context["cl"].result_count
    assert pending == Event.objects.count() - 1


@pytest.mark.parametrize(
    ("model", "language"), [(Event, "ru"), (Person, "kk"), (Source, "ru"), (Petition, "kk")]
)
def test_marking_a_translation_reviewed_logs_each_record(
    client, superuser, shipped, model, language
):
    verified_login(client, superuser)
    chosen = list(model.objects.order_by("pk")[:2])
    opts = model._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": f"mark_{language}_reviewed", "_selected_action": [obj.pk for obj in chosen]},
        follow=True,
    )
    assert response.status_code == 200
    for obj in chosen:
        obj.refresh_from_db()
        assert getattr(obj, f"review_{language}") == REVIEWED
        other = "kk" if language == "ru" else "ru"
        assert getattr(obj, f"review_{other}") == MACHINE
        entry = LogEntry.objects.get(object_id=str(obj.pk), content_type__model=opts.model_name)
        assert entry.user == superuser
        assert "translation reviewed by a native speaker" in entry.change_message
    others = model.objects.exclude(pk__in=[obj.pk for obj in chosen])
    assert not others.filter(**{f"review_{language}": REVIEWED}).exists()
    # Running it again changes and logs nothing more.
    client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": f"mark_{language}_reviewed", "_selected_action": [obj.pk for obj in chosen]},
    )
    assert LogEntry.objects.count() == len(chosen)


def test_editors_may_mark_memorial_translations_reviewed(client, editor, shipped):
    verified_login(client, editor)
    event = Event.objects.first()
    client.post(
        reverse("admin:memorial_event_changelist"),
        {"action": "mark_kk_reviewed", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.review_kk == REVIEWED


def save_through_admin(user, obj, **changes):
    """Save `obj` through its ModelAdmin's form with `changes`, as the change view does."""
    model_admin = admin.site._registry[type(obj)]
    request = RequestFactory().post("/")
    request.user = user
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    form_class = model_admin.get_form(request, obj, change=True)
    initial = form_class(instance=obj).initial
    data = {name: value for name, value in initial.items() if value is not None}
    data.update(changes)
    form = form_class(data, instance=obj)
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    model_admin.save_model(request, saved, form, change=True)
    saved.refresh_from_db()
    return saved


def test_a_change_to_the_english_text_sends_approved_translations_back(superuser, shipped):
    event = Event.objects.get(slug="strike-begins")
    Event.objects.filter(pk=event.pk).update(review_ru=REVIEWED, review_kk=REVIEWED)
    event.refresh_from_db()
    event = save_through_admin(superuser, event, summary_ru=event.summary_ru + " Исправлено.")
    assert (event.review_ru, event.review_kk) == (REVIEWED, REVIEWED)
    event = save_through_admin(superuser, event, summary_en=event.summary_en + " Corrected.")
    assert (event.review_ru, event.review_kk) == (MACHINE, MACHINE)
    # A reviewer who approves in the same save as the English change keeps the approval.
    event = save_through_admin(
        superuser, event, summary_en=event.summary_en + " Again.", review_kk=REVIEWED
    )
    assert (event.review_ru, event.review_kk) == (MACHINE, REVIEWED)


def test_reloading_the_shipped_texts_marks_rewritten_translations_for_review(shipped):
    edited = Event.objects.get(slug="strike-begins")
    untouched = Event.objects.exclude(pk=edited.pk).first()
    Event.objects.filter(pk=edited.pk).update(title_ru="Правка рецензента", review_ru=REVIEWED)
    Event.objects.filter(pk__in=[edited.pk, untouched.pk]).update(review_kk=REVIEWED)
    load_memorial(refresh=True)
    edited.refresh_from_db()
    untouched.refresh_from_db()
    assert edited.title_ru != "Правка рецензента"
    assert edited.review_ru == MACHINE
    assert edited.review_kk == REVIEWED == untouched.review_kk
    petition = Petition.objects.get()
    Petition.objects.filter(pk=petition.pk).update(title_kk="Өзгертілген", review_kk=REVIEWED)
    call_command("load_petition", "--update-text", stdout=io.StringIO())
    petition.refresh_from_db()
    assert petition.review_kk == MACHINE


def event(**fields):
    defaults = {
        "slug": "shooting",
        "title_en": "Police open fire",
        "summary_en": "Police fire on the crowd.",
        "date": datetime.date(2011, 12, 16),
        "published": True,
    }
    return Event.objects.create(**{**defaults, **fields})


def test_an_untranslated_field_shows_in_english_and_says_so(client, db):
    event(title_ru="Полиция открывает огонь", summary_ru="", body_en="First.\n\nSecond.")
    page = client.get("/ru/timeline/").content.decode()
    assert '<h2 class="h5">Полиция открывает огонь</h2>' in page
    note = '<small class="untranslated-note">(ещё не переведено)</small>'
    assert f'<p><span lang="en">Police fire on the crowd.</span> {note}</p>' in page
    assert '<div lang="en"><p>First.</p>\n\n<p>Second.</p></div>' in page
    english = client.get("/en/timeline/").content.decode()
    assert "untranslated-note" not in english and 'lang="en"><p>' not in english


def test_an_untranslated_petition_is_marked_in_kazakh(client, db):
    petition = make_petition(slug="only-english", title_en="An inquiry now")
    with translation.override("kk"):
        page = client.get(petition.get_absolute_url()).content.decode()
    note = '<small class="untranslated-note">(әлі аударылмаған)</small>'
    assert f'<h1><span lang="en">An inquiry now</span> {note}</h1>' in page
    assert '<ol class="petition-demands" lang="en">' in page
    assert "Бұл мәтін әлі аударылмаған; мұнда ағылшын тілінде берілген." in page


def test_the_review_notice_appears_only_where_a_shown_translation_is_unreviewed(client, db):
    shown = event(title_ru="Полиция открывает огонь", summary_ru="Полиция стреляет в толпу.")
    notice = 'class="translation-review-note"'
    page = client.get("/ru/timeline/").content.decode()
    assert notice in page
    assert '<a href="/en/timeline/" hreflang="en">Читать английский оригинал</a>' in page
    assert notice not in client.get("/en/timeline/").content.decode()
    Event.objects.filter(pk=shown.pk).update(review_ru=REVIEWED)
    assert notice not in client.get("/ru/timeline/").content.decode()
    assert notice in client.get("/kk/timeline/").content.decode()


def test_every_name_is_given_in_latin_russian_and_kazakh_script(shipped):
    latin = re.compile(r"^[A-Za-z' .-]+$")
    cyrillic = re.compile(r"^[\u0400-\u04ff' .-]+$")
    people = Person.objects.all()
    assert people.exists()
    for person in people:
        assert latin.match(person.name_en), person.name_en
        assert cyrillic.match(person.name_ru), person.name_ru
        assert cyrillic.match(person.name_kk), person.name_kk
        with translation.override("kk"):
            assert person.display_name == person.name_kk
