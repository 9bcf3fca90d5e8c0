"""Where updates answers, mounted by the project (campaign/urls.py): the unsubscribe page
in each language (`updates:unsubscribe`), as its link is built in the signer's language."""

from django.urls import include, path

from campaign.updates import views

urlpatterns: list = []

localised_urlpatterns = [
    path(
        "updates/",
        include(
            (
                [path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe")],
                "updates",
            )
        ),
    ),
]
