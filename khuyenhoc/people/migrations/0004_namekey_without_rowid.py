"""SQLite: keep person name keys in a WITHOUT ROWID table, clustered on its primary key (person, key).

A rowid table with a composite primary key is three B-trees per row (the rows, the key's index, the search
index); WITHOUT ROWID makes the primary key the table itself, so each of the ~3 keys a person has costs two
B-tree inserts instead of three — imports write millions of them. PostgreSQL has no such choice (heap plus
indexes) and is left as it is. Django does not know the table option: a later migration that rebuilds this
table on SQLite must keep it (a test checks it is there).
"""

from django.db import migrations

TABLE = "people_personnamekey"
CREATE = (
    f'CREATE TABLE "{TABLE}" ("key" varchar(128) NOT NULL, "org_path" varchar(255) NOT NULL, '
    f'"person_id" bigint NOT NULL, PRIMARY KEY ("person_id", "key")) WITHOUT ROWID'
)
INDEX = f'CREATE INDEX "personnamekey_search" ON "{TABLE}" ("key", "person_id", "org_path")'


def rebuild(apps, schema_editor, *, create=CREATE):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{TABLE}" RENAME TO "{TABLE}_old"')
        cursor.execute(create)
        cursor.execute(
            f'INSERT INTO "{TABLE}" ("key", "org_path", "person_id") '
            f'SELECT "key", "org_path", "person_id" FROM "{TABLE}_old"'
        )
        cursor.execute(f'DROP TABLE "{TABLE}_old"')  # drops its index too
        cursor.execute(INDEX)


def back(apps, schema_editor):
    rebuild(apps, schema_editor, create=CREATE.removesuffix(" WITHOUT ROWID"))


class Migration(migrations.Migration):
    dependencies = [("people", "0003_namekey_composite_key_history_indexes")]
    operations = [migrations.RunPython(rebuild, back)]
