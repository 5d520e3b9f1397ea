"""Routing help: which unit should handle a complaint, learned from the pemda's own history."""
