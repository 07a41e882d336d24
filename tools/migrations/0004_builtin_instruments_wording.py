"""Clearer choices in the comprehensive assessment ("One person", "Two or three people"…):
a new version of a built-in instrument where its definition changed; assessments keep theirs."""

from django.db import migrations

from tools import builtin


def forwards(apps, schema_editor):
    builtin.install(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0003_builtin_instruments_and_catalogue"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
