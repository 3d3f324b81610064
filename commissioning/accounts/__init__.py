"""People: log-in by e-mail, roles, invitations, two-factor authentication."""
