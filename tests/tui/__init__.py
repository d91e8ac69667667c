"""Tests of the Textual TUI (a package so the tests can import their conftest constants)."""
