"""Names already stored lose their bidirectional overrides and other invisible characters, as
new ones do (hearth.fields.NameField; issue 12 §2), so the lists and the duplicate matching read
them as they look. Only rows that change are written; the reverse leaves the cleaned names."""

from django.db import migrations

from hearth.validators import clean_name
from hearth.text import fold


def clean_names(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    HouseholdMember = apps.get_model("people", "HouseholdMember")
    fields = ("given_name", "family_name", "preferred_name")
    for person in Person.objects.only(*fields, "search_name").iterator():
        names = {field: clean_name(getattr(person, field)) for field in fields}
        search = fold(f"{names['given_name']} {names['family_name']} {names['preferred_name']}")
        if search != person.search_name or any(names[f] != getattr(person, f) for f in fields):
            Person.objects.filter(pk=person.pk).update(**names, search_name=search)
    for member in HouseholdMember.objects.only("name").iterator():
        if clean_name(member.name) != member.name:
            HouseholdMember.objects.filter(pk=member.pk).update(name=clean_name(member.name))


class Migration(migrations.Migration):
    dependencies = [("people", "0006_clean_names_text_limits_and_plausible_dates")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
