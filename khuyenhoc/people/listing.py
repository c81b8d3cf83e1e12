"""One page of the person list: a name search walks the word-suffix keys, a plain list the name index."""

from khuyenhoc.core.listing import scoped_page, subtree_prefixes
from khuyenhoc.core.pagination import PAGE_SIZE, KeysetPage, page_from_rows, page_request
from khuyenhoc.core.scope import Scope, prefixes_q
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.search import namekeys_matching, search_terms
from khuyenhoc.people.selectors import clan_list, household_list, person_list
from khuyenhoc.places.models import AdminUnit

KEY_ORDER = ("key", "person_id")


def person_page(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    gender: str = "",
    commune: AdminUnit | None = None,
    village: AdminUnit | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page of persons at `cursor` inside `scope`, filtered as `person_list` does.

    A name search is ordered by the matched words ("van an" lists "Nguyễn Văn An" under "van an ...").
    """
    prefixes = subtree_prefixes(scope, org_node.path if org_node else None)
    key = search_terms(search).name_key
    if key:
        return _name_page(
            key, prefixes, cursor, size, gender=gender, commune=commune, village=village
        )
    persons = person_list(
        scope=scope,
        search=search,
        org_node=org_node,
        gender=gender,
        commune=commune,
        village=village,
    )
    plain = not (gender or commune or village or search.strip())
    return scoped_page(persons, prefixes=prefixes, cursor=cursor, size=size, windowed=plain)


def _name_page(
    key: str, prefixes: list[str], cursor: str | None, size: int, **filters: object
) -> KeysetPage:
    request = page_request(cursor, KEY_ORDER)
    keys = namekeys_matching(key)
    keys = keys.filter(prefixes_q("org_path", prefixes))
    keys = keys.filter(**{f"person__{name}": value for name, value in filters.items() if value})
    related = ("person__commune", "person__village", "person__org_node", "person__ethnicity")
    rows = list(
        keys.filter(request.after())
        .order_by(*request.ordering())
        .select_related(*related)[: size + 1]
    )
    page = page_from_rows(rows, request, size)
    # A name with a repeated word ("An Văn An") matches twice; show it once on a page.
    page.items = list({row.person_id: row.person for row in page.items}.values())
    return page


def household_page(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    commune: AdminUnit | None = None,
    village: AdminUnit | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page of households at `cursor` inside `scope`, in name order."""
    households = household_list(
        scope=scope, search=search, org_node=org_node, commune=commune, village=village
    )
    plain = not (commune or village or search.strip())
    prefixes = subtree_prefixes(scope, org_node.path if org_node else None)
    return scoped_page(households, prefixes=prefixes, cursor=cursor, size=size, windowed=plain)


def clan_page(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    commune: AdminUnit | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page of clans at `cursor` inside `scope`, in name order."""
    clans = clan_list(scope=scope, search=search, org_node=org_node, commune=commune)
    plain = not (commune or search.strip())
    prefixes = subtree_prefixes(scope, org_node.path if org_node else None)
    return scoped_page(clans, prefixes=prefixes, cursor=cursor, size=size, windowed=plain)
