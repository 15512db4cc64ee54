"""Signed tokens for the unsubscribe and confirmation links (itsdangerous, keyed by the secret setting).

A token carries a subscription id and is signed for one purpose, so an unsubscribe token cannot confirm
and the other way round. Unsubscribe tokens never expire (a link in an old digest must still work);
confirmation tokens do. Pure: no database.
"""

from __future__ import annotations

from enum import StrEnum

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

MIN_SECRET = 16  # characters; shorter secrets are guessable and refused
CONFIRM_MAX_AGE = 14 * 24 * 3600  # seconds a confirmation link stays good


class Purpose(StrEnum):
    UNSUBSCRIBE = "afmelden"
    CONFIRM = "bevestigen"


class MissingSecret(RuntimeError):
    """No usable secret: links cannot be signed, so nothing may be sent."""


class BadToken(ValueError):
    """The token is damaged, forged, meant for something else, or has expired."""


def _serializer(secret: str | None, purpose: Purpose) -> URLSafeTimedSerializer:
    if not secret or len(secret) < MIN_SECRET:
        raise MissingSecret(
            f"TOEZEGGINGEN_SECRET_KEY is not set (or shorter than {MIN_SECRET} characters): "
            "links in messages cannot be signed"
        )
    return URLSafeTimedSerializer(secret, salt=f"toezeggingen.{purpose.value}")


def make(secret: str | None, purpose: Purpose, subscription_id: int) -> str:
    return _serializer(secret, purpose).dumps(subscription_id)


def read(secret: str | None, purpose: Purpose, token: str) -> int:
    """The subscription id the token was signed for; BadToken otherwise."""
    max_age = CONFIRM_MAX_AGE if purpose is Purpose.CONFIRM else None
    try:
        value = _serializer(secret, purpose).loads(token.strip(), max_age=max_age)
    except SignatureExpired as exc:
        raise BadToken("de link is verlopen") from exc
    except BadSignature as exc:
        raise BadToken("de link is ongeldig") from exc
    if not isinstance(value, int):
        raise BadToken("de link is ongeldig")
    return value
