from django.urls import path

from gazette.discovery import views

app_name = "discovery"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/feed/", views.SearchFeed(), name="search-feed"),
    path("stories/<int:pk>/", views.story_detail, name="story"),
    path("beacon/<int:article_id>/", views.beacon, name="beacon"),
]
