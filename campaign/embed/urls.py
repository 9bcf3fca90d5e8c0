"""The framable embed views: `embed:memorial` and `embed:petition` (outside i18n_patterns;
the language is the `lang` option)."""

from django.urls import path

from campaign.embed import views

app_name = "embed"

urlpatterns = [
    path("memorial/", views.memorial, name="memorial"),
    path("petition/<slug:slug>/", views.petition, name="petition"),
]
