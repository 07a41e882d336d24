# The ICU collations hearth.collation.by_name sorts names with on PostgreSQL (issue 12 §7).
# On SQLite the operations do nothing: hearth.collation registers the same names on each
# connection.
from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        CreateCollation("hearth-en", provider="icu", locale="en"),
        CreateCollation("hearth-fr", provider="icu", locale="fr"),
        CreateCollation("hearth-da", provider="icu", locale="da"),
        CreateCollation("hearth-pt-br", provider="icu", locale="pt-BR"),
    ]
