"""Police and Crime Plans: the priorities, cross-cutting themes and Key Performance
Questions that commissioning frameworks align to."""
