"""Where deals and their history live: SQLAlchemy tables, migrations shipped in the package, and saves."""
