"""After login or sign-up the person goes back where they were, and never to another site."""

import pytest

from mentore.web import safe_next


@pytest.mark.parametrize("target", ["/account", "/organizzazioni?q=biella&pagina=2", "/"])
def test_local_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", [
    None, "", "https://example.org/", "//example.org/x", "/\\example.org", "\\\\example.org",
    "javascript:alert(1)", "account", "/\t/example.org", "/\n/example.org", "http:/example.org",
])
def test_anything_else_goes_home(target):
    assert safe_next(target) == "/"
