"""Valid, fictional national identifiers for demo data and tests (checked by python-stdnum)."""

import random
from datetime import date

from stdnum import luhn


def cpr(birth: date, rnd: random.Random) -> str:
    return f"{birth:%d%m%y}{rnd.randint(1000, 9999)}"


def sin(rnd: random.Random) -> str:
    body = str(rnd.choice([1, 2, 3, 4, 5, 6, 7, 9])) + "".join(
        str(rnd.randint(0, 9)) for _ in range(7)
    )
    return body + luhn.calc_check_digit(body)


def cpf(rnd: random.Random) -> str:
    digits = [rnd.randint(0, 9) for _ in range(9)]
    while len(set(digits)) == 1:
        digits = [rnd.randint(0, 9) for _ in range(9)]
    for length in (9, 10):
        total = sum(d * w for d, w in zip(digits, range(length + 1, 1, -1), strict=True))
        digits.append((total * 10 % 11) % 10)
    return "".join(map(str, digits))


def ssn(rnd: random.Random) -> str:
    return f"{rnd.randint(100, 665)}{rnd.randint(10, 99)}{rnd.randint(1000, 9999)}"
