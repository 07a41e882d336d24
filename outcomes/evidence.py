"""What research found, shown beside the program's own numbers, with the sources
(shared/reference/models-and-standards.md; R25, R36). Translatable text, kept as data."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Evidence:
    finding: Promise | str
    source: str  # a citation: names and years are not translated


EVIDENCE: list[Evidence] = [
    Evidence(
        _(
            "Denmark, Homelessness Strategy 2009–13: 76% of the people who received ICM were "
            "housed at the end; 8% lost their home (half of them were rehoused); 16% were "
            "never housed. Eight to nine of ten came out of homelessness."
        ),
        "Rambøll & SFI 2013",
    ),
    Evidence(
        # xgettext:no-python-format
        _(
            "Canada, At Home/Chez Soi (people with high needs, ACT): 73% stably housed after "
            "one year with Housing First, against 31% with usual care."
        ),
        "Aubry et al. 2015",
    ),
    Evidence(
        # xgettext:no-python-format
        _(
            "Canada, At Home/Chez Soi (people with moderate needs, ICM): 63% to 77% of days "
            "stably housed over two years with Housing First, against 30% to 39% with usual care."
        ),
        "Stergiopoulos et al. 2015",
    ),
    Evidence(
        _(
            "Every $10 invested in Housing First saved on average $9.60 for people with high "
            "needs and $3.42 for moderate needs; over $21 for the tenth of users with the "
            "highest costs."
        ),
        "Mental Health Commission of Canada",
    ),
    Evidence(
        _(
            "Denmark: CTI pays for itself in the first year, ICM in the second; the first-year "
            "gains come mostly from fewer shelter stays (§ 110) and less psychiatric treatment."
        ),
        "Rambøll & SFI 2013b",
    ),
]
