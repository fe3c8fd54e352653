"""Declare the two sender/recipient indexes that 0004 created with SQL, so Django knows them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("innsyn", "0004_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="korrespondansepart",
                    index=models.Index(
                        condition=models.Q(("is_person", True)), fields=["namn_key"], name="innsyn_part_person_namn"
                    ),
                ),
                migrations.AddIndex(
                    model_name="korrespondansepart",
                    index=models.Index(fields=["journalpost", "parttype"], name="innsyn_part_entry_kind"),
                ),
            ],
        ),
    ]
