from django.urls import URLPattern, URLResolver, path

from redress.api import views
from redress.api.api import api

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]

api_urls = api.urls
