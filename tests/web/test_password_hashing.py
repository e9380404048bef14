"""Password storage: Argon2id with OWASP's parameters for new hashes; older PBKDF2 hashes
still log in and are rewritten as Argon2id at that login (issue 13: PBKDF2's 0.5 s of CPU per
login was the deadline day's bottleneck)."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher, make_password
from django.test import Client, override_settings

from jixiao.persistence.models import User
from jixiao.services import accounts

pytestmark = pytest.mark.django_db

#: The production list (the test settings swap in MD5 for speed: conftest._fast_hashers).
HASHERS = importlib.import_module("jixiao.web.settings").PASSWORD_HASHERS
ARGON2ID_OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


def _old_pbkdf2(password: str) -> str:
    # a PBKDF2 hash as Django stored it before; few iterations keep the test fast (the
    # iteration count is part of the hash, so it verifies all the same)
    return PBKDF2PasswordHasher().encode(password, "oldsalt0123456789", iterations=1000)


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_new_hashes_are_argon2id_with_owasp_parameters():
    encoded = make_password("jixiao-demo")
    assert encoded.startswith(ARGON2ID_OWASP)
    assert "PBKDF2PasswordHasher" in " ".join(HASHERS)  # old hashes must still verify


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_an_old_pbkdf2_hash_logs_in_on_the_web_and_is_upgraded():
    User.objects.filter(username="unit1").update(password=_old_pbkdf2("jixiao-demo"))
    client = Client()
    assert client.post("/login/", {"username": "unit1", "password": "jixiao-demo"}).status_code == 302
    stored = User.objects.get(username="unit1").password
    assert stored.startswith(ARGON2ID_OWASP), stored[:40]
    assert identify_hasher(stored).algorithm == "argon2"
    # …and the upgraded hash logs in again (web and API)
    assert Client().post("/login/", {"username": "unit1", "password": "jixiao-demo"}).status_code == 302
    assert accounts.account_login(username="unit1", password="jixiao-demo", channel="api")


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_a_wrong_password_leaves_the_old_hash_alone():
    old = _old_pbkdf2("jixiao-demo")
    User.objects.filter(username="unit2").update(password=old)
    assert Client().post("/login/", {"username": "unit2", "password": "wrong-pass-1"}).status_code == 401
    assert User.objects.get(username="unit2").password == old


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_argon2_hashes_with_other_parameters_are_rewritten_with_ours():
    from argon2 import PasswordHasher, Type

    heavier = "argon2" + PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4,
                                        type=Type.ID).hash("jixiao-demo")
    User.objects.filter(username="unit1").update(password=heavier)
    assert accounts.account_login(username="unit1", password="jixiao-demo", channel="api")
    assert User.objects.get(username="unit1").password.startswith(ARGON2ID_OWASP)
