"""Password rules beyond Django's validators: mix character classes (等保 口令复杂度)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """At least two of: letters, digits, other symbols."""

    def validate(self, password: str, user: object = None) -> None:
        classes = sum(
            (
                any(c.isalpha() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            )
        )
        if classes < 2:
            raise ValidationError(
                "密码须至少包含字母、数字、符号中的两类。", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return "密码须至少包含字母、数字、符号中的两类。"
