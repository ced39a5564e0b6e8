"""`make demo`'s logins: one staff user per role, in its group, able to sign in."""

from __future__ import annotations

import pytest
from django.test import Client

from gazette.demo.management.commands.rundemo import demo_role_logins

pytestmark = pytest.mark.django_db


def test_it_makes_one_login_per_role_that_opens_the_desk_with_that_roles_rights():
    logins = dict(demo_role_logins())
    assert list(logins) == ["editor", "translator", "moderator", "administrator"]
    clients = {}
    for role, password in logins.items():
        client = clients[role] = Client()
        response = client.post("/admin/login/", {"username": role, "password": password})
        assert response.status_code == 302, f"{role} signs in"
        assert client.get("/admin/").status_code == 200
    editor = clients["editor"]
    assert editor.get("/admin/articles/article/").status_code == 200
    assert editor.get("/admin/sources/source/add/").status_code == 403, "editors never add sources"
    translator = clients["translator"]
    assert translator.get("/admin/sources/source/").status_code == 403
    administrator = clients["administrator"]
    assert administrator.get("/admin/sources/source/add/").status_code == 200
    assert dict(demo_role_logins()) == logins, "running the demo again keeps the same logins"
