"""Checks of the Italian codice fiscale: the 11-digit numeric one of organisations (the same
number as the partita IVA when there is one) and the 16-character one of people (D.M. 23
dicembre 1976), with the check character of each. Format and check only: whether the number
was ever issued is known only to the Agenzia delle Entrate."""

from __future__ import annotations

import re

_NUMERIC = re.compile(r"^[0-9]{11}$")

#: Digits that may stand for letters in the personal code after omocodia (0 → L … 9 → V).
_OMOCODIA = "LMNPQRSTUV"
_D = f"[0-9{_OMOCODIA}]"
_PERSONAL = re.compile(rf"^[A-Z]{{6}}{_D}{{2}}[ABCDEHLMPRST]{_D}{{2}}[A-Z]{_D}{{3}}[A-Z]$")

# Values of the characters in odd positions (1st, 3rd, … counting from 1); digits share the
# values of the letters in the same place of the alphabet (0 = A, 1 = B, …).
_ODD_LETTERS = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23)
_ODD = {chr(ord("A") + i): v for i, v in enumerate(_ODD_LETTERS)}
_ODD.update({str(d): _ODD_LETTERS[d] for d in range(10)})
# Even positions: A..Z → 0..25, 0..9 → 0..9.
_EVEN = {chr(ord("A") + i): i for i in range(26)}
_EVEN.update({str(d): d for d in range(10)})

_DAY_POSITIONS = (9, 10)


def normalise(cf: str) -> str:
    """Upper case, without any whitespace: the form in which codes are compared and stored."""
    return "".join(cf.split()).upper()


def numeric_check_digit(first10: str) -> str:
    """The 11th digit of a numeric codice fiscale / partita IVA from its first ten digits:
    digits in odd positions are added as they are, digits in even positions are doubled (minus 9
    when the double exceeds 9), and the check digit brings the total to a multiple of ten."""
    if len(first10) != 10 or not first10.isascii() or not first10.isdigit():
        raise ValueError(f"ten digits expected, got {first10!r}")
    total = 0
    for index, char in enumerate(first10):
        value = int(char)
        if index % 2 == 1:  # 2nd, 4th, … digit
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def is_valid_numeric(cf: str) -> bool:
    """Eleven digits whose last one is the right check digit."""
    if not _NUMERIC.match(cf):
        return False
    return numeric_check_digit(cf[:10]) == cf[10]


def personal_check_char(first15: str) -> str:
    """The 16th character of a personal codice fiscale from its first fifteen."""
    total = 0
    for index, char in enumerate(first15):
        total += (_ODD if index % 2 == 0 else _EVEN)[char]
    return chr(ord("A") + total % 26)


def is_valid_personal(cf: str) -> bool:
    """Sixteen characters in the layout surname(3) name(3) year(2) month(1) day(2) place(4)
    check(1), where digits may be replaced by the omocodia letters, a day of birth of 1–31 (men)
    or 41–71 (women), and the right check character."""
    if not _PERSONAL.match(cf):
        return False
    day_chars = "".join(cf[i] for i in _DAY_POSITIONS)
    day = int("".join(str(_OMOCODIA.index(c)) if c in _OMOCODIA else c for c in day_chars))
    if not (1 <= day <= 31 or 41 <= day <= 71):
        return False
    return personal_check_char(cf[:15]) == cf[15]


def is_valid(cf: str) -> bool:
    """Either kind of codice fiscale, after normalising spaces and case."""
    code = normalise(cf)
    if len(code) == 11:
        return is_valid_numeric(code)
    if len(code) == 16:
        return is_valid_personal(code)
    return False
