"""Admin for editors: sources, events, people and their harms, count claims, with citations."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from campaign.lib.translation_review_admin import REVIEW_ACTIONS, TranslationReviewAdminMixin
from memorial.models import Citation, CountClaim, Event, Harm, NameVariant, Person, Source


class CitationInline(TranslationTabularInline):
    model = Citation
    fields = ["source", "note", "review_ru", "review_kk"]
    autocomplete_fields = ["source"]
    extra = 1
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited")


class PublishActionsMixin:
    """Publish and unpublish from the change list; changes need the change permission."""

    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected records"), permissions=["change"])
    def publish(self, request, queryset):
        self.report(request, queryset.update(published=True), _("published"))

    @admin.action(description=_("Unpublish the selected records"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.report(request, queryset.update(published=False), _("unpublished"))

    def report(self, request, count, verb):
        message = ngettext("%(count)d record %(verb)s.", "%(count)d records %(verb)s.", count)
        self.message_user(request, message % {"count": count, "verb": verb})


class CitedAdminMixin:
    """Annotates the number of sources, so the change list costs a fixed number of queries."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("citations"))

    @admin.display(description=_("sources"), ordering="source_count")
    def sources_cited(self, obj):
        return obj.source_count


@admin.register(Source)
class SourceAdmin(TranslationReviewAdminMixin, TranslationAdmin):
    actions = REVIEW_ACTIONS
    list_display = ["key", "publisher", "title", "kind", "published_on", "language", "published"]
    list_filter = ["kind", "published", "language"]
    search_fields = ["key", "title", "publisher", "author", "url"]
    date_hierarchy = "published_on"


@admin.register(Event)
class EventAdmin(
    TranslationReviewAdminMixin, PublishActionsMixin, CitedAdminMixin, TranslationAdmin
):
    actions = [*PublishActionsMixin.actions, *REVIEW_ACTIONS]
    list_display = ["date", "title", "place", "featured", "published", "sources_cited", "preview"]
    list_filter = ["published", "featured", "date_precision"]
    search_fields = ["slug", "title_en", "title_ru", "title_kk", "place_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "date"
    inlines = [CitationInline]

    @admin.display(description=_("preview"))
    def preview(self, event):
        url = reverse("memorial:timeline") + f"?preview=1#{event.slug}"
        return format_html('<a href="{}">{}</a>', url, _("view on the timeline"))


class HarmInline(TranslationTabularInline):
    model = Harm
    fields = [
        "kind",
        "date",
        "date_precision",
        "place",
        "description",
        "disclosure",
        "review_ru",
        "review_kk",
    ]
    extra = 0
    show_change_link = True


class NameVariantInline(admin.TabularInline):
    model = NameVariant
    fields = ["spelling", "script", "source"]
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Person)
class PersonAdmin(
    TranslationReviewAdminMixin, PublishActionsMixin, CitedAdminMixin, TranslationAdmin
):
    actions = [*PublishActionsMixin.actions, *REVIEW_ACTIONS]
    list_display = [
        "name",
        "visibility",
        "consent",
        "published",
        "harm_list",
        "sources_cited",
        "preview",
    ]
    list_filter = ["published", "consent", "visibility", "harms__kind"]
    search_fields = ["slug", "name_en", "name_ru", "name_kk", "variants__spelling"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["updated_at"]
    inlines = [HarmInline, NameVariantInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("harms")

    @admin.display(description=_("what was done"))
    def harm_list(self, person):
        return ", ".join(str(harm.get_kind_display()) for harm in person.harms.all())

    @admin.display(description=_("preview"))
    def preview(self, person):
        return format_html('<a href="{}">{}</a>', person.get_absolute_url(), _("view the page"))


@admin.register(Harm)
class HarmAdmin(TranslationReviewAdminMixin, CitedAdminMixin, TranslationAdmin):
    """Harms are edited inline on the person; their sources are cited here."""

    list_display = ["person", "kind", "date", "place", "disclosure", "sources_cited"]
    list_filter = ["kind", "disclosure"]
    list_select_related = ["person"]
    search_fields = ["person__name_en", "person__name_ru", "person__name_kk"]
    autocomplete_fields = ["person"]
    inlines = [CitationInline]
    actions = REVIEW_ACTIONS


@admin.register(CountClaim)
class CountClaimAdmin(
    TranslationReviewAdminMixin, PublishActionsMixin, CitedAdminMixin, TranslationAdmin
):
    actions = [*PublishActionsMixin.actions, *REVIEW_ACTIONS]
    list_display = [
        "claimant",
        "counted",
        "figure",
        "grade",
        "stated_on",
        "is_unnamed_reference",
        "published",
        "sources_cited",
    ]
    list_filter = ["counted", "claimant_kind", "grade", "published"]
    search_fields = ["slug", "claimant_en", "claimant_ru", "scope_en", "words_en"]
    prepopulated_fields = {"slug": ["claimant_en"]}
    inlines = [CitationInline]
    view_on_site = False
