"""Where tally answers, mounted by the project (campaign/urls.py): nothing outside the language
prefixes; inside them, beside the petition's count.json, its chain (`tally:json`) and the page
explaining it (`tally:page`)."""

from django.urls import include, path

from campaign.tally import views

urlpatterns: list = []

localised_urlpatterns = [
    path(
        "petitions/<slug:slug>/",
        include(
            (
                [
                    path("tally/", views.tally_page, name="page"),
                    path("tally.json", views.tally_json, name="json"),
                ],
                "tally",
            )
        ),
    ),
]
