"""Views for signing in, two-factor, invitations, one's own account and managing users."""
