from collections import Counter

from network.models import Municipality


def test_all_285_flemish_municipalities_are_loaded(db):
    assert Municipality.objects.count() == 285
    codes = list(Municipality.objects.values_list("nis_code", flat=True))
    assert len(set(codes)) == 285
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 285


def test_mechelen_is_present(db):
    mechelen = Municipality.objects.get(nis_code="12025")
    assert mechelen.name == "Mechelen"
    assert mechelen.province == "antwerpen"
    assert mechelen.arrondissement == "Mechelen"
    assert mechelen.inhabitants == 86921
    assert mechelen.inhabitants_year == 2020
    assert str(mechelen.latitude) == "51.0287"


def test_municipalities_per_province_match_the_source(db):
    counts = Counter(Municipality.objects.values_list("province", flat=True))
    assert counts == {
        "antwerpen": 67,
        "vlaams-brabant": 63,
        "west-vlaanderen": 62,
        "oost-vlaanderen": 55,
        "limburg": 38,
    }


def test_merged_municipalities_of_2025_have_their_new_codes(db):
    assert (
        Municipality.objects.get(nis_code="46030").name
        == "Beveren-Kruibeke-Zwijndrecht"
    )
    assert not Municipality.objects.filter(nis_code="11007").exists()  # Borsbeek
