"""The method's summary card (R27), in Hearth's own words: what the analysis counts, what it
leaves out, and where the approach and the findings come from."""

from django.utils.translation import gettext_lazy as _

METHOD_CARD = {
    "target_group": _(
        "The persons of this program asked, at opening, how often they used shelters, "
        "psychiatric and hospital beds, emergency departments, ambulances and custody in the "
        "6 or 12 months before enrolment."
    ),
    "approach": _(
        "In the manner of the Danish socio-economic investment model (SØM): the program's cost "
        "per person-year against the cost of the services the same persons used before and "
        "since enrolment, each priced with this organisation's unit costs and split between "
        "municipality, region and state by who pays."
    ),
    "expected_effect": _(
        "Danish evaluations found that ICM pays for itself during its second year, with the "
        "first-year gains coming mostly from fewer shelter (§ 110) stays and less psychiatric "
        "treatment. In the Canadian At Home/Chez Soi trial, every 10 dollars invested in "
        "Housing First for people with high needs saved on average 9.60 dollars."
    ),
    "counts": [
        _("Before enrolment: the answers given at opening, annualised per person-year."),
        _(
            "Since enrolment: nights in a shelter, a psychiatric facility, a hospital or jail "
            "from the living situations recorded; every crisis recorded as critical as one "
            "emergency department visit; and the service use recorded by hand for what the "
            "records do not hold."
        ),
        _(
            "Whole months since enrolment only; an answer of “don't know” is left out of the "
            "average, never counted as zero."
        ),
        _(
            "Beyond the months observed, the cohort is taken to go on as in its last six "
            "observed months, unless a scenario sets a reduction."
        ),
    ],
    "leaves_out": [
        _(
            "Rent, income benefits, health beyond the services listed, employment, and what "
            "a life in a home of one's own is worth to the person: the analysis prices services, "
            "it does not value people."
        ),
        _(
            "Persons nobody asked about the time before enrolment, and prices of kind “other” "
            "(kept for reference, not counted)."
        ),
        _(
            "A comparison group: the change before and after is not proof that the program "
            "caused it."
        ),
    ],
    "sources": [
        "Rambøll & SFI (2013b). Samfundsøkonomisk analyse af metoder: Hjemløsestrategien. "
        "Social- og Integrationsministeriet.",
        "Aubry, T. et al. (2015). At Home/Chez Soi; Mental Health Commission of Canada, "
        "final report on costs and savings.",
        "Socialstyrelsen: Socialøkonomisk investeringsmodel (SØM).",
    ],
}
