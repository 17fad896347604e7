from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("initiatieven/", views.directory, name="directory"),
    path("initiatieven/<slug:slug>/", views.initiative_detail, name="initiative"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("collecties/", views.collections, name="collections"),
    path("collecties/<slug:slug>/", views.collection_detail, name="collection"),
    path("kennisbank/", views.documents, name="documents"),
    path("kennisbank/<slug:slug>/", views.document_detail, name="document"),
]
