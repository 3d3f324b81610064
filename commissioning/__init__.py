"""PCC Commissioning: the commissioning platform for an Office of a Police and Crime Commissioner."""
