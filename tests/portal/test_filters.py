"""The one filter contract every list shares (`portal.filters.ListFilter`)."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils.safestring import mark_safe

from network.models import Municipality, Province
from portal.filters import FastSelect, ListFilter

pytestmark = pytest.mark.django_db


class ProvinceFilter(ListFilter):
    q = forms.CharField(label="Naam", required=False)
    provincie = forms.MultipleChoiceField(
        label="Provincie", required=False, choices=Province.choices
    )
    volgorde = forms.ChoiceField(
        label="Volgorde", required=False, initial="naam", choices=[("naam", "Naam")]
    )
    not_narrowing = ("volgorde",)

    def filter_q(self, municipalities, query):
        return municipalities.filter(name__icontains=query)

    def filter_provincie(self, municipalities, provinces):
        return municipalities.filter(province__in=provinces)


def test_valid_values_narrow_and_invalid_ones_are_left_out_with_a_note():
    data = QueryDict("provincie=limburg&provincie=brussel&q=Hass%22&volgorde=x")
    municipality_filter = ProvinceFilter(data)
    found = municipality_filter.filter(Municipality.objects.all())
    assert [m.name for m in found] == ["Hasselt"]
    assert municipality_filter.notes == [
        "‘brussel’ is geen geldige keuze voor provincie; we negeerden het.",
        "‘x’ is geen geldige keuze voor volgorde; we negeerden het.",
    ]
    assert municipality_filter.active_count() == 2
    assert municipality_filter.is_valid()


def test_the_query_string_keeps_only_what_was_used():
    data = QueryDict(
        "provincie=limburg&provincie=antwerpen&q=sint&volgorde=naam&page=3"
    )
    municipality_filter = ProvinceFilter(data)
    assert municipality_filter.querystring() == (
        "q=sint&provincie=limburg&provincie=antwerpen"
    )
    assert municipality_filter.querystring("provincie", "limburg") == (
        "q=sint&provincie=antwerpen"
    )
    assert municipality_filter.querystring("q") == (
        "provincie=limburg&provincie=antwerpen"
    )


def test_without_a_query_string_nothing_is_filtered():
    municipality_filter = ProvinceFilter()
    assert municipality_filter.filter(Municipality.objects.all()).count() == 285
    assert municipality_filter.notes == []
    assert municipality_filter.active_count() == 0


def test_every_list_uses_the_one_contract():
    from casestudies.filters import CaseStudyFilter
    from events.forms import AgendaFilterForm
    from experiences.filters import ExperienceFilter
    from network.directory import DirectoryFilter
    from portal.forms import SiteSearchFilter, ToolkitFilter

    lists = [
        CaseStudyFilter,
        ExperienceFilter,
        DirectoryFilter,
        ToolkitFilter,
        SiteSearchFilter,
        AgendaFilterForm,
    ]
    assert [f.__name__ for f in lists if not issubclass(f, ListFilter)] == []


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (
            [("", "Alle thema's"), ("a&b", 'Buren <b>"samen"</b>'), ("é", "Éénheid")],
            "a&b",
            {"id": "id_thema"},
        ),
        ([("", "-"), ("x", "y")], None, {"disabled": True, "hidden": False}),
        ([("Groep", [("1", "een"), ("2", "twee")]), ("3", "drie")], "2", {}),
        ([("s", mark_safe("<i>veilig</i>")), (1, 2)], 1, {}),
        ([], "", {"class": 'a"b'}),
    ],
)
def test_the_fast_select_writes_what_django_s_templates_write(choices, value, attrs):
    fast = FastSelect(choices=choices).render("naam&", value, attrs)
    assert fast == forms.Select(choices=choices).render("naam&", value, attrs)
