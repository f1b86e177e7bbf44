"""Team use: accounts with roles (viewer, editor, owner), Argon2 password hashes, sign-in sessions, a comment
thread per deal and the audit log; without accounts the app stays as it was for one person."""

from __future__ import annotations

from typing import Any

import pytest

from principal.store import audit, team
from principal.store.database import Store
from principal.store.errors import InvalidValue
from principal.store.tables import UserRow
from tests.web.conftest import WebClient, make_client

PASSWORD = "correct horse battery"


def test_passwords_are_stored_as_argon2_hashes_and_checked(store: Store) -> None:
    user = team.add_user(store, "ana", "Ana Lima", "owner", PASSWORD)
    with store.read() as session:
        stored = session.get(UserRow, user.id).password_hash  # type: ignore[union-attr]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert team.sign_in(store, "ana", "wrong password!") is None
    found = team.sign_in(store, "ANA ", PASSWORD)
    assert found is not None
    assert team.session_user(store, found[1]) == user
    team.sign_out(store, found[1])
    assert team.session_user(store, found[1]) is None


def test_account_rules(store: Store) -> None:
    with pytest.raises(InvalidValue, match="at least 10 characters"):
        team.add_user(store, "bo", "Bo", "editor", "short")
    with pytest.raises(InvalidValue, match="one of viewer, editor, owner"):
        team.add_user(store, "bo", "Bo", "admin", PASSWORD)
    owner = team.add_user(store, "ana", "Ana", "owner", PASSWORD)
    with pytest.raises(InvalidValue, match="last owner"):
        team.set_role(store, owner.id, "editor")


def sign_in(web: WebClient, username: str) -> Any:
    return web.post_form("/login", {"username": username, "password": PASSWORD, "next": "/"})


def test_team_mode_signs_every_browser_in_and_applies_roles(seeded: WebClient, sqlite_store: Store) -> None:
    assert seeded.client.get("/deals/1").status_code == 200  # one person: no sign-in
    first = seeded.post_form("/team/users", {"username": "ana", "display_name": "Ana Lima", "password": PASSWORD})
    assert first.headers["location"] == "/login?next=/team"  # type: ignore[attr-defined]
    team.add_user(sqlite_store, "vic", "Vic Viewer", "viewer", PASSWORD)
    team.add_user(sqlite_store, "eve", "Eve Editor", "editor", PASSWORD)
    stranger = WebClient(make_client(sqlite_store))
    page = stranger.client.get("/deals/1")
    assert page.status_code == 401 and 'name="username"' in page.text
    assert sign_in(stranger, "vic").status_code == 303  # type: ignore[attr-defined]
    assert stranger.client.get("/deals/1").status_code == 200
    refused: Any = stranger.post_form("/deals/1/offers/final", {"base_version": "1", "term_months": "24"})
    assert refused.status_code == 403 and "Vic Viewer is a viewer; this needs an editor" in refused.text
    commented: Any = stranger.post_form("/deals/1/comments", {"body": "Is 24 months possible?", "author": "someone"})
    assert commented.status_code == 303
    editor = WebClient(make_client(sqlite_store))
    sign_in(editor, "eve")
    saved: Any = editor.post_form("/deals/1/offers/final", {"base_version": "1", "term_months": "24", "author": "X"})
    assert saved.status_code == 303
    versions = editor.client.get("/api/deals/1/versions").json()["versions"]
    assert versions[0]["author"] == "Eve Editor"  # signed with the account, not the typed name
    assert editor.post_form("/deals/1/delete", {"confirm": "delete"}).status_code == 403  # type: ignore[attr-defined]
    page = editor.client.get("/deals/1/comments").text
    assert "Vic Viewer" in page and "Is 24 months possible?" in page
    assert "Eve Editor" in page
    actions = [(e.actor, e.action) for e in audit.events(sqlite_store, 1)]
    assert ("Vic Viewer", "commented") in actions


def test_the_access_token_still_works_for_scripts(seeded: WebClient, sqlite_store: Store) -> None:
    from principal.web.settings import WebSettings

    team.add_user(sqlite_store, "ana", "Ana", "owner", PASSWORD)
    token = "t" * 20
    script = make_client(sqlite_store, WebSettings(token=token, default_author="x"))
    answer = script.get("/api/deals", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
