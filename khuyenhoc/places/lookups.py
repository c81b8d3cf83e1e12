"""Turn what a clerk types (a code or a name, with or without diacritics) into an administrative unit."""

from django.db.models import Q
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.text import fold
from khuyenhoc.places.matching import PlaceNotFound, same_name, successor_of
from khuyenhoc.places.models import AdminUnit, AdminUnitSuccession, Level

_PREFIXES = ("tinh ", "thanh pho ", "tp ", "tp. ", "xa ", "phuong ", "dac khu ")


def _candidates(text: str, levels: tuple[str, ...], **filters: str) -> list[AdminUnit]:
    key = fold(text)
    bare = next((key[len(p) :] for p in _PREFIXES if key.startswith(p)), key)
    names = {key, bare, *(p + bare for p in _PREFIXES)}
    query = Q(code=text.strip()) | Q(name_key__in=names)
    units = AdminUnit.objects.filter(query, level__in=levels, **filters)
    return list(units.order_by("level", "code")[:5])


def resolve_place(text: str, *, province_code: str = "", field: str = "place") -> AdminUnit | None:
    """A province or commune (current or pre-2025 province) named by code or name; None when blank."""
    if not text or not text.strip():
        return None
    found = _candidates(text, (Level.PROVINCE, Level.COMMUNE, Level.FORMER_PROVINCE))
    if province_code and len(found) > 1:
        found = [u for u in found if u.province_code == province_code] or found
    return _one(found, text, field)


def resolve_commune(
    text: str, *, province_code: str = "", field: str = "commune"
) -> AdminUnit | None:
    """A commune/ward named by code or name, preferring the given province; a pre-2025 commune's name
    gives the commune that took it over."""
    if not text or not text.strip():
        return None
    found = _candidates(text, (Level.COMMUNE,))
    if province_code:
        in_province = [u for u in found if u.province_code == province_code]
        if not same_name(in_province, text):  # "Phường Lam Sơn" (old) is not "Xã Lam Sơn"
            former = _successor(text, province_code, field, same_only=bool(in_province))
            if former is not None:
                return former
        found = in_province or found
    return _one(found, text, field)


def _successor(text: str, province_code: str, field: str, *, same_only: bool) -> AdminUnit | None:
    formers = _candidates(text, (Level.FORMER_COMMUNE,), province_code=province_code)
    if same_only:
        formers = same_name(formers, text)
    if not formers:
        return None
    links = AdminUnitSuccession.objects.filter(predecessor__in=formers).select_related("successor")
    parts: dict[int, list[AdminUnit]] = {}
    for link in links.order_by("-is_main", "successor__code"):
        parts.setdefault(link.predecessor_id, []).append(link.successor)
    try:
        return successor_of(text, formers, lambda former: parts.get(former.pk, []))
    except PlaceNotFound as err:
        raise DomainError(ErrorCode.INVALID, err.message, field=field) from None


def resolve_village(
    text: str, *, commune: AdminUnit | None, field: str = "village"
) -> AdminUnit | None:
    """A village of `commune` named by code or name."""
    if not text or not text.strip():
        return None
    key = fold(text)
    villages = AdminUnit.objects.filter(level=Level.VILLAGE).filter(
        Q(code=text.strip()) | Q(name_key=key)
    )
    if commune is not None:
        villages = villages.filter(parent=commune)
    found = list(villages.select_related("parent")[:5])
    if not found and commune is not None:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(commune)s không có thôn/tổ dân phố “%(text)s”.")
            % {"commune": commune.name, "text": text},
            field=field,
        )
    return _one(found, text, field)


def _one(found: list[AdminUnit], text: str, field: str) -> AdminUnit:
    if not found:
        raise DomainError(
            ErrorCode.INVALID, _("Không tìm thấy địa bàn “%(text)s”.") % {"text": text}, field=field
        )
    if len(found) > 1 and found[0].code != text.strip():
        names = ", ".join(f"{u.name} ({u.code})" for u in found[:3])
        raise DomainError(
            ErrorCode.INVALID,
            _("“%(text)s” trùng tên nhiều nơi: %(names)s. Hãy nhập mã.")
            % {"text": text, "names": names},
            field=field,
        )
    return found[0]
