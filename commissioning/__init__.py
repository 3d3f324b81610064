"""PCC Commissioning: commissioning software for an Office of a Police and Crime Commissioner."""
