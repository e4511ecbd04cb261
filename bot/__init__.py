"""Tally: answers questions about an air campaign's reported figures, always with their sources."""
