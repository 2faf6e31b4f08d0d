"""The facet counts of the practices list, searched and filtered, equal a
plain count in Python over the practices the page may list."""

import pytest
from django.http import QueryDict

from casestudies.filters import SCALAR_FACETS, CaseStudyFilter
from casestudies.models import CaseStudyIndexPage, CaseStudyPage

URL = "/praktijkvoorbeelden/"
QUERIES = [
    "",
    "q=pleinmakers",
    "q=Genk",
    "q=Genk&thema=groen",
    "q=buren&thema=senioren&van=2020",
    "q=pleinmakers&status=lopend&van=2020",
    "q=pleinmakers&thema=jongeren&provincie=limburg&provincie=west-vlaanderen",
    "thema=jongeren&provincie=limburg",
    "thema=senioren&thema=groen&label=gevalideerd&tot=2022",
    "grootte=tot-10000&grootte=meer-100000&van=2019",
    "status=lopend&status=afgerond&label=gedeeld",
    "thema=onbekend&provincie=antwerpen",
]


def facet_values(practice):
    return {
        "provincie": practice.municipality.province,
        "grootte": practice.size_band.value,
        "status": practice.status,
        "label": practice.label,
    }


def naive_counts(query):
    """(theme counts, {facet: option counts}, total), counted one practice at a
    time: each facet within every filter but its own."""
    data = QueryDict(query)
    chosen = {param: data.getlist(param) for param, _key, _choices in SCALAR_FACETS}
    van, tot = data.get("van"), data.get("tot")
    practices = CaseStudyPage.objects.live().public().select_related("municipality")
    themes_of = {p.pk: {tag.slug for tag in p.themes.all()} for p in practices}
    # A chosen theme of the list that no match carries is listed, with 0.
    of_list = set().union(*themes_of.values()) & set(data.getlist("thema"))
    if data.get("q"):
        found = {page.pk for page in CaseStudyPage.objects.search(data["q"])}
        practices = [p for p in practices if p.pk in found]
    known = set().union(*(themes_of[p.pk] for p in practices))
    chosen_themes = [slug for slug in data.getlist("thema") if slug in known | of_list]

    def passes(practice, skip=None):
        values = facet_values(practice)
        for param, selection in chosen.items():
            if param != skip and selection and values[param] not in selection:
                return False
        year = practice.start_year
        if (van or tot) and year is None:
            return False
        if van and year < int(van):
            return False
        if tot and year > int(tot):
            return False
        return True

    def themed(practice):
        return not chosen_themes or bool(themes_of[practice.pk] & set(chosen_themes))

    themes = dict.fromkeys(known | of_list, 0)
    for practice in practices:
        if passes(practice):
            for slug in themes_of[practice.pk]:
                themes[slug] += 1
    options = {}
    for param, _key, choices in SCALAR_FACETS:
        options[param] = {
            value: sum(
                1
                for p in practices
                if themed(p)
                and passes(p, skip=param)
                and facet_values(p)[param] == value
            )
            for value in choices.values
        }
    total = sum(1 for p in practices if themed(p) and passes(p))
    return themes, options, total


@pytest.mark.parametrize("query", QUERIES)
def test_facet_counts_equal_a_plain_count(client, catalogue, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    facets = {facet.param: facet for facet in response.context["facets"]}
    shown = {
        param: {option.value: option.count for option in facet.options}
        for param, facet in facets.items()
    }
    themes, options, total = naive_counts(query)
    assert shown.pop("thema") == themes
    assert shown == options
    assert response.context["total"] == total
    assert len(response.context["practices"]) == min(total, 12)


@pytest.mark.parametrize(
    "query", ["", "thema=jongeren&provincie=limburg", "status=lopend&van=2020"]
)
def test_live_facet_counts_take_one_query(catalogue, django_assert_num_queries, query):
    index = CaseStudyIndexPage.objects.get()
    practices = index.practices()
    case_filter = CaseStudyFilter(QueryDict(query))
    with django_assert_num_queries(1):
        case_filter.facets(practices)


def test_selections_of_one_shape_share_one_compiled_counting_query(
    client, catalogue, monkeypatch
):
    """The counting query is compiled once per shape of the selection; each
    selection still counts with its own values."""
    from casestudies import filters

    monkeypatch.setattr(filters, "_MATCHED_SQL", {})
    compiled = []
    compile_matched = CaseStudyFilter._compile_matched

    def counting_compile(self, *args):
        compiled.append(args)
        return compile_matched(self, *args)

    monkeypatch.setattr(CaseStudyFilter, "_compile_matched", counting_compile)
    for query in [
        "thema=jongeren&provincie=limburg&van=2019",
        "thema=groen&provincie=west-vlaanderen&van=2019",
        "thema=diversiteit&provincie=oost-vlaanderen&van=2019",
    ]:
        response = client.get(f"{URL}?{query}")
        facets = {facet.param: facet for facet in response.context["facets"]}
        shown = {
            param: {option.value: option.count for option in facet.options}
            for param, facet in facets.items()
        }
        themes, options, total = naive_counts(query)
        assert shown.pop("thema") == themes
        assert shown == options
        assert response.context["total"] == total
    assert len(compiled) == 1
