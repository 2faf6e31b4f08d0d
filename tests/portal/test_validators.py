import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_a_short_password_is_refused_in_dutch():
    with pytest.raises(ValidationError) as error:
        validate_password("kort-ww")
    assert "Dit wachtwoord is te kort. Het moet minstens 10 tekens bevatten." in (
        error.value.messages
    )


def test_a_common_password_is_refused():
    with pytest.raises(ValidationError):
        validate_password("password123")
