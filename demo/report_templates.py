"""The demo programs' report templates, in each program's language. The first-visit template
follows seed 002: organising the dwelling; shopping and the budget (how much money there is and
the priorities); harm reduction explained."""

FIRST_VISIT = {
    "en": {
        "name": "First visit in the new home",
        "sections": [
            (
                "Organising the home",
                [
                    (
                        "home_state",
                        "How is the home organised? What is still missing?",
                        "text",
                        True,
                    ),
                    (
                        "furniture",
                        "What is needed",
                        "checklist",
                        ["Bed", "Table and chairs", "Kitchen things", "Bedding", "Curtains"],
                    ),
                    ("feels_safe", "Does the person feel safe in the home?", "yesno", True),
                ],
            ),
            (
                "Shopping and the budget",
                [
                    ("money", "How much money is there until the next payment?", "text", True),
                    (
                        "priorities",
                        "The person's priorities",
                        "checklist",
                        ["Food", "Rent", "Phone", "Transport", "Medicine", "Debts"],
                    ),
                    ("budget_made", "Budget made together?", "yesno", True),
                ],
            ),
            (
                "Harm reduction",
                [
                    ("harm_reduction", "Harm reduction explained?", "yesno", True),
                    ("person_view", "What the person said, in their own words", "text", False),
                ],
            ),
            (
                "Next steps",
                [
                    (
                        "wellbeing",
                        "How does the person feel today? (1 = very bad, 5 = very good)",
                        "scale",
                        False,
                    ),
                    ("next_visit", "What we agreed for the next visit", "text", False),
                ],
            ),
        ],
    },
    "fr": {
        "name": "Première visite dans le nouveau logement",
        "sections": [
            (
                "Aménager le logement",
                [
                    (
                        "home_state",
                        "Comment le logement est-il organisé? Que manque-t-il encore?",
                        "text",
                        True,
                    ),
                    (
                        "furniture",
                        "Ce qu'il faut",
                        "checklist",
                        ["Lit", "Table et chaises", "Articles de cuisine", "Literie", "Rideaux"],
                    ),
                    (
                        "feels_safe",
                        "La personne se sent-elle en sécurité chez elle?",
                        "yesno",
                        True,
                    ),
                ],
            ),
            (
                "L'épicerie et le budget",
                [
                    (
                        "money",
                        "Combien d'argent reste-t-il jusqu'au prochain versement?",
                        "text",
                        True,
                    ),
                    (
                        "priorities",
                        "Les priorités de la personne",
                        "checklist",
                        ["Nourriture", "Loyer", "Téléphone", "Transport", "Médicaments", "Dettes"],
                    ),
                    ("budget_made", "Budget fait ensemble?", "yesno", True),
                ],
            ),
            (
                "Réduction des méfaits",
                [
                    ("harm_reduction", "Réduction des méfaits expliquée?", "yesno", True),
                    ("person_view", "Ce que la personne en a dit, dans ses mots", "text", False),
                ],
            ),
            (
                "Prochaines étapes",
                [
                    (
                        "wellbeing",
                        "Comment la personne se sent-elle aujourd'hui? (1 = très mal, "
                        "5 = très bien)",
                        "scale",
                        False,
                    ),
                    ("next_visit", "Ce qu'on a convenu pour la prochaine visite", "text", False),
                ],
            ),
        ],
    },
    "da": {
        "name": "Første besøg i den nye bolig",
        "sections": [
            (
                "Indretning af boligen",
                [
                    (
                        "home_state",
                        "Hvordan er boligen indrettet? Hvad mangler der stadig?",
                        "text",
                        True,
                    ),
                    (
                        "furniture",
                        "Det er der brug for",
                        "checklist",
                        ["Seng", "Bord og stole", "Køkkenting", "Sengetøj", "Gardiner"],
                    ),
                    ("feels_safe", "Føler borgeren sig tryg i boligen?", "yesno", True),
                ],
            ),
            (
                "Indkøb og budget",
                [
                    ("money", "Hvor mange penge er der til næste udbetaling?", "text", True),
                    (
                        "priorities",
                        "Borgerens prioriteter",
                        "checklist",
                        ["Mad", "Husleje", "Telefon", "Transport", "Medicin", "Gæld"],
                    ),
                    ("budget_made", "Budget lagt sammen?", "yesno", True),
                ],
            ),
            (
                "Skadesreduktion",
                [
                    ("harm_reduction", "Skadesreduktion forklaret?", "yesno", True),
                    ("person_view", "Hvad borgeren sagde, med egne ord", "text", False),
                ],
            ),
            (
                "Næste skridt",
                [
                    (
                        "wellbeing",
                        "Hvordan har borgeren det i dag? (1 = meget dårligt, 5 = meget godt)",
                        "scale",
                        False,
                    ),
                    ("next_visit", "Det aftalte vi til næste besøg", "text", False),
                ],
            ),
        ],
    },
    "pt-br": {
        "name": "Primeira visita na nova moradia",
        "sections": [
            (
                "Organização da moradia",
                [
                    (
                        "home_state",
                        "Como está organizada a moradia? O que ainda falta?",
                        "text",
                        True,
                    ),
                    (
                        "furniture",
                        "O que é preciso",
                        "checklist",
                        [
                            "Cama",
                            "Mesa e cadeiras",
                            "Utensílios de cozinha",
                            "Roupa de cama",
                            "Cortinas",
                        ],
                    ),
                    ("feels_safe", "A pessoa se sente segura na moradia?", "yesno", True),
                ],
            ),
            (
                "Compras do mercado e orçamento",
                [
                    ("money", "Quanto dinheiro há até o próximo pagamento?", "text", True),
                    (
                        "priorities",
                        "As prioridades da pessoa",
                        "checklist",
                        ["Alimentação", "Aluguel", "Celular", "Transporte", "Remédios", "Dívidas"],
                    ),
                    ("budget_made", "Orçamento feito juntos?", "yesno", True),
                ],
            ),
            (
                "Redução de danos",
                [
                    ("harm_reduction", "Redução de danos explicada?", "yesno", True),
                    ("person_view", "O que a pessoa disse, com as palavras dela", "text", False),
                ],
            ),
            (
                "Próximos passos",
                [
                    (
                        "wellbeing",
                        "Como a pessoa se sente hoje? (1 = muito mal, 5 = muito bem)",
                        "scale",
                        False,
                    ),
                    ("next_visit", "O que combinamos para a próxima visita", "text", False),
                ],
            ),
        ],
    },
}

VISIT = {
    "en": (
        "Home visit",
        [
            (
                "How things are",
                [
                    ("wellbeing", "How does the person feel today? (1–5)", "scale", True),
                    ("what_happened", "What happened since the last visit", "text", True),
                    ("home", "The home", "choice", ["Going well", "Some problems", "At risk"]),
                    ("agreed", "What we agreed", "text", False),
                ],
            )
        ],
    ),
    "fr": (
        "Visite à domicile",
        [
            (
                "Comment ça va",
                [
                    (
                        "wellbeing",
                        "Comment la personne se sent-elle aujourd'hui? (1–5)",
                        "scale",
                        True,
                    ),
                    ("what_happened", "Ce qui s'est passé depuis la dernière visite", "text", True),
                    (
                        "home",
                        "Le logement",
                        "choice",
                        ["Ça va bien", "Quelques difficultés", "À risque"],
                    ),
                    ("agreed", "Ce qu'on a convenu", "text", False),
                ],
            )
        ],
    ),
    "da": (
        "Hjemmebesøg",
        [
            (
                "Hvordan det går",
                [
                    ("wellbeing", "Hvordan har borgeren det i dag? (1–5)", "scale", True),
                    ("what_happened", "Hvad der er sket siden sidste besøg", "text", True),
                    ("home", "Boligen", "choice", ["Går godt", "Nogle problemer", "I risiko"]),
                    ("agreed", "Det aftalte vi", "text", False),
                ],
            )
        ],
    ),
    "pt-br": (
        "Visita domiciliar",
        [
            (
                "Como vão as coisas",
                [
                    ("wellbeing", "Como a pessoa se sente hoje? (1–5)", "scale", True),
                    ("what_happened", "O que aconteceu desde a última visita", "text", True),
                    (
                        "home",
                        "A moradia",
                        "choice",
                        ["Vai bem", "Algumas dificuldades", "Em risco"],
                    ),
                    ("agreed", "O que combinamos", "text", False),
                ],
            )
        ],
    ),
}


def _field(key, label, kind, extra):
    field = {"key": key, "label": label, "type": kind}
    if isinstance(extra, list):
        field["choices"] = extra
    else:
        field["required"] = bool(extra)
    return field


def definition(sections) -> dict:
    return {
        "sections": [
            {"title": title, "fields": [_field(*spec) for spec in fields]}
            for title, fields in sections
        ]
    }
