"""The OpenAPI 3 document of the Open311 endpoints, served at /open311/v2/openapi.json.

Written by hand from the views (each address exists in a .json and an .xml
form), so it describes what the server really does: fields, filters, status
codes. The response schemas follow GeoReport v2 (wiki.open311.org/GeoReport_v2).
"""

from __future__ import annotations

from typing import Any

from .forms import MAX_ADDRESS, MAX_DESCRIPTION, MAX_NAME, MAX_PHONE

_REF = "#/components/schemas/"


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "nullable": True, **extra}


SCHEMAS: dict[str, Any] = {
    "Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Discovery": {
        "type": "object",
        "required": ["changeset", "endpoints"],
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "formats"],
                    "properties": {
                        "specification": {"type": "string"},
                        "url": {"type": "string"},
                        "changeset": {"type": "string"},
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": _nullable("string"),
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": _nullable("string"),
            "group": _nullable("string"),
        },
    },
    "Services": {"type": "array", "items": {"$ref": _REF + "Service"}},
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["variable", "code", "datatype", "required", "order", "description"],
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": {"type": "string"},
                        "datatype": {
                            "type": "string",
                            "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
                        },
                        "required": {"type": "boolean"},
                        "datatype_description": _nullable("string"),
                        "order": {"type": "integer", "minimum": 1},
                        "description": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["key", "name"],
                                "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        },
    },
    "ServiceRequest": {
        "type": "object",
        "description": "description, address, lat and long appear only for requests published with the "
        "reporter's consent. Contact details never appear.",
        "required": [
            "service_request_id",
            "status",
            "service_code",
            "service_name",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
        ],
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": _nullable("string"),
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": _nullable("string", maxLength=MAX_DESCRIPTION),
            "agency_responsible": _nullable("string"),
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": "string", "format": "date-time"},
            "address": _nullable("string"),
            "lat": _nullable("number"),
            "long": _nullable("number"),
        },
    },
    "ServiceRequests": {"type": "array", "items": {"$ref": _REF + "ServiceRequest"}},
    "Created": {
        "type": "array",
        "minItems": 1,
        "maxItems": 1,
        "items": {
            "type": "object",
            "required": ["service_request_id"],
            "properties": {
                "service_request_id": {"type": "string"},
                "service_notice": _nullable("string"),
                "account_id": _nullable("string"),
            },
        },
    },
    "NewServiceRequest": {
        "type": "object",
        "required": ["api_key", "service_code", "description"],
        "description": "Send lat and long, or address_string. Feedback (attribute[kind]=tilbakemelding) may be "
        "anonymous; other kinds need email or phone.",
        "properties": {
            "api_key": {"type": "string", "description": "The app's key (also accepted in the query string)."},
            "jurisdiction_id": {"type": "string"},
            "service_code": {"type": "string", "description": "A code from services.json.", "example": "general"},
            "lat": {"type": "number", "minimum": -90, "maximum": 90, "example": 60.628},
            "long": {"type": "number", "minimum": -180, "maximum": 180, "example": 6.414},
            "address_string": {"type": "string", "maxLength": MAX_ADDRESS},
            "email": {"type": "string", "format": "email", "example": "kari@example.org"},
            "phone": {"type": "string", "maxLength": MAX_PHONE},
            "first_name": {"type": "string", "maxLength": MAX_NAME},
            "last_name": {"type": "string", "maxLength": MAX_NAME},
            "description": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_DESCRIPTION,
                "example": "The street light outside the school is broken.",
            },
            "media_url": {"type": "string", "format": "uri", "description": "Kept as a link in the text."},
            "device_id": {"type": "string", "description": "Ignored."},
            "account_id": {"type": "string", "description": "Ignored."},
            "attribute[kind]": {"type": "string", "enum": ["sporsmal", "tilbakemelding", "klage", "feilmelding"]},
            "attribute[title]": {"type": "string", "maxLength": 200},
            "attribute[publish]": {"type": "string", "enum": ["yes", "no"]},
        },
    },
}

_JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "The municipality number. Optional: this endpoint serves one municipality.",
    "schema": {"type": "string", "maxLength": 100},
}
_LIST_FILTERS = [
    {
        "name": "service_request_id",
        "in": "query",
        "description": "References, comma separated. Overrides the other filters.",
        "schema": {"type": "string"},
    },
    {"name": "service_code", "in": "query", "description": "Codes, comma separated.", "schema": {"type": "string"}},
    {
        "name": "start_date",
        "in": "query",
        "description": "Earliest requested_datetime, e.g. 2026-01-01T00:00:00Z. Default: 90 days before end_date.",
        "schema": {"type": "string", "format": "date-time"},
    },
    {
        "name": "end_date",
        "in": "query",
        "description": "Latest requested_datetime. Default: now. At most 90 days after start_date.",
        "schema": {"type": "string", "format": "date-time"},
    },
    {
        "name": "status",
        "in": "query",
        "description": "open, closed or open,closed.",
        "schema": {"type": "string", "pattern": "^(open|closed)(,(open|closed))?$"},
    },
]


def _path_param(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "minLength": 1, "maxLength": 60, "pattern": "^[A-Za-z0-9_-]+$"},
    }


def _content(fmt: str, schema: str) -> dict[str, Any]:
    if fmt == "json":
        return {"application/json": {"schema": {"$ref": _REF + schema}}}
    return {"text/xml": {}}


def _responses(fmt: str, ok: str | None, *errors: int) -> dict[str, Any]:
    texts = {
        400: "Bad input; the errors say what to send.",
        403: "Missing, wrong or stopped api_key.",
        404: "Unknown service_code, service_request_id, token or jurisdiction_id.",
        413: "The request is too large.",
        429: "Too many service requests from this app this hour (see Retry-After).",
    }
    found: dict[str, Any] = {}
    if ok is not None:
        found["200"] = {"description": "OK", "content": _content(fmt, ok)}
    for status in errors:
        found[str(status)] = {"description": texts[status], "content": _content(fmt, "Errors")}
    return found


def _operations(fmt: str) -> dict[str, Any]:
    tag = {"json": "JSON", "xml": "XML"}[fmt]
    return {
        f"/discovery.{fmt}": {
            "get": {
                "operationId": f"discovery_{fmt}",
                "summary": "Where the GeoReport v2 endpoint is and its formats",
                "tags": [tag],
                "parameters": [_JURISDICTION],
                "responses": _responses(fmt, "Discovery", 404),
            }
        },
        f"/services.{fmt}": {
            "get": {
                "operationId": f"services_{fmt}",
                "summary": "The services an app may report to",
                "tags": [tag],
                "parameters": [_JURISDICTION],
                "responses": _responses(fmt, "Services", 404),
            }
        },
        f"/services/{{service_code}}.{fmt}": {
            "get": {
                "operationId": f"service_definition_{fmt}",
                "summary": "A service's definition: the optional attributes",
                "tags": [tag],
                "parameters": [_path_param("service_code", "A code from services"), _JURISDICTION],
                "responses": _responses(fmt, "ServiceDefinition", 404),
            }
        },
        f"/requests.{fmt}": {
            "get": {
                "operationId": f"requests_{fmt}",
                "summary": "Service requests, newest first (at most 1000, at most 90 days)",
                "tags": [tag],
                "parameters": [_JURISDICTION, *_LIST_FILTERS],
                "responses": _responses(fmt, "ServiceRequests", 400, 404),
            },
            "post": {
                "operationId": f"create_request_{fmt}",
                "summary": "Report something: creates an inquiry and returns its service_request_id",
                "tags": [tag],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": _REF + "NewServiceRequest"}}},
                },
                "responses": _responses(fmt, "Created", 400, 403, 404, 413, 429),
            },
        },
        f"/requests/{{service_request_id}}.{fmt}": {
            "get": {
                "operationId": f"request_{fmt}",
                "summary": "One service request",
                "tags": [tag],
                "parameters": [_path_param("service_request_id", "A reference, e.g. ST-ABC234"), _JURISDICTION],
                "responses": _responses(fmt, "ServiceRequests", 404),
            }
        },
        f"/tokens/{{token}}.{fmt}": {
            "get": {
                "operationId": f"token_{fmt}",
                "summary": "Tokens are never issued (requests are answered at once), so this is always 404",
                "tags": [tag],
                "parameters": [_path_param("token", "A token"), _JURISDICTION],
                "responses": _responses(fmt, None, 404),
            }
        },
    }


def document(base_path: str) -> dict[str, Any]:
    """The OpenAPI 3.0 document; ``base_path`` is where the API is mounted (e.g. /open311/v2)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Open311 GeoReport v2",
            "version": "2.0",
            "description": "Report problems to the municipality and follow them. Reading needs no key; "
            "posting needs an api_key from the municipality. Errors are lists of {code, description}.",
        },
        "servers": [{"url": base_path or "/"}],
        "paths": {
            **_operations("json"),
            **_operations("xml"),
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {"200": {"description": "OK", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
