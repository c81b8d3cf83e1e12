"""Match places typed in files ("xa Hung Loc", "Phường Thành Vinh", "40", "Bà Rịa - Vũng Tàu") to units.

Built once per import from the reference tables (3,321 communes, 97 provinces, 10,035 pre-2025 communes),
so matching a row costs dictionary look-ups, not queries. Pre-2025 province and commune names resolve to
their successors; a pre-2025 commune divided between several successors is named back to the user.
"""

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from khuyenhoc.core.text import fold
from khuyenhoc.places.models import AdminUnit, AdminUnitSuccession, Level

_UNIT_WORDS = re.compile(
    r"^(tinh|thanh pho|tp\.?|xa|phuong|dac khu|thi tran|thon|to dan pho|tdp|ban|ap|xom|khu pho|to|khoi)\s+"
)
_PUNCT = re.compile(r"[^a-z0-9 ]+")


class PlaceNotFound(Exception):
    """A place that matches no unit, or several."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def successor_of(
    text: str, formers: Iterable[AdminUnit], parts_of: Callable[[AdminUnit], list[AdminUnit]]
) -> AdminUnit:
    """The one current commune that took over the pre-2025 commune(s) `formers` named by `text`.

    Several old communes of a province may share a name, and a divided one has several successors:
    when they do not all lead to one commune, the user is told which old unit went where."""
    formers = list(formers)
    successors = {unit.pk: unit for former in formers for unit in parts_of(former)}
    if len(successors) == 1:
        return next(iter(successors.values()))
    either = " " + _("hoặc") + " "
    lines = "; ".join(
        _("%(old)s (%(district)s) nay thuộc %(new)s")
        % {
            "old": former.name,
            "district": former.former_district,
            "new": either.join(f"{u.name} ({u.code})" for u in parts_of(former)),
        }
        for former in formers
    )
    raise PlaceNotFound(
        _("“%(text)s” là tên trước 01/7/2025: %(lines)s. Hãy ghi tên hoặc mã xã/phường hiện nay.")
        % {"text": text, "lines": lines}
    )


def bare(text: str) -> str:
    """A comparison key: folded, punctuation dropped, the unit word ("xã", "thôn", ...) removed."""
    key = " ".join(_PUNCT.sub(" ", fold(text)).split())
    return _UNIT_WORDS.sub("", key)


def _spelled(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def same_name(units: list[AdminUnit], text: str) -> list[AdminUnit]:
    """The units whose full name, unit word included, is `text` (diacritics and case ignored)."""
    typed = _spelled(text)
    return [unit for unit in units if _spelled(unit.name) == typed]


class PlaceIndex:
    """Look-up tables of provinces, communes and (lazily) villages."""

    def __init__(self) -> None:
        self.current: dict[str, AdminUnit] = {}
        self.former: dict[str, AdminUnit] = {}
        self.communes_by_code: dict[str, AdminUnit] = {}
        self.communes: dict[tuple[str, str], list[AdminUnit]] = {}
        self.former_communes: dict[tuple[str, str], list[AdminUnit]] = {}
        self.former_by_code: dict[str, AdminUnit] = {}
        self._parts: dict[int, list[AdminUnit]] | None = None
        self.villages: dict[int, dict[str, AdminUnit]] = {}
        self.seen: dict[
            tuple[str, str], AdminUnit | PlaceNotFound
        ] = {}  # rows repeat the same communes
        units = AdminUnit.objects.exclude(level=Level.VILLAGE).select_related("successor")
        for unit in units:
            self._add(unit)

    def _add(self, unit: AdminUnit) -> None:
        if unit.level == Level.COMMUNE:
            self.communes_by_code[unit.code] = unit
            self.communes.setdefault((unit.province_code, bare(unit.name)), []).append(unit)
            return
        if unit.level == Level.FORMER_COMMUNE:
            self.former_by_code[unit.code] = unit
            self.former_communes.setdefault((unit.province_code, bare(unit.name)), []).append(unit)
            return
        table = self.current if unit.level == Level.PROVINCE else self.former
        for key in (bare(unit.name), unit.code, unit.code.lstrip("0")):
            table[key] = unit

    def province(self, text: str, *, keep_former: bool = False) -> AdminUnit:
        """The province named (or coded) by `text`: a current one, or a pre-2025 one's successor
        (or, with `keep_former`, the pre-2025 unit itself, for records dated before the reform)."""
        for key in (bare(text), text.strip()):
            if key in self.current:
                return self.current[key]
            if key in self.former:
                found = self.former[key]
                return found if keep_former else found.successor
        raise PlaceNotFound(_("Không có tỉnh/thành phố “%(text)s”.") % {"text": text})

    def commune(self, text: str, province_code: str) -> AdminUnit:
        """The commune named `text` (or coded) in the province; codes are unique nationwide."""
        key = (text, province_code)
        if key not in self.seen:
            try:
                self.seen[key] = self._commune(text, province_code)
            except PlaceNotFound as err:
                self.seen[key] = err
        found = self.seen[key]
        if isinstance(found, PlaceNotFound):
            raise found
        return found

    def _commune(self, text: str, province_code: str) -> AdminUnit:
        code = text.strip()
        if code.isdigit():
            found = self.communes_by_code.get(code.zfill(5))
            if found is not None:
                return found
        matches = self.communes.get((province_code, bare(text)), [])
        formers = self._formers(code, text, province_code)
        same = same_name(matches, text)
        if not same and same_name(formers, text):  # "Phường Lam Sơn" (old) is not "Xã Lam Sơn"
            return successor_of(text, same_name(formers, text), self._parts_of)
        matches = same or matches
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(f"{u.name} ({u.code})" for u in matches)
            raise PlaceNotFound(
                _("“%(text)s” trùng tên: %(names)s. Hãy ghi mã xã.")
                % {"text": text, "names": names}
            )
        if formers:
            return successor_of(text, formers, self._parts_of)
        raise PlaceNotFound(_("Không có xã/phường “%(text)s” trong tỉnh này.") % {"text": text})

    def _formers(self, code: str, text: str, province_code: str) -> list[AdminUnit]:
        """Pre-2025 communes of the province named or coded by `text` (old codes: 5 digits)."""
        old = self.former_by_code.get(code) if len(code) == 5 and code.isdigit() else None
        if old is not None and old.province_code == province_code:
            return [old]
        return self.former_communes.get((province_code, bare(text)), [])

    def _parts_of(self, former: AdminUnit) -> list[AdminUnit]:
        if self._parts is None:  # read once, at the first pre-2025 name of the run
            by_pk = {unit.pk: unit for unit in self.communes_by_code.values()}
            self._parts = {}
            links = AdminUnitSuccession.objects.order_by(
                "predecessor_id", "-is_main", "successor_id"
            )
            for old, new in links.values_list("predecessor_id", "successor_id"):
                self._parts.setdefault(old, []).append(by_pk[new])
        return self._parts.get(former.pk, [])

    def village(self, text: str, commune: AdminUnit) -> AdminUnit:
        """The village of `commune` named `text` (or coded)."""
        table = self.villages.get(commune.pk)
        if table is None:
            table = {}
            for unit in AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune):
                table[bare(unit.name)] = table[unit.code] = unit
            self.villages[commune.pk] = table
        found = table.get(text.strip().upper()) or table.get(bare(text))
        if found is None:
            raise PlaceNotFound(
                _("%(commune)s không có thôn/tổ dân phố “%(text)s”.")
                % {"commune": commune.name, "text": text}
            )
        return found
