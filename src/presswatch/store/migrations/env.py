"""Alembic environment: the URL comes from the Config built by ``store.migrate``."""

from __future__ import annotations

from alembic import context

from presswatch.store.base import make_engine
from presswatch.store.tables import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
