from django.core.management import call_command

from casestudies.models import CaseStudyPage


def rows():
    return list(
        CaseStudyPage.objects.order_by("slug").values_list(
            "slug", "title", "municipality_id", "status", "start_year", "label"
        )
    )


def test_generate_bench_data_is_reproducible(home_page, client, capsys):
    call_command("generate_bench_data", "--case-studies", "30", "--seed", "1")
    first = rows()
    themes = sorted(
        CaseStudyPage.themes.through.objects.values_list(
            "content_object__slug", "tag__name"
        )
    )
    assert len(first) == 30

    call_command("generate_bench_data", "--case-studies", "30", "--seed", "1")
    assert rows() == first
    assert (
        sorted(
            CaseStudyPage.themes.through.objects.values_list(
                "content_object__slug", "tag__name"
            )
        )
        == themes
    )

    call_command("generate_bench_data", "--case-studies", "30", "--seed", "2")
    assert rows() != first


def test_bench_practices_are_real_pages(home_page, client):
    call_command("generate_bench_data", "--case-studies", "14", "--seed", "1")
    response = client.get("/praktijkvoorbeelden/?page=2")
    assert response.status_code == 200
    assert len(response.context["practices"]) == 2
    detail = client.get("/praktijkvoorbeelden/bench-00001/")
    assert detail.status_code == 200
    assert "Fictief voorbeeld" in detail.content.decode()
