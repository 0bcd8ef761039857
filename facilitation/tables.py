"""The database's tables: the event log, and what lives beside it (facilitation/store.py)."""

import sqlalchemy as sa

metadata = sa.MetaData()

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("join_code", sa.String(8), nullable=False, unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    # Derives the aliases of people without a phone in anonymous activities; never in the log.
    sa.Column("alias_secret", sa.String(64)),
)

# Secrets are kept hashed; the log itself never holds one.
credentials = sa.Table(
    "credentials",
    metadata,
    sa.Column("secret_hash", sa.String(64), primary_key=True),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("participant_id", sa.String(32)),
    sa.Column("revoked", sa.Boolean, nullable=False, default=False),
    # The co-facilitator, scribe or observer link this credential belongs to (revocable).
    sa.Column("link_id", sa.String(32)),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("activity_id", sa.String(32)),
    sa.Column("actor_id", sa.String(32)),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
)

# One row per accepted command that carried a client id: a resent command is recognised here.
commands = sa.Table(
    "commands",
    metadata,
    sa.Column("session_id", sa.String(32), primary_key=True),
    sa.Column("actor_id", sa.String(32), primary_key=True),
    sa.Column("client_id", sa.String(64), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
)


# Saved agendas to start new sessions from (outside any session's log).
templates = sa.Table(
    "templates",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.String(120), nullable=False),
    sa.Column("language", sa.String(5), nullable=False),
    sa.Column("activities", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

# Where a session's minutes are published, when set from the console (outside the log, never in
# an export: these are credentials). Empty values fall back on the server's settings.
publish_targets = sa.Table(
    "publish_targets",
    metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("settings", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

# Each attempt to publish a session's minutes and how it went (the minutes are in the log).
publications = sa.Table(
    "publications",
    metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("started_at", sa.String(40), nullable=False),
)
