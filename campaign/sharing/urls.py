"""Where sharing answers, mounted by the project (campaign/urls.py):

- `urlpatterns`: the preview cards (`sharing:memorial_card`, `sharing:petition_card`), outside
  the language prefixes: the language is part of the card's own address, which networks cache
  whatever language their visitor reads;
- `localised_urlpatterns`: the petition's poster (`petition_poster`), in each language.
"""

from django.conf import settings
from django.urls import include, path, register_converter

from campaign.sharing import views


class LanguageConverter:
    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "language")

cards = (
    [
        path("<language:language>/memorial.png", views.memorial_card, name="memorial_card"),
        path(
            "<language:language>/petition/<slug:slug>-<int:shown>.png",
            views.petition_card,
            name="petition_card",
        ),
    ],
    "sharing",
)

urlpatterns = [
    path("cards/", include(cards)),
]

localised_urlpatterns = [
    path("petitions/<slug:slug>/poster.pdf", views.poster, name="petition_poster"),
]
