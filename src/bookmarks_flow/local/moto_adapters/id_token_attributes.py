"""ID token attributes: moto puts a user's attributes into the ID token only when the app client lists them in
``ReadAttributes``. AWS, when ``ReadAttributes`` is not set, lets the client read ``email_verified``,
``phone_number_verified`` and every standard attribute, so the ID token carries ``email``
(UserPoolClientType.ReadAttributes in the Cognito API reference). Without this adapter the API's
``$context.authorizer.claims.email`` is empty and every submission records ``submitterEmail: ""``."""

from __future__ import annotations

from moto.cognitoidp.models import CognitoIdpUserPoolClient

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

# The OpenID Connect standard claims that Cognito calls standard attributes, and the two verification flags.
DEFAULT_READ_ATTRIBUTES = (
    *("address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale"),
    *("middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture"),
    *("preferred_username", "profile", "updated_at", "website", "zoneinfo"),
)


def install() -> Undo:
    original = CognitoIdpUserPoolClient.get_readable_fields

    def get_readable_fields(self: CognitoIdpUserPoolClient) -> list[str]:
        listed: list[str] = original(self)
        return listed or list(DEFAULT_READ_ATTRIBUTES)

    return replace_attribute(CognitoIdpUserPoolClient, "get_readable_fields", get_readable_fields)
