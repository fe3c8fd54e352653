"""Login with ID-porten: OpenID Connect, authorization code flow with PKCE (S256), state and nonce.

Configured entirely by settings (``TORG_IDPORTEN_*``); with no issuer or client id
it is off and the login page offers no ID-porten button. Endpoints come from the
provider's ``/.well-known/openid-configuration``; signing keys from its JWKS.

The flow:

1. :func:`start` makes ``state``, ``nonce`` and a PKCE ``code_verifier`` (kept in
   the resident's session by the view) and the address of the provider's
   authorize endpoint, with ``acr_values`` and ``ui_locales``.
2. The provider sends the resident back with ``code`` and ``state``.
   :func:`finish` checks ``state``, exchanges the code (with the verifier and the
   client's authentication: client_secret_basic, client_secret_post or
   private_key_jwt), verifies the ID token (RS256 with a key from the JWKS,
   ``iss``, ``aud``, ``exp``, ``iat``, ``nonce``), checks that ``acr`` is at
   least the level asked for, and reads ``pid``.

Only a salted HMAC of ``pid`` (the fødselsnummer) leaves this module; the number
is never stored or logged, and the tokens are not kept.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.views.decorators.debug import sensitive_variables

from .session import pid_hash

logger = logging.getLogger(__name__)

# ID-porten's levels, lowest first, and the names older clients still see.
LEVELS = ("idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high")
OLD_LEVELS = {"Level3": "idporten-loa-substantial", "Level4": "idporten-loa-high"}
DISCOVERY_SECONDS = 3600
LEEWAY_SECONDS = 30
_PID = re.compile(r"\d{11}")


class OidcError(Exception):
    """The login did not succeed. ``reason`` says why, for the page and the log (never personal data)."""

    reason = "rejected"


class Unavailable(OidcError):
    """The provider did not answer, or answered with something that is not a provider's answer."""

    reason = "unavailable"


class Rejected(OidcError):
    """State, code or ID token did not hold up."""

    reason = "rejected"


class Cancelled(OidcError):
    """The resident stopped at the provider (error=access_denied and the like)."""

    reason = "cancelled"


class LevelTooLow(OidcError):
    reason = "level"


@dataclass(frozen=True)
class Config:
    issuer: str
    client_id: str
    client_secret: str
    client_auth: str
    private_key: str
    key_id: str
    acr: str
    scopes: str
    redirect_uri: str
    timeout: float
    ui_locales: str


@dataclass(frozen=True)
class Login:
    pid_hash: str
    acr: str
    email: str = ""


def config() -> Config | None:
    """The ID-porten client from settings, or None when it is not set up (the button is hidden then)."""
    issuer = str(getattr(settings, "TORG_IDPORTEN_ISSUER", "") or "").rstrip("/")
    client_id = str(getattr(settings, "TORG_IDPORTEN_CLIENT_ID", "") or "")
    auth = str(getattr(settings, "TORG_IDPORTEN_CLIENT_AUTH", "") or "client_secret_basic")
    secret = str(getattr(settings, "TORG_IDPORTEN_CLIENT_SECRET", "") or "")
    key = ""
    key_file = str(getattr(settings, "TORG_IDPORTEN_PRIVATE_KEY_FILE", "") or "")
    if auth == "private_key_jwt" and key_file:
        try:
            with open(key_file, encoding="ascii") as handle:
                key = handle.read()
        except OSError:
            logger.error("ID-porten: cannot read TORG_IDPORTEN_PRIVATE_KEY_FILE; ID-porten login is off")
            return None
    if not issuer or not client_id or not (key if auth == "private_key_jwt" else secret):
        return None
    base = str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return Config(
        issuer=issuer,
        client_id=client_id,
        client_secret=secret,
        client_auth=auth,
        private_key=key,
        key_id=str(getattr(settings, "TORG_IDPORTEN_KEY_ID", "") or ""),
        acr=str(getattr(settings, "TORG_IDPORTEN_ACR", "") or LEVELS[1]),
        scopes=str(getattr(settings, "TORG_IDPORTEN_SCOPES", "") or "openid profile"),
        redirect_uri=str(getattr(settings, "TORG_IDPORTEN_REDIRECT_URI", "") or "")
        or base + reverse("minsak:idporten_callback"),
        timeout=float(getattr(settings, "TORG_IDPORTEN_TIMEOUT", 5) or 5),
        ui_locales=str(getattr(settings, "TORG_IDPORTEN_UI_LOCALES", "") or "nn"),
    )


def level_rank(acr: str) -> int:
    """Where a level stands (higher is stronger); -1 for a level we do not know."""
    acr = OLD_LEVELS.get(acr, acr)
    return LEVELS.index(acr) if acr in LEVELS else -1


def level_is_enough(got: str, wanted: str) -> bool:
    return level_rank(got) >= max(level_rank(wanted), 0) and level_rank(got) >= 0


# --- HTTP ---------------------------------------------------------------------


def _get_json(url: str, cfg: Config, **kwargs: Any) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=cfg.timeout, allow_redirects=False, **kwargs)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("ID-porten: GET %s failed: %s", url, type(error).__name__)
        raise Unavailable from error
    if not isinstance(data, dict):
        raise Unavailable
    return data


def discover(cfg: Config) -> dict[str, Any]:
    """The provider's metadata (cached an hour); its ``issuer`` must be the one configured."""
    key = "torg:minsak:oidc:meta:" + hashlib.sha256(cfg.issuer.encode()).hexdigest()[:32]
    meta = cache.get(key)
    if isinstance(meta, dict):
        return meta
    meta = _get_json(cfg.issuer + "/.well-known/openid-configuration", cfg)
    if str(meta.get("issuer", "")).rstrip("/") != cfg.issuer:
        logger.warning("ID-porten: the discovery document names another issuer")
        raise Unavailable
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(meta.get(name), str) or not meta[name].startswith(("https://", "http://")):
            logger.warning("ID-porten: the discovery document has no %s", name)
            raise Unavailable
    cache.set(key, meta, DISCOVERY_SECONDS)
    return meta


def _signing_key(cfg: Config, meta: dict[str, Any], kid: str | None) -> Any:
    """The JWKS key with ``kid`` (the JWKS is fetched again once when the key is new)."""
    key = "torg:minsak:oidc:jwks:" + hashlib.sha256(meta["jwks_uri"].encode()).hexdigest()[:32]
    for refresh in (False, True):
        jwks = None if refresh else cache.get(key)
        if not isinstance(jwks, dict):
            jwks = _get_json(meta["jwks_uri"], cfg)
            cache.set(key, jwks, DISCOVERY_SECONDS)
        try:
            keys = [k for k in jwt.PyJWKSet.from_dict(jwks).keys if k.key_type == "RSA"]
        except jwt.PyJWTError as error:
            raise Unavailable from error
        if kid is None and len(keys) == 1:
            return keys[0].key
        for candidate in keys:
            if candidate.key_id == kid:
                return candidate.key
    raise Rejected("no key in the provider's JWKS matches the ID token")


# --- The flow -----------------------------------------------------------------


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start(cfg: Config) -> tuple[str, dict[str, Any]]:
    """The authorize address to send the resident to, and what to keep in the session until they return."""
    meta = discover(cfg)
    pending: dict[str, Any] = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": secrets.token_urlsafe(48),
        "acr": cfg.acr,
        "started": int(time.time()),
    }
    params: dict[str, str] = {
        "response_type": "code",
        "client_id": cfg.client_id,
        "redirect_uri": cfg.redirect_uri,
        "scope": cfg.scopes,
        "state": pending["state"],
        "nonce": pending["nonce"],
        "code_challenge": _challenge(pending["verifier"]),
        "code_challenge_method": "S256",
        "acr_values": cfg.acr,
        "ui_locales": cfg.ui_locales,
    }
    request = requests.Request("GET", meta["authorization_endpoint"], params=params).prepare()
    return str(request.url), pending


@sensitive_variables("cfg", "data", "assertion")
def _client_auth(cfg: Config, meta: dict[str, Any], data: dict[str, str]) -> tuple[Any, dict[str, str]]:
    if cfg.client_auth == "private_key_jwt":
        now = int(time.time())
        claims = {
            "iss": cfg.client_id,
            "sub": cfg.client_id,
            "aud": cfg.issuer,
            "jti": secrets.token_urlsafe(16),
            "iat": now,
            "exp": now + 60,
        }
        headers = {"kid": cfg.key_id} if cfg.key_id else None
        try:
            assertion = jwt.encode(claims, cfg.private_key, algorithm="RS256", headers=headers)
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            logger.error("ID-porten: cannot sign the client assertion (check TORG_IDPORTEN_PRIVATE_KEY_FILE)")
            raise Unavailable from error
        data = {
            **data,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion,
        }
        return None, data
    if cfg.client_auth == "client_secret_post":
        return None, {**data, "client_id": cfg.client_id, "client_secret": cfg.client_secret}
    return (cfg.client_id, cfg.client_secret), data


@sensitive_variables("cfg", "code", "verifier", "auth", "form", "response", "tokens")
def _exchange(cfg: Config, meta: dict[str, Any], code: str, verifier: str) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": cfg.redirect_uri,
        "code_verifier": verifier,
    }
    auth, form = _client_auth(cfg, meta, form)
    try:
        response = requests.post(
            meta["token_endpoint"], data=form, auth=auth, timeout=cfg.timeout, allow_redirects=False
        )
    except requests.RequestException as error:
        logger.warning("ID-porten: the token endpoint did not answer: %s", type(error).__name__)
        raise Unavailable from error
    if response.status_code >= 500:
        logger.warning("ID-porten: the token endpoint answered %s", response.status_code)
        raise Unavailable
    try:
        tokens = response.json()
    except ValueError as error:
        raise Unavailable from error
    if response.status_code != 200 or not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        error_code = tokens.get("error") if isinstance(tokens, dict) else None
        logger.warning("ID-porten: the code was refused (%s, %s)", response.status_code, str(error_code)[:50])
        raise Rejected("the token endpoint refused the code")
    return tokens


@sensitive_variables("cfg", "id_token", "claims")
def verify_id_token(cfg: Config, meta: dict[str, Any], id_token: str, nonce: str) -> dict[str, Any]:
    """The ID token's claims, once signature, issuer, audience, times and nonce hold."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as error:
        raise Rejected("the ID token is not a JWT") from error
    if header.get("alg") != "RS256":
        raise Rejected("the ID token is not signed with RS256")
    key = _signing_key(cfg, meta, header.get("kid"))
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key,
            algorithms=["RS256"],
            audience=cfg.client_id,
            issuer=meta["issuer"],
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise Rejected(f"the ID token does not hold: {type(error).__name__}") from error
    audience = claims.get("aud")
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != cfg.client_id:
        raise Rejected("the ID token was issued to another client")
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise Rejected("the ID token's nonce is not ours")
    return claims


@sensitive_variables("cfg", "access_token", "claims")
def _userinfo_email(cfg: Config, meta: dict[str, Any], access_token: str, sub: str) -> str:
    """A verified e-mail address from the userinfo endpoint, or "" (ID-porten usually gives none)."""
    endpoint = meta.get("userinfo_endpoint")
    if not isinstance(endpoint, str) or not endpoint or not access_token:
        return ""
    try:
        claims = _get_json(endpoint, cfg, headers={"Authorization": f"Bearer {access_token}"})
    except Unavailable:
        return ""
    email = claims.get("email")
    if claims.get("sub") != sub or not isinstance(email, str) or claims.get("email_verified") is False:
        return ""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


@sensitive_variables("cfg", "params", "pending", "tokens", "claims", "pid")
def finish(cfg: Config, pending: dict[str, Any] | None, params: dict[str, str]) -> Login:
    """Complete the login from the provider's answer (the query parameters of the redirect back)."""
    state = str(params.get("state", ""))
    if not pending or not state or not secrets.compare_digest(state, str(pending.get("state", ""))):
        raise Rejected("the state is not one we sent")
    if params.get("error"):
        raise Cancelled(str(params.get("error"))[:50])
    code = str(params.get("code", ""))
    if not code or len(code) > 2000:
        raise Rejected("no code")
    meta = discover(cfg)
    tokens = _exchange(cfg, meta, code, str(pending["verifier"]))
    claims = verify_id_token(cfg, meta, tokens["id_token"], str(pending["nonce"]))
    acr = str(claims.get("acr", ""))
    if not level_is_enough(acr, str(pending.get("acr") or cfg.acr)):
        raise LevelTooLow(f"acr {acr[:40]!r} is below {cfg.acr!r}")
    pid = claims.get("pid")
    if not isinstance(pid, str) or not _PID.fullmatch(pid):
        raise Rejected("the ID token has no pid")
    email = _userinfo_email(cfg, meta, str(tokens.get("access_token") or ""), str(claims.get("sub")))
    return Login(pid_hash=pid_hash(pid), acr=OLD_LEVELS.get(acr, acr), email=email)
