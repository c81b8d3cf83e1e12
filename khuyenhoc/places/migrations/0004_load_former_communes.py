"""Load the 10,040 communes, wards and townships that existed before 1 July 2025, each under its former
province and linked to the post-2025 commune(s) that took it over.

Source: the data files of the `vietnamadminunits` package (MIT; its dataset of the 63-province map and its
63→34 converter tables, built from the 2025 resolutions of the National Assembly Standing Committee).
Only the files are read: the package itself (an address parser needing shapely and geopy) is not imported.
Its post-2025 units are matched to ours (from `vietnam-provinces`) by province and name, because a few
of its commune codes differ from the official list that `vietnam-provinces` carries.
"""

import datetime
import importlib.util
import json
import sqlite3
import unicodedata
from pathlib import Path

from django.db import migrations

REFORM_EVE = datetime.date(2025, 6, 30)


def _fold(value):
    # Frozen copy of khuyenhoc.core.text.fold (migrations never import app code).
    text = " ".join(unicodedata.normalize("NFC", value).split()).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _exact(value):
    # Names differ in apostrophes ("M'Drắk" / "M’Drắk"), dashes and tone-mark placement ("Hoà"/"Hòa").
    text = unicodedata.normalize("NFC", value).lower().replace("’", "'").replace("–", "-")
    text = " ".join(text.replace("-", " - ").split())
    return text.replace("oà", "òa").replace("oá", "óa").replace("oả", "ỏa").replace("oã", "õa").replace(
        "oạ", "ọa"
    ).replace("uỳ", "ùy").replace("uý", "úy").replace("uỷ", "ủy").replace("uỹ", "ũy").replace("uỵ", "ụy")


def _data_dir():
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The reference-data package vietnamadminunits is missing: "
            "pip install --no-deps -r requirements-data.txt"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _our_communes(AdminUnit):
    """(province code, exact name) and (province code, folded name) → our commune."""
    exact, folded = {}, {}
    for unit in AdminUnit.objects.filter(level="commune"):
        exact[(unit.province_code, _exact(unit.name))] = unit
        folded.setdefault((unit.province_code, _fold(_exact(unit.name))), []).append(unit)
    return exact, folded


def _match(exact, folded, province_code, name):
    unit = exact.get((province_code, _exact(name)))
    if unit is not None:
        return unit
    found = folded.get((province_code, _fold(_exact(name))), [])
    if len(found) != 1:
        raise RuntimeError(f"No single post-2025 commune {name!r} in province {province_code}")
    return found[0]


def _lineage(data, exact, folded, db):
    """Old "province_district_ward" key → [(our commune, is_main)], main part first."""
    new_units = {
        (pk, wk): _match(exact, folded, pcode, ward)
        for pk, wk, pcode, ward in db.execute(
            "SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units"
        )
    }
    parts = {}
    for province_key, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            for old in olds:
                parts[old] = [(new_units[(province_key, ward_key)], True)]
    for province_key, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, candidates in olds.items():
            found = sorted(
                ((new_units[(province_key, c["newWardKey"])], c["isDefaultNewWard"]) for c in candidates),
                key=lambda part: not part[1],
            )
            parts[old] = found
    return parts


def load(apps, schema_editor):
    AdminUnit = apps.get_model("places", "AdminUnit")
    Succession = apps.get_model("places", "AdminUnitSuccession")
    folder = _data_dir()
    data = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
    exact, folded = _our_communes(AdminUnit)
    parts = _lineage(data, exact, folded, db)
    provinces = {u.code: u for u in AdminUnit.objects.filter(level="former_province")}
    units, links = [], []
    rows = db.execute(
        "SELECT provinceKey, districtKey, wardKey, provinceCode, district, ward, wardType, wardCode "
        "FROM admin_units_legacy WHERE wardCode IS NOT NULL ORDER BY wardCode"
    )
    for pkey, dkey, wkey, pcode, district, ward, ward_type, code in rows:
        province = provinces[pcode]
        successors = parts[f"{pkey}_{dkey}_{wkey}"]
        units.append(
            AdminUnit(
                code=code, level="former_commune", division_type=ward_type.lower(), name=ward,
                name_key=_fold(ward), former_district=district, parent=province,
                successor=successors[0][0], path=f"{province.path}{code}.",
                province_code=province.province_code, valid_until=REFORM_EVE,
            )
        )
        links.append(successors)
    db.close()
    AdminUnit.objects.bulk_create(units, batch_size=1000)
    created = {u.code: u for u in AdminUnit.objects.filter(level="former_commune")}
    Succession.objects.bulk_create(
        [
            Succession(predecessor=created[unit.code], successor=successor, is_main=is_main)
            for unit, successors in zip(units, links, strict=True)
            for successor, is_main in successors
        ],
        batch_size=2000,
    )


def unload(apps, schema_editor):
    apps.get_model("places", "AdminUnitSuccession").objects.all().delete()
    apps.get_model("places", "AdminUnit").objects.filter(level="former_commune").delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0003_former_communes")]
    operations = [migrations.RunPython(load, unload)]
