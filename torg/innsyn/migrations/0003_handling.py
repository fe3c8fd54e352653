from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("innsyn", "0002_innsynskrav_innsynskravdel"),
    ]

    operations: list[migrations.operations.base.Operation] = []
