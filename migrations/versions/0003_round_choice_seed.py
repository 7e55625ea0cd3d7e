"""Choices shown in an order drawn per round: each round keeps the seed of its order.

Rounds posted before this revision keep no seed and go on showing the bank's order, which is
the order their members saw; their stored answers name the choice's text, so they count the
same either way.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("choice_seed", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("round", schema=None) as batch_op:
        batch_op.drop_column("choice_seed")
