"""Policing areas and their sub-areas (local authorities, districts, Community Safety
Partnership areas) with populations: what geographical reach and population-based
allocations refer to."""
