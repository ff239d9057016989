"""Fixtures for the receiver's tests.

    store        a migrated, empty store, once on SQLite and once on PostgreSQL
    store_url    the URL that store was opened from (for tests that open it again elsewhere)
    postgres_url a URL of an empty PostgreSQL schema of this test's own, so tests never see
                 each other's rows; the server is the one scripts/setup --test starts

Without a server the PostgreSQL tests are skipped, unless COUNCILSITE_REQUIRE_POSTGRES=1 (as
`make test` and so CI set it), when they fail: CI can never pass by skipping them.
"""
from __future__ import annotations

import os
import uuid

import pytest
from receiversite import in_schema, postgres_test_url

from councilsite.receiver.store import open_store


def _without_server(why: str):
    message = f"{why}: run scripts/setup --test to start one (or set COUNCILSITE_TEST_POSTGRES_URL)"
    if os.environ.get("COUNCILSITE_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + "; COUNCILSITE_REQUIRE_POSTGRES=1 forbids skipping", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The test server's own database (shared by every test: make a schema, as postgres_url does)."""
    url = postgres_test_url()
    if url is None:
        _without_server("no PostgreSQL server for the tests")
    import psycopg
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        _without_server(f"the PostgreSQL server for the tests does not answer ({str(exc).splitlines()[0]})")
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str):
    import psycopg
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield in_schema(postgres_server_url, schema)
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'receiver' / 'receiver.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    opened = open_store(store_url)
    opened.migrate()
    yield opened
    opened.close()
