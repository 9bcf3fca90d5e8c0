"""Where tally answers, mounted by the project (campaign/urls.py): nothing outside the language
prefixes; inside them, beside the petition's count.json, its chain (`tally:json`) and the page
explaining it (`tally:page`)."""

from django.urls import include, path

from campaign.tally import views

urlpatterns: list = []

tally = (
    [
        path("petitions/<slug:slug>/tally/", views.tally_page, name="page"),
        path("petitions/<slug:slug>/tally.json", views.tally_json, name="json"),
    ],
    "tally",
)

localised_urlpatterns = [path("", include(tally))]
