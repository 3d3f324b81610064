from django.urls import path

from .views import account, auth, invitations, two_factor, users

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/signed-out/", auth.SignedOutView.as_view(), name="signed-out"),
    path("accounts/", account.AccountView.as_view(), name="account"),
    path("accounts/password/change/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/password/reset/", auth.PasswordResetView.as_view(), name="password-reset"),
    path(
        "accounts/password/reset/sent/",
        auth.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "accounts/two-factor/set-up/",
        two_factor.TwoFactorSetupView.as_view(),
        name="two-factor-setup",
    ),
    path(
        "accounts/two-factor/verify/",
        two_factor.TwoFactorVerifyView.as_view(),
        name="two-factor-verify",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        invitations.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("users/", users.UserListView.as_view(), name="user-list"),
    path("users/invite/", users.UserInviteView.as_view(), name="user-invite"),
    path("users/<int:pk>/", users.UserDetailView.as_view(), name="user-detail"),
    path("users/<int:pk>/history/", users.UserHistoryView.as_view(), name="user-history"),
    path("users/<int:pk>/role/", users.UserRoleView.as_view(), name="user-role"),
    path(
        "users/<int:pk>/resend-invitation/",
        users.UserResendInvitationView.as_view(),
        name="user-resend-invitation",
    ),
    path("users/<int:pk>/deactivate/", users.UserDeactivateView.as_view(), name="user-deactivate"),
    path("users/<int:pk>/reactivate/", users.UserReactivateView.as_view(), name="user-reactivate"),
    path(
        "users/<int:pk>/reset-two-factor/",
        users.UserResetTwoFactorView.as_view(),
        name="user-reset-two-factor",
    ),
]
