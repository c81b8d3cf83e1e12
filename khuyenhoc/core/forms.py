"""Form helpers shared by every app."""

from collections.abc import Callable
from typing import Any

from django import forms

from khuyenhoc.core.errors import DomainError


def lookup(resolve: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a resolver (code or name → record) and turn its DomainError into a field error."""
    try:
        return resolve(*args, **kwargs)
    except DomainError as err:
        raise forms.ValidationError(err.message) from err
