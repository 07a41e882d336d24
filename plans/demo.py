"""Demo plans (issue 4): for one case, two or three goals in the person's own words (the first
from their wishes, hopes and dreams), made SMART, linked to the framework's factors when there
are any, with steps for the person, the case manager, the monitoring agent (São Paulo) or the
ACT team, and partners. Two versions: the first signed on the screen, the second made at a
review (with the closure indicators) and agreed aloud before a witness."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.models import ReadinessRecord
from hearth.signatures import AgreementWay, drawn_signature
from plans.models import (
    ActionStep,
    Goal,
    GoalStatus,
    OwnerKind,
    Plan,
    PlanVersion,
    StepStatus,
)
from plans.workflow import GoalReview, plan_for, record_agreement, review, save_version
from programs.models import Membership, ServiceModel
from programs.roles import Role
from tools.models import Factor, FactorKind

# Per language: the goals (own words, what exactly, how we will know, time frame the person
# chose or ""), and the steps (owner, text, status) of each; then the review's words.
TEXT = {
    "en": {
        "hopes": (
            "Take one small step towards it each month, chosen together at the visit.",
            "They tell us they are closer, and we write down what changed.",
        ),
        "goals": [
            (
                "housing",
                "I want to keep this place. I'm not going back to the street.",
                "Rent paid every month, straight from the benefit, and the place kept the "
                "way I like it.",
                "No letter about arrears; the landlord says hello in the hallway.",
                "",
            ),
            (
                "finances",
                "I want some money left at the end of the month, even twenty bucks.",
                "A simple budget on the fridge, and the phone bill on a cheaper plan.",
                "On the last day of the month there is still something in the account.",
                "Before Christmas — I said so myself.",
            ),
        ],
        "steps": [
            [
                ("person", "Pay the rent on the day the cheque comes in.", "in_progress"),
                ("case_manager", "Set up direct rent payment with Ontario Works.", "done"),
                ("partner", "Ask about the fridge repair.", "to_do", "The landlord"),
            ],
            [
                ("person", "Keep the grocery receipts for two weeks.", "in_progress"),
                ("team", "Sit down together with the receipts and make the budget.", "to_do"),
                ("partner", "Ask about a cheaper phone plan.", "to_do", "The phone company"),
            ],
        ],
        "hopes_steps": [
            ("person", "Say what the first step is, in my own time.", "in_progress"),
            ("team", "Find out what it costs and who can help.", "in_progress"),
        ],
        "progress": [
            "Rent paid three months in a row. Proud of it.",
            "Two weeks of receipts kept; the budget is half done.",
            "Talked about it a lot; the first step is clearer now.",
        ],
        "review_note": "A good three months. Wants to keep the same rhythm.",
        "ready_words": "Not yet. I like knowing you'll come by.",
        "almost_ready_words": "I think I'm almost ready. I have my routine now.",
        "witness": "Tenant support worker present at the visit",
    },
    "fr": {
        "hopes": (
            "Faire un petit pas vers ça chaque mois, choisi ensemble pendant la visite.",
            "La personne nous dit que ça avance; on note ce qui a changé.",
        ),
        "goals": [
            (
                "housing",
                "Je veux garder mon logement. Je retourne pas dans la rue.",
                "Le loyer payé chaque mois, directement depuis l'aide sociale, et le logement "
                "entretenu à ma façon.",
                "Pas de lettre pour retard de loyer; le propriétaire me dit bonjour.",
                "",
            ),
            (
                "finances",
                "Je veux qu'il me reste un peu d'argent à la fin du mois, même vingt piasses.",
                "Un budget simple sur le frigo, et un forfait de téléphone moins cher.",
                "Le dernier jour du mois, il reste quelque chose dans le compte.",
                "Avant Noël — c'est moi qui l'ai dit.",
            ),
        ],
        "steps": [
            [
                ("person", "Payer le loyer le jour où le chèque arrive.", "in_progress"),
                ("case_manager", "Organiser le paiement direct du loyer.", "done"),
                ("partner", "Demander la réparation du frigo.", "to_do", "Le propriétaire"),
            ],
            [
                ("person", "Garder les factures d'épicerie pendant deux semaines.", "in_progress"),
                ("team", "Faire le budget ensemble avec les factures.", "to_do"),
                ("partner", "Changer de forfait de téléphone.", "to_do", "CLSC des Faubourgs"),
            ],
        ],
        "hopes_steps": [
            ("person", "Dire quel est le premier pas, à mon rythme.", "in_progress"),
            ("team", "Voir combien ça coûte et qui peut aider.", "in_progress"),
        ],
        "progress": [
            "Loyer payé trois mois de suite. Toute une fierté.",
            "Deux semaines de factures gardées; le budget est à moitié fait.",
            "On en a beaucoup parlé; le premier pas est plus clair.",
        ],
        "review_note": "Trois bons mois. Veut garder le même rythme.",
        "ready_words": "Pas encore. J'aime savoir que vous passez.",
        "almost_ready_words": "Je pense que c'est bientôt le moment. J'ai ma routine maintenant.",
        "witness": "Intervenante du Centre-Sud présente à la visite",
    },
    "da": {
        "hopes": (
            "Tage et lille skridt hen imod det hver måned, som vi vælger sammen ved besøget.",
            "Borgeren fortæller, at det nærmer sig, og vi skriver ned, hvad der har ændret sig.",
        ),
        "goals": [
            (
                "housing",
                "Jeg vil blive boende her. Jeg skal ikke tilbage på gaden.",
                "Huslejen betalt hver måned via pengene fra kommunen, og lejligheden holdt, "
                "som jeg kan lide den.",
                "Intet rykkerbrev; viceværten siger hej på trappen.",
                "",
            ),
            (
                "finances",
                "Jeg vil have lidt penge tilbage sidst på måneden, bare et par hundrede.",
                "Et enkelt budget på køleskabet og et billigere mobilabonnement.",
                "Den sidste dag i måneden er der stadig noget på kontoen.",
                "Inden jul — det har jeg selv sagt.",
            ),
        ],
        "steps": [
            [
                ("person", "Betale huslejen samme dag, som pengene kommer.", "in_progress"),
                ("case_manager", "Få huslejen trukket direkte fra ydelsen.", "done"),
                ("partner", "Spørge om reparation af køleskabet.", "to_do", "Boligselskabet"),
            ],
            [
                ("person", "Gemme kvitteringerne fra indkøb i to uger.", "in_progress"),
                ("team", "Lave budgettet sammen ud fra kvitteringerne.", "to_do"),
                ("partner", "Skifte mobilabonnement.", "to_do", "Borgerservice"),
            ],
        ],
        "hopes_steps": [
            ("person", "Sige, hvad det første skridt er, i mit eget tempo.", "in_progress"),
            ("team", "Undersøge, hvad det koster, og hvem der kan hjælpe.", "in_progress"),
        ],
        "progress": [
            "Huslejen betalt tre måneder i træk. Stolt af det.",
            "To ugers kvitteringer gemt; budgettet er halvt færdigt.",
            "Vi har talt meget om det; det første skridt er tydeligere nu.",
        ],
        "review_note": "Tre gode måneder. Vil gerne fortsætte i samme rytme.",
        "ready_words": "Ikke endnu. Det er rart at vide, at I kommer forbi.",
        "almost_ready_words": "Jeg tror, jeg er næsten klar. Jeg har fået min hverdag på plads.",
        "witness": "Bostøtte fra kommunen, til stede ved besøget",
    },
    "pt-br": {
        "hopes": (
            "Dar um passo pequeno nessa direção a cada mês, escolhido juntos na visita.",
            "A pessoa conta que está mais perto, e a gente anota o que mudou.",
        ),
        "goals": [
            (
                "housing",
                "Quero ficar na minha casa. Pra rua eu não volto.",
                "Aluguel pago todo mês, direto do benefício, e a casa cuidada do meu jeito.",
                "Nenhum aviso de atraso; o vizinho e o proprietário cumprimentam.",
                "",
            ),
            (
                "finances",
                "Quero que sobre um dinheirinho no fim do mês, nem que seja vinte reais.",
                "Um orçamento simples na geladeira e um plano de celular mais barato.",
                "No último dia do mês ainda tem alguma coisa na conta.",
                "Antes do Natal — fui eu que falei.",
            ),
        ],
        "steps": [
            [
                ("person", "Pagar o aluguel no dia em que o benefício cai.", "in_progress"),
                ("case_manager", "Organizar o pagamento direto do aluguel.", "done"),
                ("partner", "Pedir o conserto da geladeira.", "to_do", "O proprietário"),
            ],
            [
                ("person", "Guardar as notas do mercado por duas semanas.", "in_progress"),
                ("team", "Fazer o orçamento juntos com as notas.", "to_do"),
                ("partner", "Atualizar o CadÚnico.", "to_do", "CRAS Sé"),
            ],
        ],
        "hopes_steps": [
            ("person", "Dizer qual é o primeiro passo, no meu tempo.", "in_progress"),
            ("team", "Ver quanto custa e quem pode ajudar.", "in_progress"),
        ],
        "progress": [
            "Aluguel pago três meses seguidos. Motivo de orgulho.",
            "Duas semanas de notas guardadas; o orçamento está pela metade.",
            "Conversamos bastante; o primeiro passo está mais claro.",
        ],
        "review_note": "Três meses bons. Quer manter o mesmo ritmo.",
        "ready_words": "Ainda não. Gosto de saber que vocês vêm.",
        "almost_ready_words": "Acho que já está quase na hora. Agora tenho minha rotina.",
        "witness": "Agente de acompanhamento presente na visita",
    },
}


def _first_sentence(text: str) -> str:
    for end in (". ", "! ", "? "):
        if end in text:
            return text.split(end)[0] + end.strip()
    return text.strip()


def _team(case) -> dict:
    members = list(
        Membership.objects.active()
        .filter(team_id=case.team_id)
        .select_related("user")
        .order_by("user__first_name")
    )
    by_role: dict = {}
    for m in members:
        by_role.setdefault(m.role, []).append(m.user)
    return {"members": [m.user for m in members], "by_role": by_role}


def _owner(kind: str, case, team: dict, index: int) -> tuple[str, object]:
    """Who owns a step: in São Paulo the monitoring agent works beside the case manager; in an
    ACT team the team shares the work; elsewhere the case manager."""
    if kind == "person":
        return OwnerKind.PERSON, None
    agents = team["by_role"].get(Role.MONITORING_AGENT, [])
    is_act = case.program.model == ServiceModel.ACT
    if kind == "team":
        if agents:
            return OwnerKind.MONITORING_AGENT, agents[index % len(agents)]
        others = [u for u in team["members"] if u != case.primary_worker]
        if is_act and others:
            return OwnerKind.TEAM_MEMBER, others[index % len(others)]
        return OwnerKind.CASE_MANAGER, case.primary_worker
    if is_act:
        return OwnerKind.TEAM_MEMBER, case.primary_worker or team["members"][0]
    return OwnerKind.CASE_MANAGER, case.primary_worker


def _factor_for(factors: list[Factor], kind: str, area: str) -> list[Factor]:
    same_area = [f for f in factors if f.kind == kind and f.area == area]
    return same_area[:1] or [f for f in factors if f.kind == kind][:1]


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    if Plan.objects.filter(case=case).exists():
        return
    text = TEXT.get(language, TEXT["en"])
    team = _team(case)
    factors = list(Factor.objects.filter(case=case).current(on=today))
    plan = plan_for(case, by=by)
    plan.review_interval_days = 90
    plan.save(update_fields=["review_interval_days"])

    # (goal, its steps, the progress noted at the review)
    goals_spec = []
    if case.hopes:
        what, how = text["hopes"]
        goal = ("daily_activities", _first_sentence(case.hopes), what, how, "")
        goals_spec.append((goal, text["hopes_steps"], text["progress"][2]))
    goals_spec += list(zip(text["goals"], text["steps"], text["progress"][:2], strict=True))
    goals_spec = goals_spec[: rnd.choice([2, 3])]
    goals = []
    for order, ((area, words, what, how, when), steps, progress) in enumerate(goals_spec):
        goal = Goal.objects.create(
            plan=plan,
            own_words=words,
            what_exactly=what,
            how_we_will_know=how,
            life_area=area,
            time_frame=when,
            order=order,
            created_by=by,
        )
        goal.barriers.set(_factor_for(factors, FactorKind.RISK, area))
        goal.strengths.set(_factor_for(factors, FactorKind.PROTECTION, area))
        for index, (kind, description, status, *partner) in enumerate(steps):
            owner_kind, user = (
                (OwnerKind.PARTNER, None) if kind == "partner" else _owner(kind, case, team, index)
            )
            ActionStep.objects.create(
                goal=goal,
                description=description,
                owner_kind=owner_kind,
                owner_user=user,
                partner_name=partner[0] if partner else "",
                # The first version had every step still to do or under way.
                status=StepStatus.IN_PROGRESS if status == StepStatus.DONE else status,
                order=index,
                updated_by=by,
            )
        goals.append((goal, steps, progress))

    # Version 1: written together about three months ago (never before the case opened, and
    # a closed case's plan before its closure), signed on the phone's screen.
    end = case.closed_on or today
    first_on = max(case.opened_on, end - timedelta(days=95))
    review_on = max(first_on, end - timedelta(days=5))
    first = save_version(plan, by=case.primary_worker or by)
    record_agreement(
        first,
        way=AgreementWay.SIGNED_SCREEN,
        signature=drawn_signature(rnd),
        agreed_on=first_on,
        by=case.primary_worker or by,
    )
    # Since then, some steps got done.
    for goal, steps, _progress in goals:
        for step, (_kind, _description, status, *_partner) in zip(
            goal.steps.order_by("order"), steps, strict=True
        ):
            if status == StepStatus.DONE:
                step.status = StepStatus.DONE
                step.version += 1
                step.save(update_fields=["status", "version"])

    # Version 2: the review at the interval the person chose, with the closure indicators.
    plan.refresh_from_db()
    second = review(
        plan,
        by=case.primary_worker or by,
        on=review_on,
        goals=[
            GoalReview(
                goal_id=goal.pk, version=goal.version, status=GoalStatus.OPEN, progress=progress
            )
            for goal, _steps, progress in goals
        ],
        readiness=ReadinessRecord(
            # A case closed since was already close to ready at its last review.
            feels_ready="unsure" if case.closed_on else "not_yet",
            person_words=text["almost_ready_words" if case.closed_on else "ready_words"],
            income=rnd.choice(["improving", "stable"]),
            social_support=rnd.choice(["some", "weak"]),
            substances=rnd.choice(["managing", "harm_reduction", "not_a_concern"]),
        ),
        note=text["review_note"],
        interval_days=90,
        expected_version=plan.version,
    )
    witness = case.backup_worker or next(
        (u for u in team["members"] if u != case.primary_worker), None
    )
    record_agreement(
        second,
        way=AgreementWay.AGREED_ALOUD,
        witness=witness.get_full_name() if witness else text["witness"],
        agreed_on=review_on,
        by=case.primary_worker or by,
    )

    # The demo's past: the plan and its versions date from the days they were made.
    def at(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(10, 30)))

    Plan.objects.filter(pk=plan.pk).update(created_at=at(first_on))
    PlanVersion.objects.filter(pk=first.pk).update(created_at=at(first_on))
    PlanVersion.objects.filter(pk=second.pk).update(created_at=at(review_on))
