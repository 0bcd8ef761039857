"""Schema migrations (Alembic). The server upgrades the database to `head` at start-up."""
