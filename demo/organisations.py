"""The four demo organisations: the range of Housing First programs Hearth serves.

An organisation holds programs, a program holds teams, a team holds its staff and its persons
(each person's ``team`` in ``data/<city>.json`` names one of the organisation's teams). Toronto
runs an ICM program of two teams and an ACT program, each program with its own manager, and
moves a stable person from ACT to ICM (R5); Copenhagen runs two ICM teams under one manager, so
a worker of one team does not see the other team's persons.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from programs.models import Country, Currency, ServiceModel
from programs.roles import Role

DEMO_PASSWORD = "hearth-demo"

ORGANISATIONS = [
    {
        "slug": "toronto",
        "name": "Toronto Housing First Collaborative",
        "country": Country.CANADA,
        "language": "en",
        "currency": Currency.CAD,
        "time_zone": "America/Toronto",
        "data": "toronto.json",
        "id_kind": "ca_sin",
        "data_administrator": ("tor.nadia", "Nadia", "Haddad"),
        "programs": [
            {
                "program": {
                    "name": "Streets to Homes ICM",
                    "model": ServiceModel.ICM,
                    "target_group": "Adults experiencing chronic homelessness with moderate "
                    "needs, able to use mainstream services with support.",
                    "approach": "One-on-one case management; brokering mainstream services the "
                    "person asks for; accompaniment to appointments; shared caseloads for "
                    "7 days × 12 hours coverage.",
                    "expected_effect": "Stable housing and a move to mainstream services when "
                    "the person is ready, sometimes within 12–16 months.",
                },
                "manager": ("tor.david", "David", "Thompson"),
                "teams": [
                    {
                        "key": "parkdale",
                        "name": "Parkdale ICM team",
                        "staff": [
                            ("tor.aisha", "Aisha", "Mohamed", Role.CASE_MANAGER),
                            ("tor.liam", "Liam", "O'Connor", Role.CASE_MANAGER),
                            ("tor.priya", "Priya", "Nair", Role.CASE_MANAGER),
                            ("tor.marcus", "Marcus", "Brown", Role.HOUSING_WORKER),
                            ("tor.grace", "Grace", "Chen", Role.TEAM_LEAD),
                        ],
                    },
                    {
                        "key": "scarborough",
                        "name": "Scarborough ICM team",
                        "staff": [
                            ("tor.kwame", "Kwame", "Boateng", Role.CASE_MANAGER),
                            ("tor.jasmine", "Jasmine", "Tran", Role.CASE_MANAGER),
                            ("tor.arjun", "Arjun", "Sivakumar", Role.CASE_MANAGER),
                            ("tor.shauna", "Shauna", "Reid", Role.TEAM_LEAD),
                        ],
                    },
                ],
            },
            {
                "program": {
                    "name": "Downtown East ACT",
                    "model": ServiceModel.ACT,
                    "target_group": "Adults experiencing homelessness with serious mental "
                    "illness and high needs, often with substance use, who cannot use "
                    "mainstream services on their own.",
                    "approach": "A multidisciplinary team that delivers the services itself, "
                    "at home and in the street, 24/7; a daily team meeting; peer support; a "
                    "planned transfer to ICM when the person is stable and ready.",
                    "expected_effect": "Stable housing (73% stably housed after a year in At "
                    "Home/Chez Soi) and recovery as the person sees it.",
                },
                "manager": ("tor.joanne", "Joanne", "Whitfield"),
                "teams": [
                    {
                        "key": "downtown-east",
                        "name": "Downtown East ACT team",
                        "staff": [
                            ("tor.farah", "Farah", "Siddiqui", Role.PSYCHIATRIST),
                            ("tor.joseph", "Joseph", "Oduya", Role.NURSE),
                            ("tor.dawn", "Dawn", "Beardy", Role.PEER_WORKER),
                            ("tor.daniel", "Daniel", "Kowalczyk", Role.SUBSTANCE_USE),
                            ("tor.keisha", "Keisha", "Francis", Role.HOUSING_WORKER),
                            ("tor.lucas", "Lucas", "Ferreira", Role.VOCATIONAL),
                            ("tor.michelle", "Michelle", "Baptiste", Role.TEAM_LEAD),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "montreal",
        "name": "Logement d'abord Montréal",
        "country": Country.CANADA,
        "language": "fr",
        "currency": Currency.CAD,
        "time_zone": "America/Toronto",
        "data": "montreal.json",
        "id_kind": "ca_sin",
        "data_administrator": ("mtl.nathalie", "Nathalie", "Gauthier"),
        "programs": [
            {
                "program": {
                    "name": "Suivi intensif dans le milieu (SIM) Centre-Sud",
                    "model": ServiceModel.ACT,
                    "target_group": "Personnes en situation d'itinérance aux prises avec de "
                    "graves problèmes de santé mentale ou de dépendance.",
                    "approach": "Équipe multidisciplinaire qui offre elle-même tous les "
                    "services, dans le milieu, 24 heures sur 24, 7 jours sur 7 ; réunion "
                    "d'équipe quotidienne ; soutien par les pairs.",
                    "expected_effect": "Stabilité résidentielle (73 % logés de façon stable "
                    "après un an dans Chez Soi) et rétablissement.",
                },
                "manager": None,
                "teams": [
                    {
                        "key": "centre-sud",
                        "name": "Équipe SIM Centre-Sud",
                        "staff": [
                            ("mtl.elise", "Élise", "Tremblay", Role.PSYCHIATRIST),
                            ("mtl.julien", "Julien", "Gagnon", Role.NURSE),
                            ("mtl.mathieu", "Mathieu", "Côté", Role.PEER_WORKER),
                            ("mtl.fatima", "Fatima", "Benali", Role.SUBSTANCE_USE),
                            ("mtl.sophie", "Sophie", "Lavoie", Role.HOUSING_WORKER),
                            ("mtl.jp", "Jean-Philippe", "Roy", Role.VOCATIONAL),
                            ("mtl.isabelle", "Isabelle", "Bouchard", Role.TEAM_LEAD),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "kobenhavn",
        "name": "Københavns Kommune — Housing First",
        "country": Country.DENMARK,
        "language": "da",
        "currency": Currency.DKK,
        "time_zone": "Europe/Copenhagen",
        "data": "copenhagen.json",
        "id_kind": "dk_cpr",
        "data_administrator": ("cph.karen", "Karen", "Mortensen"),
        "programs": [
            {
                "program": {
                    "name": "ICM-indsatsen København",
                    "model": ServiceModel.ICM,
                    "target_group": "Borgere med komplekse støttebehov i ustabil boligsituation.",
                    "approach": "Specialiseret støttemetode: en koordinerende støtteperson med "
                    "højst otte borgere; tager udgangspunkt i borgerens ønsker, håb og drømme.",
                    "expected_effect": "Bedre fastholdelse af bolig: otte til ni ud af ti "
                    "kommer ud af hjemløshed.",
                },
                "manager": ("cph.anne", "Anne", "Kristensen"),
                "teams": [
                    {
                        "key": "vesterbro",
                        "name": "ICM-teamet Vesterbro",
                        "staff": [
                            ("cph.mette", "Mette", "Jensen", Role.CASE_MANAGER),
                            ("cph.rasmus", "Rasmus", "Nielsen", Role.CASE_MANAGER),
                            ("cph.sara", "Sara", "Hansen", Role.CASE_MANAGER),
                            ("cph.lars", "Lars", "Pedersen", Role.TEAM_LEAD),
                        ],
                        # Mette holds nine persons: one above the Danish standard of eight,
                        # confirmed.
                        "overloaded": "cph.mette",
                    },
                    {
                        "key": "norrebro",
                        "name": "ICM-teamet Nørrebro",
                        "staff": [
                            ("cph.jonas", "Jonas", "Møller", Role.CASE_MANAGER),
                            ("cph.amira", "Amira", "Khalil", Role.CASE_MANAGER),
                            ("cph.freja", "Freja", "Lund", Role.CASE_MANAGER),
                            ("cph.henrik", "Henrik", "Skov", Role.TEAM_LEAD),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "saopaulo",
        "name": "Instituto Caminhos — Moradia Primeiro",
        "country": Country.BRAZIL,
        "language": "pt-br",
        "currency": Currency.BRL,
        "time_zone": "America/Sao_Paulo",
        "data": "saopaulo.json",
        "id_kind": "br_cpf",
        "data_administrator": ("sao.fernanda", "Fernanda", "Costa"),
        "programs": [
            {
                "program": {
                    "name": "Abrindo Portas",
                    "model": ServiceModel.ICM,
                    "target_group": "Pessoas com trajetória de rua, com acesso imediato à moradia.",
                    "approach": "Acompanhamento individualizado e guiado pela pessoa assistida: "
                    "gestor de caso e agente de acompanhamento, visitas semanais nos "
                    "primeiros meses, sem prazos.",
                    "expected_effect": "Manter a moradia de forma independente; integração "
                    "social e comunitária.",
                },
                "manager": None,
                "teams": [
                    {
                        "key": "centro",
                        "name": "Equipe Centro",
                        "staff": [
                            ("sao.ana", "Ana", "Souza", Role.CASE_MANAGER),
                            ("sao.juliana", "Juliana", "Santos", Role.CASE_MANAGER),
                            ("sao.carlos", "Carlos", "Oliveira", Role.MONITORING_AGENT),
                            ("sao.rafael", "Rafael", "Lima", Role.MONITORING_AGENT),
                            ("sao.beatriz", "Beatriz", "Almeida", Role.TEAM_LEAD),
                        ],
                    },
                ],
            },
        ],
    },
]


@dataclass(frozen=True)
class StaffSpec:
    """One demo sign-in and where it sits: ``program`` and ``team`` index into the spec
    (None: above them)."""

    username: str
    first_name: str
    last_name: str
    role: str
    program: int | None
    team: int | None


def staff_of(spec: dict) -> Iterator[StaffSpec]:
    """Everyone of an organisation, from the top down: each program's manager and teams, then
    the data administrator."""
    for p, program in enumerate(spec["programs"]):
        if program["manager"]:
            yield StaffSpec(*program["manager"], Role.PROGRAM_MANAGER, p, None)
        for t, team in enumerate(program["teams"]):
            for username, first, last, role in team["staff"]:
                yield StaffSpec(username, first, last, role, p, t)
    yield StaffSpec(*spec["data_administrator"], Role.DATA_ADMINISTRATOR, None, None)
