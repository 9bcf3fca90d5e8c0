from django.urls import path

from campaign.petitions import views

app_name = "campaign"

urlpatterns = [
    path("", views.petition_list, name="petition_list"),
    path("privacy/", views.privacy, name="privacy"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("<slug:slug>/", views.petition_detail, name="petition_detail"),
    path("<slug:slug>/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("<slug:slug>/count.json", views.count_json, name="count_json"),
    path("<slug:slug>/map.svg", views.map_svg, name="map_svg"),
]
