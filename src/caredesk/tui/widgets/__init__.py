"""Widgets the screens are built from; they display, the screens load."""
