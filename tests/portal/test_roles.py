import pytest
from django.contrib.auth.models import Group

from portal.factories import EditorFactory, UserFactory


@pytest.fixture
def editor(db):
    return EditorFactory(email="redacteur@voorbeeld.be")


def test_editors_may_work_on_pages_images_documents(editor):
    assert editor.has_perm("wagtailadmin.access_admin")
    group = Group.objects.get(name="Redacteurs")
    page_permissions = set(
        group.page_permissions.values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= page_permissions
    collection_permissions = set(
        group.collection_permissions.values_list("permission__codename", flat=True)
    )
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= (
        collection_permissions
    )


def test_editors_have_no_rights_on_users_or_groups(editor, client):
    assert not editor.has_perm("portal.change_user")
    assert not editor.has_perm("auth.change_group")
    client.force_login(editor)
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/users/").status_code == 302
    assert client.get("/admin/groups/").status_code == 302


def test_the_admin_speaks_dutch(editor, client):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'lang="nl"' in html
    assert "Pagina's" in html


def test_members_have_no_admin_access(db, client):
    member = UserFactory(email="lid@voorbeeld.be")
    member.groups.add(Group.objects.get(name="Netwerkleden"))
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
