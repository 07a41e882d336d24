"""Hearth's built-in instruments (life-areas scale, comprehensive assessment) and its
catalogue of risk and protection factors, worded in English and translated by the catalogs."""

from django.db import migrations

from tools import builtin, catalogue


def forwards(apps, schema_editor):
    builtin.install(apps)
    catalogue.install(apps)


def backwards(apps, schema_editor):
    catalogue.uninstall(apps)
    builtin.uninstall(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0002_instruments_and_assessments"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
