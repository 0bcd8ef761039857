"""Revocable links, the alias secret of anonymous activities, saved templates.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("alias_secret", sa.String(64)))
    with op.batch_alter_table("credentials") as batch:
        batch.add_column(sa.Column("link_id", sa.String(32)))
    op.create_table(
        "templates",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("activities", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("templates")
    with op.batch_alter_table("credentials") as batch:
        batch.drop_column("link_id")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("alias_secret")
