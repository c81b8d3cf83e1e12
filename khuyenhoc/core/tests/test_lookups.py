"""field__one_of: a long list of values as one parameter, same rows as __in on both databases."""

from khuyenhoc.people.models import Ethnicity


def test_one_of_finds_the_same_rows_as_in_with_one_parameter(db):
    codes = ["01", "02", "54", "99", "01"]  # "99" names no group; a repeat changes nothing

    query = Ethnicity.objects.filter(code__one_of=codes).values_list("code", flat=True)
    found = sorted(query)

    assert found == sorted(Ethnicity.objects.filter(code__in=codes).values_list("code", flat=True))
    assert found == ["01", "02", "54"]
    _, params = query.query.sql_with_params()
    assert len(params) == 1  # the list travels as one array, not five placeholders


def test_one_of_with_numbers_and_with_nothing(db):
    first = Ethnicity.objects.order_by("id").first()

    assert list(Ethnicity.objects.filter(pk__one_of=[first.pk, 10**9])) == [first]
    assert not Ethnicity.objects.filter(code__one_of=[]).exists()


def test_path_prefixes_lists_a_node_and_every_node_above_it():
    from khuyenhoc.core.scope import path_prefixes

    assert path_prefixes("1.7.233.") == ["1.", "1.7.", "1.7.233."]
    assert path_prefixes("") == []
