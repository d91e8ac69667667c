"""Use cases that wire the layers: import, ingest, read cases, build the demo.

Services own transactions, permissions and the audit log. The TUI and CLI
call services; they never write through the store themselves.
"""
