"""Storage: SQLModel tables, the database handle and query functions.

The only package that speaks SQL. Query functions take a keyword-only
`session` and never commit: the services own transactions.
"""

from sqlmodel import Session

from caredesk.store.database import Database, DatabaseError

__all__ = ["Database", "DatabaseError", "Session"]
