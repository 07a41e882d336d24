"""Demo documents (issue 12 §8): in each program, one person received the information sheet on
their rights, kept among their documents, and acknowledged it by signing on the worker's phone
— so the documents list shows an acknowledgement and its signed copy. One per program keeps
the demo quick (each signed copy is a small PDF)."""

import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.acknowledging import acknowledge
from documents.models import Acknowledgement, AcknowledgementStatement, DocumentKind
from documents.storing import store_upload
from hearth.signatures import drawn_signature
from reports.pdf import BODY, H1, _build, _p

SHEET = {
    "en": (
        "Your rights in the program",
        [
            "You choose your goals and your own pace. Support does not depend on treatment or "
            "sobriety.",
            "Nothing about you is shared without your consent, and you can withdraw it.",
            "You may read what we write about you, and ask us to correct it.",
        ],
    ),
    "fr": (
        "Vos droits dans le programme",
        [
            "Vous choisissez vos objectifs et votre rythme. Le soutien ne dépend ni d'un "
            "traitement ni de l'abstinence.",
            "Rien sur vous n'est partagé sans votre consentement, et vous pouvez le retirer.",
            "Vous pouvez lire ce que nous écrivons sur vous et demander une correction.",
        ],
    ),
    "da": (
        "Dine rettigheder i forløbet",
        [
            "Du vælger dine mål og dit tempo. Støtten afhænger ikke af behandling eller "
            "ædruelighed.",
            "Intet om dig deles uden dit samtykke, og du kan trække det tilbage.",
            "Du må læse, hvad vi skriver om dig, og bede os rette det.",
        ],
    ),
    "pt-br": (
        "Seus direitos no programa",
        [
            "Você escolhe seus objetivos e seu ritmo. O apoio não depende de tratamento nem de "
            "abstinência.",
            "Nada sobre você é compartilhado sem o seu consentimento, e você pode retirá-lo.",
            "Você pode ler o que escrevemos sobre você e pedir uma correção.",
        ],
    ),
}


def rights_sheet_pdf(language: str) -> bytes:
    title, lines = SHEET.get(language, SHEET["en"])
    return _build([_p(title, H1), *(_p(line, BODY) for line in lines)], title)


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    program = case.program
    if Acknowledgement.objects.filter(document__case__program=program).exists():
        return
    title = SHEET.get(language, SHEET["en"])[0]
    sheet = store_upload(
        SimpleUploadedFile("rights.pdf", rights_sheet_pdf(language)),
        person=case.person,
        case=case,
        kind=DocumentKind.RIGHTS_INFO,
        title=title,
        by=by,
    )
    acknowledge(
        sheet,
        by=by,
        statement=AcknowledgementStatement.READ,
        given_on=timezone.localdate(),  # signed on the screen: given now, like the sheet kept
        expected_version=sheet.version,
        signature=drawn_signature(rnd),
    )
