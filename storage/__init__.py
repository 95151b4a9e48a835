"""Schema, migrations, queries and the bank-file importers."""
