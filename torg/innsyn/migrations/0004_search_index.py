# The journal's full-text index in the database: FTS5 on SQLite, a tsvector column with a GIN
# index on PostgreSQL, each kept in step by triggers (torg.innsyn.search_index). Other
# databases get nothing; the search then reads the tables (slower, same results).

from django.db import migrations


def install(apps, schema_editor):
    from torg.innsyn import search_index

    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from torg.innsyn import search_index

    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("innsyn", "0003_handling"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
