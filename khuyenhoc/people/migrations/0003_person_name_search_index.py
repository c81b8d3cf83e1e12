"""A substring index on persons' folded names: pg_trgm GIN on PostgreSQL, an FTS5 trigram table on SQLite.

Both serve "contains" searches ("van an" in "nguyen van an") from an index instead of a scan of every row.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE people_person_name_fts USING fts5("
    "name_key, content='people_person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER people_person_name_fts_ai AFTER INSERT ON people_person BEGIN "
    "INSERT INTO people_person_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
    "CREATE TRIGGER people_person_name_fts_ad AFTER DELETE ON people_person BEGIN "
    "INSERT INTO people_person_name_fts(people_person_name_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); END",
    "CREATE TRIGGER people_person_name_fts_au AFTER UPDATE OF name_key ON people_person BEGIN "
    "INSERT INTO people_person_name_fts(people_person_name_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); "
    "INSERT INTO people_person_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
    "INSERT INTO people_person_name_fts(people_person_name_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS people_person_name_fts_ai",
    "DROP TRIGGER IF EXISTS people_person_name_fts_ad",
    "DROP TRIGGER IF EXISTS people_person_name_fts_au",
    "DROP TABLE IF EXISTS people_person_name_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name_key gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS person_name_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0002_load_ethnicities")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
