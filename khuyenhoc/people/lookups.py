"""Turn the ids (and ethnicity codes) named in an API request into records, through the scope.

An id that does not exist, or names a record outside the scope, is the client's mistake in one field:
it becomes a DomainError naming that field (a 400), never a 404 for the whole request.
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.scope import Scope
from khuyenhoc.orgs.selectors import orgnode_get
from khuyenhoc.people import selectors
from khuyenhoc.people.models import Ethnicity
from khuyenhoc.places.selectors import adminunit_get


def ethnicity_get(code: str) -> Ethnicity:
    """One ethnic group by its code ("01", or "1" for Kinh)."""
    ethnicity = Ethnicity.objects.filter(code=code.strip().zfill(2)).first()
    if ethnicity is None:
        raise NotFoundError("Ethnicity")
    return ethnicity


_FINDERS: dict[str, Callable[[Scope, Any], Any]] = {
    "org_node": lambda scope, pk: orgnode_get(scope=scope, pk=pk),
    "org": lambda scope, pk: orgnode_get(scope=scope, pk=pk),
    "commune": lambda scope, pk: adminunit_get(pk=pk),
    "village": lambda scope, pk: adminunit_get(pk=pk),
    "person": lambda scope, pk: selectors.person_get(scope=scope, pk=pk),
    "head": lambda scope, pk: selectors.person_get(scope=scope, pk=pk),
    "household": lambda scope, pk: selectors.household_get(scope=scope, pk=pk),
    "ethnicity": lambda scope, code: ethnicity_get(code),
}

_MESSAGES = {
    "org_node": _("Không tìm thấy đơn vị quản lý này trong phạm vi của bạn."),
    "org": _("Không tìm thấy tổ chức này trong phạm vi của bạn."),
    "commune": _("Không có xã/phường này."),
    "village": _("Không có thôn/tổ dân phố này."),
    "person": _("Không tìm thấy người này trong phạm vi của bạn."),
    "head": _("Không tìm thấy người này trong phạm vi của bạn."),
    "household": _("Không tìm thấy gia đình này trong phạm vi của bạn."),
    "ethnicity": _("Không có mã dân tộc này."),
}


def resolve(data: dict[str, Any], *, scope: Scope) -> dict[str, Any]:
    """Return `data` with every referenced id replaced by its record; blanks stay None."""
    resolved = dict(data)
    for name, value in data.items():
        finder = _FINDERS.get(name)
        if finder is None:
            continue
        if value is None or value == "":
            resolved[name] = None
            continue
        try:
            resolved[name] = finder(scope, value)
        except NotFoundError as exc:
            raise DomainError(ErrorCode.NOT_FOUND, str(_MESSAGES[name]), field=name) from exc
    return resolved
