from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signed-out/", auth_views.LogoutView.as_view(), name="signed-out"),
    path("accounts/", auth_views.LogoutView.as_view(), name="account"),
]
