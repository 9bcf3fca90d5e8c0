"""Where the embed answers, declared here and mounted by the project (campaign/urls.py):

- `urlpatterns`: the framed pages (`embed:memorial`, `embed:petition`) and `oembed`, outside
  the language prefixes, since the language is the `lang` option and a partner's cached copy
  must not depend on the visitor;
- `localised_urlpatterns`: the partners' page (`memorial_embed_page`), in each language.
"""

from django.urls import include, path

from campaign.embed import oembed, views

framed = (
    [
        path("memorial/", views.memorial, name="memorial"),
        path("petition/<slug:slug>/", views.petition, name="petition"),
    ],
    "embed",
)

urlpatterns = [
    path("embed/", include(framed)),
    path("oembed/", oembed.oembed, name="oembed"),
]

localised_urlpatterns = [
    path("embed/", views.partner_page, name="memorial_embed_page"),
]
