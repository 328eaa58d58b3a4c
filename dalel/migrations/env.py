from alembic import context
from sqlmodel import SQLModel

from dalel.migrations.models import import_models

import_models()
target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")

if connection is None:  # pragma: no cover - only for `alembic` run by hand
    from dalel.db import make_engine
    from dalel.settings import get_settings

    engine = make_engine(get_settings().effective_database_url)
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
