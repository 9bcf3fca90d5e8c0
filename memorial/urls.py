from django.urls import path

from memorial import views

app_name = "memorial"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("people/", views.people, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("how-many/", views.figures, name="figures"),
    path("sources/", views.sources, name="sources"),
    path("candles/", views.candles, name="candles"),
    path("correction/", views.correction, name="correction"),
    path("correction/thanks/", views.correction_thanks, name="correction_thanks"),
    path("open-data/", views.open_data, name="open_data"),
    path("data/<slug:dataset>.<slug:fmt>", views.data, name="data"),
]
