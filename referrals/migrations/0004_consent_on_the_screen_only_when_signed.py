# Issue 12 §8: "signed on the screen" is a fact — the signature and its signed copy — never a
# choice. Apart from 0002 so that PostgreSQL never alters a table with pending trigger events.

import django.utils.timezone
from django.db import migrations, models

# Before issue 12 §8 the consent page offered "signed on the screen" as a choice, with no pad:
# no signature was ever captured. Such a consent is kept, as signed on paper (the worker
# vouched for a signature, not for a drawing Hearth holds), and the change is written into the
# consent's history with its reason, so that it shows and can be undone.
SCREEN, PAPER = "signed_screen", "signed_paper"
REASON = "Signed on the screen, no signature kept: signed on paper (issue 12 §8)"


def screen_claims_without_signature_to_paper(apps, schema_editor):
    Consent = apps.get_model("referrals", "Consent")
    History = apps.get_model("referrals", "HistoricalConsent")
    copied = [f.attname for f in History._meta.fields if not f.name.startswith("history_")]
    now = django.utils.timezone.now()
    for consent in Consent.objects.filter(given_how=SCREEN, signature=""):
        consent.given_how = PAPER
        consent.save(update_fields=["given_how"])
        History.objects.create(
            **{name: getattr(consent, name) for name in copied},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


def paper_back_to_screen_claims(apps, schema_editor):
    Consent = apps.get_model("referrals", "Consent")
    History = apps.get_model("referrals", "HistoricalConsent")
    changed = History.objects.filter(history_change_reason=REASON)
    Consent.objects.filter(pk__in=changed.values("id")).update(given_how=SCREEN)
    changed.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0003_consent_signature_and_signed_copy'),
    ]

    operations = [
        migrations.RunPython(
            screen_claims_without_signature_to_paper, paper_back_to_screen_claims
        ),
        migrations.AddConstraint(
            model_name='consent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('given_how', 'signed_screen'), models.Q(('signature', ''), _negated=True), ('signed_copy__isnull', False)), models.Q(models.Q(('given_how', 'signed_screen'), _negated=True), ('signature', ''), ('signed_copy__isnull', True)), _connector='OR'), name='consent_signed_on_screen_iff_signed', violation_error_message="Signed on the screen exactly when the person's signature and its signed copy are kept."),
        ),
    ]
