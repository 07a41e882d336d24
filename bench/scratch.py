"""Prepare the benchmark's scratch database before ``make bench`` migrates and fills it.

Run as ``python -m bench.scratch`` with DATABASE_URL set (the Makefile does this).

- SQLite: the default file bench/results/bench.sqlite3 is the benchmark's own: it is removed so
  every run starts empty. Any other file is left alone (fill_bench refuses one holding persons).
- PostgreSQL: the database is created when missing, through the ``postgres`` maintenance
  database with autocommit (CREATE DATABASE cannot run in a transaction). Its name must contain
  "bench". A database is dropped and created again only if this script created it before (it
  keeps their names in bench/results/created-databases.txt): a database someone else made is
  never dropped.
"""

import os
import sys
from pathlib import Path

import dj_database_url

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_SQLITE = RESULTS / "bench.sqlite3"
CREATED = RESULTS / "created-databases.txt"


def _created() -> set[str]:
    if not CREATED.exists():
        return set()
    return {line.strip() for line in CREATED.read_text(encoding="utf-8").splitlines() if line}


def _remember(key: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with CREATED.open("a", encoding="utf-8") as f:
        f.write(key + "\n")


def prepare(url: str) -> str:
    config = dj_database_url.parse(url)
    engine, name = config["ENGINE"], str(config["NAME"])
    if engine.endswith("sqlite3"):
        path = Path(name).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)  # bench/results/ is not in a checkout
        if path == DEFAULT_SQLITE:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return f"SQLite {path}: starting empty"
        return f"SQLite {path}: left as it is"
    if not engine.endswith("postgresql"):
        raise SystemExit(f"bench: unsupported database engine {engine}")
    if "bench" not in name:
        raise SystemExit(f"bench: refusing database {name!r}: its name must contain 'bench'")
    import psycopg
    from psycopg import sql

    key = f"postgresql://{config.get('HOST') or ''}:{config.get('PORT') or ''}/{name}"
    connection = psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and key in _created():
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return f"PostgreSQL {name}: dropped and created again (made by an earlier run)"
        if exists:
            return f"PostgreSQL {name}: exists and was not made here; left as it is"
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _remember(key)
    return f"PostgreSQL {name}: created"


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("bench: DATABASE_URL is not set")
    print(prepare(url))
