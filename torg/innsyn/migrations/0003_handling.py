# The case handler's side of access requests: decision, legal basis, meirinnsyn, reasoning,
# who and when, the redacted copy, escalation and presumed refusal (torg.innsyn.handling).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import torg.innsyn.requests


class Migration(migrations.Migration):
    dependencies = [
        ("innsyn", "0002_innsynskrav_innsynskravdel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="innsynskravdel",
            options={
                "permissions": [("handle_all_innsynskrav", "Can handle access requests in every service area")],
                "verbose_name": "access request part",
                "verbose_name_plural": "access request parts",
            },
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="basis",
            field=models.CharField(
                blank=True,
                choices=[
                    ("13-1", "§ 13: duty of confidentiality, personal matters (forvaltningslova § 13)"),
                    ("13-2", "§ 13: duty of confidentiality, business secrets (forvaltningslova § 13)"),
                    ("13", "§ 13: duty of confidentiality in another law"),
                    ("14", "§ 14: internal document"),
                    ("15", "§ 15: document obtained for internal preparation"),
                    ("16", "§ 16: internal document in the municipality"),
                    ("18", "§ 18: court case"),
                    ("20", "§ 20: foreign policy"),
                    ("21", "§ 21: national security and defence"),
                    ("23", "§ 23: negotiations, finances, pay and staff"),
                    ("24", "§ 24: inspections and breaches of the law"),
                    ("25", "§ 25: hiring and staff matters"),
                    ("26", "§ 26: exams, photos of persons, identity numbers"),
                ],
                max_length=20,
                verbose_name="legal basis",
            ),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="escalated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="deadline passed, leaders told"),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="meirinnsyn_considered",
            field=models.BooleanField(default=False, verbose_name="meirinnsyn (offentleglova § 11) considered"),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="presumed_refused_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="presumed refused (five working days)"),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="reasoning",
            field=models.TextField(blank=True, max_length=5000, verbose_name="reasoning"),
        ),
        migrations.AddField(
            model_name="innsynskravdel",
            name="redacted_file",
            field=models.FileField(
                blank=True,
                max_length=300,
                storage=torg.innsyn.requests._private_storage,
                upload_to="innsyn/kopi/%Y/%m/",
                verbose_name="copy sent to the requester",
            ),
        ),
        migrations.AddIndex(
            model_name="innsynskravdel",
            index=models.Index(fields=["decided_at"], name="innsyn_krav_avgjort"),
        ),
    ]
