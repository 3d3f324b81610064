"""Importing and exporting a framework's service lines (seed 002's Appendix A layout) as
CSV and XLSX. An export re-imports to the identical framework."""
