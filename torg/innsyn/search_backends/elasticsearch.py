"""Elasticsearch 7/8: the same HTTP calls as OpenSearch (index, _bulk, _search, _count, _refresh)."""

from .opensearch import SearchBackend

__all__ = ["SearchBackend"]
