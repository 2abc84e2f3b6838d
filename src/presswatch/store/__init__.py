"""Storage: SQLAlchemy 2 tables (one module per aggregate) and Alembic migrations."""
