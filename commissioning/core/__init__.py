"""What every app shares: roles, permission policy plumbing, base views, money and years,
the GOV.UK form renderer and the record history view."""
