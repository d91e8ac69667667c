"""Screens of the caredesk app, one module each."""
