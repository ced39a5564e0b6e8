from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("gazette.api.urls")),
    path("", include("gazette.site.urls")),
]

handler404 = "gazette.site.views.page_not_found"
handler500 = "gazette.site.views.server_error"
