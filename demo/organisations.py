"""The four demo organisations: the range of Housing First programs Hearth serves."""

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
        "program": {
            "name": "Streets to Homes ICM",
            "model": ServiceModel.ICM,
            "target_group": "Adults experiencing chronic homelessness with moderate needs, "
            "able to use mainstream services with support.",
            "approach": "One-on-one case management; brokering mainstream services the person "
            "asks for; accompaniment to appointments; shared caseloads for "
            "7 days × 12 hours coverage.",
            "expected_effect": "Stable housing and a move to mainstream services when the "
            "person is ready, sometimes within 12–16 months.",
        },
        "team": "Parkdale ICM team",
        "staff": [
            ("tor.aisha", "Aisha", "Mohamed", Role.CASE_MANAGER),
            ("tor.liam", "Liam", "O'Connor", Role.CASE_MANAGER),
            ("tor.priya", "Priya", "Nair", Role.CASE_MANAGER),
            ("tor.marcus", "Marcus", "Brown", Role.HOUSING_WORKER),
            ("tor.grace", "Grace", "Chen", Role.TEAM_LEAD),
            ("tor.david", "David", "Thompson", Role.PROGRAM_MANAGER),
            ("tor.nadia", "Nadia", "Haddad", Role.DATA_ADMINISTRATOR),
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
        "program": {
            "name": "Suivi intensif dans le milieu (SIM) Centre-Sud",
            "model": ServiceModel.ACT,
            "target_group": "Personnes en situation d'itinérance aux prises avec de graves "
            "problèmes de santé mentale ou de dépendance.",
            "approach": "Équipe multidisciplinaire qui offre elle-même tous les services, "
            "dans le milieu, 24 heures sur 24, 7 jours sur 7 ; réunion d'équipe "
            "quotidienne ; soutien par les pairs.",
            "expected_effect": "Stabilité résidentielle (73 % logés de façon stable après un "
            "an dans Chez Soi) et rétablissement.",
        },
        "team": "Équipe SIM Centre-Sud",
        "staff": [
            ("mtl.elise", "Élise", "Tremblay", Role.PSYCHIATRIST),
            ("mtl.julien", "Julien", "Gagnon", Role.NURSE),
            ("mtl.mathieu", "Mathieu", "Côté", Role.PEER_WORKER),
            ("mtl.fatima", "Fatima", "Benali", Role.SUBSTANCE_USE),
            ("mtl.sophie", "Sophie", "Lavoie", Role.HOUSING_WORKER),
            ("mtl.jp", "Jean-Philippe", "Roy", Role.VOCATIONAL),
            ("mtl.isabelle", "Isabelle", "Bouchard", Role.TEAM_LEAD),
            ("mtl.nathalie", "Nathalie", "Gauthier", Role.DATA_ADMINISTRATOR),
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
        "program": {
            "name": "ICM-indsatsen København",
            "model": ServiceModel.ICM,
            "target_group": "Borgere med komplekse støttebehov i ustabil boligsituation.",
            "approach": "Specialiseret støttemetode: en koordinerende støtteperson med højst "
            "otte borgere; tager udgangspunkt i borgerens ønsker, håb og drømme.",
            "expected_effect": "Bedre fastholdelse af bolig: otte til ni ud af ti kommer ud "
            "af hjemløshed.",
        },
        "team": "ICM-teamet Vesterbro",
        "staff": [
            ("cph.mette", "Mette", "Jensen", Role.CASE_MANAGER),
            ("cph.rasmus", "Rasmus", "Nielsen", Role.CASE_MANAGER),
            ("cph.sara", "Sara", "Hansen", Role.CASE_MANAGER),
            ("cph.lars", "Lars", "Pedersen", Role.TEAM_LEAD),
            ("cph.anne", "Anne", "Kristensen", Role.PROGRAM_MANAGER),
            ("cph.karen", "Karen", "Mortensen", Role.DATA_ADMINISTRATOR),
        ],
        # Mette holds nine persons: one above the Danish standard of eight, confirmed.
        "overloaded": "cph.mette",
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
        "program": {
            "name": "Abrindo Portas",
            "model": ServiceModel.ICM,
            "target_group": "Pessoas com trajetória de rua, com acesso imediato à moradia.",
            "approach": "Acompanhamento individualizado e guiado pela pessoa assistida: "
            "gestor de caso e agente de acompanhamento, visitas semanais nos "
            "primeiros meses, sem prazos.",
            "expected_effect": "Manter a moradia de forma independente; integração social e "
            "comunitária.",
        },
        "team": "Equipe Centro",
        "staff": [
            ("sao.ana", "Ana", "Souza", Role.CASE_MANAGER),
            ("sao.juliana", "Juliana", "Santos", Role.CASE_MANAGER),
            ("sao.carlos", "Carlos", "Oliveira", Role.MONITORING_AGENT),
            ("sao.rafael", "Rafael", "Lima", Role.MONITORING_AGENT),
            ("sao.beatriz", "Beatriz", "Almeida", Role.TEAM_LEAD),
            ("sao.fernanda", "Fernanda", "Costa", Role.DATA_ADMINISTRATOR),
        ],
    },
]
