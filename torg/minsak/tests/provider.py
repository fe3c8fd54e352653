"""A local OpenID Connect provider shaped like ID-porten, for the tests: real HTTP on 127.0.0.1.

It serves discovery, authorize (redirects back with a code), token (checks the code,
the PKCE verifier, the redirect address and the client's authentication), JWKS and
userinfo, and signs ID tokens with its own RSA key. Each test turns a knob to make it
misbehave: another nonce, a lower ``acr``, an expired or wrongly signed token, a broken
token endpoint, or no answer at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PID = "01019012345"
SUB = "pairwise-sub-4711"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


@dataclass
class LocalProvider:
    client_id: str = "torg-test-client"
    client_secret: str = "test-secret-not-real"
    kid: str = "test-key-1"
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    client_key: rsa.RSAPublicKey | None = None  # set for private_key_jwt
    # Knobs
    acr: str = "idporten-loa-substantial"
    pid: str | None = PID
    email: str | None = None
    nonce: str | None = None  # None: echo the client's nonce
    expired: bool = False
    signing_key: rsa.RSAPrivateKey | None = None  # None: sign with ``key``
    issuer_claim: str | None = None
    audience: str | None = None
    token_status: int = 200
    deny: bool = False
    # What happened
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> LocalProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_GET(self) -> None:
                provider.handle(self, "GET")

            def do_POST(self) -> None:
                provider.handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # --- HTTP ---------------------------------------------------------------------

    def handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        body = b""
        if method == "POST":
            body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        routes = {
            ("GET", "/.well-known/openid-configuration"): self.discovery,
            ("GET", "/authorize"): self.authorize,
            ("POST", "/token"): self.token,
            ("GET", "/jwks"): self.jwks,
            ("GET", "/userinfo"): self.userinfo,
        }
        route = routes.get((method, url.path))
        if route is None:
            return self._send(request, 404, {"error": "not_found"})
        status, payload, headers = route(query, body, dict(request.headers))
        self._send(request, status, payload, headers)

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler, status: int, payload: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode() if payload is not None else b""
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        if payload is not None:
            request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def discovery(self, query: dict[str, str], body: bytes, headers: dict[str, str]) -> Any:
        base = self.issuer
        return (
            200,
            {
                "issuer": base,
                "authorization_endpoint": base + "/authorize",
                "token_endpoint": base + "/token",
                "jwks_uri": base + "/jwks",
                "userinfo_endpoint": base + "/userinfo",
                "end_session_endpoint": base + "/endsession",
                "response_types_supported": ["code"],
                "code_challenge_methods_supported": ["S256"],
                "acr_values_supported": ["idporten-loa-substantial", "idporten-loa-high"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                    "private_key_jwt",
                ],
                "id_token_signing_alg_values_supported": ["RS256"],
            },
            None,
        )

    def authorize(self, query: dict[str, str], body: bytes, headers: dict[str, str]) -> Any:
        self.authorize_requests.append(query)
        back = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not back:
            return 400, {"error": "invalid_request"}, None
        if self.deny:
            return (
                302,
                None,
                {"Location": back + "?" + urlencode({"error": "access_denied", "state": query.get("state", "")})},
            )
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query.get("nonce", ""),
            "challenge": query.get("code_challenge", ""),
            "method": query.get("code_challenge_method", ""),
            "redirect_uri": back,
        }
        return 302, None, {"Location": back + "?" + urlencode({"code": code, "state": query.get("state", "")})}

    def _client_ok(self, form: dict[str, str], headers: dict[str, str]) -> bool:
        if self.client_key is not None:
            if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                return False
            try:
                claims = jwt.decode(
                    form.get("client_assertion", ""), self.client_key, algorithms=["RS256"], audience=self.issuer
                )
            except jwt.PyJWTError:
                return False
            return bool(claims.get("iss") == claims.get("sub") == self.client_id)
        basic = headers.get("Authorization", "")
        if basic.startswith("Basic "):
            user, _colon, password = base64.b64decode(basic[6:]).decode().partition(":")
            return user == self.client_id and password == self.client_secret
        return form.get("client_id") == self.client_id and form.get("client_secret") == self.client_secret

    def token(self, query: dict[str, str], body: bytes, headers: dict[str, str]) -> Any:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        self.token_requests.append({"form": form, "headers": headers})
        if self.token_status != 200:
            return self.token_status, {"error": "server_error"}, None
        if not self._client_ok(form, headers):
            return 401, {"error": "invalid_client"}, None
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}, None
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (
            grant["method"] != "S256"
            or challenge != grant["challenge"]
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {"error": "invalid_grant"}, None
        return (
            200,
            {
                "access_token": "at-" + secrets.token_urlsafe(8),
                "token_type": "Bearer",
                "expires_in": 120,
                "id_token": self.id_token(grant["nonce"]),
            },
            None,
        )

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        iat, exp = (now - 900, now - 600) if self.expired else (now, now + 120)
        claims: dict[str, Any] = {
            "iss": self.issuer_claim or self.issuer,
            "aud": self.audience or self.client_id,
            "sub": SUB,
            "iat": iat,
            "exp": exp,
            "nonce": self.nonce if self.nonce is not None else nonce,
            "acr": self.acr,
            "amr": ["BankID"],
            "locale": "nn",
            "sid": "sid-1",
        }
        if self.pid is not None:
            claims["pid"] = self.pid
        return jwt.encode(claims, self.signing_key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self, query: dict[str, str], body: bytes, headers: dict[str, str]) -> Any:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return 200, {"keys": [jwk]}, None

    def userinfo(self, query: dict[str, str], body: bytes, headers: dict[str, str]) -> Any:
        if not headers.get("Authorization", "").startswith("Bearer at-"):
            return 401, {"error": "invalid_token"}, None
        claims: dict[str, Any] = {"sub": SUB}
        if self.pid is not None:
            claims["pid"] = self.pid
        if self.email:
            claims.update({"email": self.email, "email_verified": True})
        return 200, claims, None
