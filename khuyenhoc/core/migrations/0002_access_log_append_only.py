"""The access log refuses UPDATE (and, on PostgreSQL, DELETE) in the database itself, whoever connects.

SQLite keeps DELETE possible because Django's test flush empties tables with DELETE; on PostgreSQL the
flush uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER access_record_no_update BEFORE UPDATE ON core_accessrecord
    BEGIN SELECT RAISE(ABORT, 'Nhật ký truy cập không được sửa.'); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS access_record_no_update"]
POSTGRES = [
    """CREATE FUNCTION core_access_record_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'Nhật ký truy cập không được sửa hay xoá.'; END $$""",
    """CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE ON core_accessrecord
    FOR EACH ROW EXECUTE FUNCTION core_access_record_refuse()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS access_record_append_only ON core_accessrecord",
    "DROP FUNCTION IF EXISTS core_access_record_refuse()",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_access_log")]
    operations = [migrations.RunPython(forwards, backwards)]
