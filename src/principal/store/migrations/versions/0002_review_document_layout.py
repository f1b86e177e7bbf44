"""Review documents keep their layout (format, page and paragraph offsets) so a stored review can be shown again

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("layout_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_documents", schema=None) as batch_op:
        batch_op.drop_column("layout_json")
