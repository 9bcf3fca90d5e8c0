"""Where tally answers, mounted by the project (campaign/urls.py): `urlpatterns` outside the
language prefixes, `localised_urlpatterns` inside them."""

urlpatterns: list = []

localised_urlpatterns: list = []
