"""Reading a list's query string (each key → its list of values) the same way everywhere:
unknown values and bad numbers become messages (the API answers 400, pages say so and go on
with what was valid)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from mentore.reference.vocabularies import N_, Message


class QueryReader:
    def __init__(self, args: Mapping[str, Sequence[str]]) -> None:
        self.args = args
        self.errors: dict[str, str] = {}

    def first(self, name: str, default: str = "") -> str:
        return (self.args.get(name) or [default])[0]

    def values(self, name: str, known: Collection[str] | None = None,
               message: str = N_("Valore non valido: %(values)s.")) -> tuple[str, ...]:
        """Distinct non-blank values in order; with ``known``, the others are reported and dropped
        (``message``: marked with N_, with a ``%(values)s``)."""
        got = tuple(dict.fromkeys(v.strip() for v in self.args.get(name, ()) if v and v.strip()))
        if known is None:
            return got
        bad = [v for v in got if v not in known]
        if bad:
            self.errors[name] = Message(message, values=", ".join(bad))
        return tuple(v for v in got if v in known)

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.first(name)
        if not raw:
            return default
        try:
            number = int(raw)
        except ValueError:
            self.errors[name] = Message(N_("Deve essere un numero intero."))
            return default
        if not low <= number <= high:
            self.errors[name] = Message(N_("Deve essere compreso tra %(low)d e %(high)d."), low=low, high=high)
            return min(max(number, low), high)
        return number
