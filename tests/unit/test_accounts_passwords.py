"""Password rules and hashing (argon2), without a database."""

from argon2 import PasswordHasher

from mentore.services import accounts


def test_password_rules():
    assert accounts.password_problem("corta", None) == "too_short"
    assert accounts.password_problem("x" * 2000, None) == "too_long"
    assert accounts.password_problem(" Anna@Esempio.IT ", "anna@esempio.it") == "same_as_email"
    assert accounts.password_problem("una frase da ricordare", "anna@esempio.it") is None


def test_hash_is_argon2_and_verifies_only_the_right_password():
    stored = accounts.hash_password("una frase da ricordare")
    assert stored.startswith("$argon2id$")
    assert "una frase" not in stored
    assert accounts.verify_password(stored, "una frase da ricordare")
    assert not accounts.verify_password(stored, "un'altra frase")


def test_two_hashes_of_the_same_password_differ():
    assert accounts.hash_password("una frase da ricordare") != accounts.hash_password("una frase da ricordare")


def test_garbage_in_the_stored_hash_is_a_failed_login_not_a_crash():
    assert not accounts.verify_password("not-a-hash", "una frase da ricordare")


def test_a_hash_made_with_older_parameters_needs_a_rehash():
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("una frase da ricordare")
    assert accounts.verify_password(old, "una frase da ricordare")
    assert accounts.needs_rehash(old)
    assert not accounts.needs_rehash(accounts.hash_password("una frase da ricordare"))


def test_api_tokens_are_stored_as_sha256_hashes():
    digest = accounts.token_hash("mnt_esempio")
    assert len(digest) == 64 and digest == accounts.token_hash("mnt_esempio")
    assert digest != accounts.token_hash("mnt_esempiO")
