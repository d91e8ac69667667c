"""The `caredesk` command on real SQLite files: exit codes, output and error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caredesk.cli.main import cli
from caredesk.cli.root import EXIT_ERROR, EXIT_REJECTED
from caredesk.config import CONFIG_ENV, DATABASE_URL_ENV
from caredesk.services.imports import CUSTOMER_COLUMNS

HEADER = ",".join([*CUSTOMER_COLUMNS, "preferred_only"])
JO = ("NW-1001,Jo Bloggs,jo.bloggs@example.com,07700 900123,1985-04-12,SW1A 1AA,"
      "\"12 Acacia Avenue, London\",NW40218837,jo_bloggs,,,email,false,false,true")
SAM = "NW-1002,Sam Patel,,020 7946 0999,,,,,sam_p,,,,false,false,"
BAD_PHONE = "NW-1003,Ali Khan,,call me,,,,,ali_k,,,,false,false,"
BAD_ENUM = "NW-1004,Kim Lee,,07700 900456,,,,,kim_l,,,fax,false,false,"


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Invoke the CLI with no CAREDESK_* variables from the outer environment."""
    clean: dict[str, str | None] = {CONFIG_ENV: None, DATABASE_URL_ENV: None}
    clean.update(env or {})
    return CliRunner(env=clean).invoke(cli, list(args), catch_exceptions=True)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    assert "Traceback" not in result.output


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def db_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


@pytest.fixture
def ready(db_url: str) -> str:
    ok(run("--db", db_url, "init"))
    return db_url


def csv_file(tmp_path: Path, *rows: str, name: str = "customers.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_init_creates_then_finds_the_database(db_url: str, db_path: Path) -> None:
    first = ok(run("--db", db_url, "init"))
    second = ok(run("--db", db_url, "init"))

    assert db_path.is_file()
    assert first.stdout == f"database {db_url} created at schema 0001\n"
    assert second.stdout == f"database {db_url} is ready at schema 0001\n"


def test_db_upgrade_reports_before_and_after(db_url: str) -> None:
    fresh = ok(run("--db", db_url, "db", "upgrade"))
    again = ok(run("--db", db_url, "db", "upgrade"))

    assert fresh.stdout == f"{db_url}: schema (none) -> 0001\n"
    assert again.stdout == f"{db_url}: schema 0001 -> 0001\n"


def test_db_option_beats_the_environment(tmp_path: Path, db_url: str, db_path: Path) -> None:
    other = tmp_path / "from-env.db"

    ok(run("--db", db_url, "init", env={DATABASE_URL_ENV: f"sqlite:///{other}"}))

    assert db_path.is_file()
    assert not other.exists()


def test_the_environment_names_the_database(db_path: Path, db_url: str) -> None:
    result = ok(run("init", env={DATABASE_URL_ENV: db_url}))

    assert db_path.is_file()
    assert db_url in result.stdout


def test_the_config_file_names_the_database(tmp_path: Path, db_path: Path, db_url: str) -> None:
    config = tmp_path / "caredesk.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")

    ok(run("--config", str(config), "init"))
    ok(run("init", env={CONFIG_ENV: str(config)}))

    assert db_path.is_file()


def test_import_customers_exit_zero(ready: str, tmp_path: Path) -> None:
    path = csv_file(tmp_path, JO, SAM)

    result = ok(run("--db", ready, "import", "customers", str(path)))

    assert result.stdout == (f"customers:{path.resolve()}: 2 rows, 2 added, 0 updated, "
                             "0 unchanged, 0 rejected\n")
    assert result.stderr == ""
    again = ok(run("--db", ready, "import", "customers", str(path)))
    assert "0 added, 0 updated, 2 unchanged, 0 rejected" in again.stdout


def test_import_customers_with_rejects_exits_3_and_lists_them(ready: str, tmp_path: Path) -> None:
    path = csv_file(tmp_path, JO, BAD_PHONE, SAM, BAD_ENUM)

    result = run("--db", ready, "import", "customers", str(path))

    assert result.exit_code == EXIT_REJECTED == 3
    no_traceback(result)
    assert "4 rows, 2 added, 0 updated, 0 unchanged, 2 rejected" in result.stdout
    lines = result.stderr.splitlines()
    assert lines[0].startswith("rejected: line 3: phone: 'call me' is not a phone number")
    assert lines[1].startswith("rejected: line 5: preferred_channel: 'fax' is not one of")
    assert lines[2] == ("the rest was processed; 'caredesk rejects' lists what was kept aside")
    assert len(lines) == 3


def test_import_json_report(ready: str, tmp_path: Path) -> None:
    path = csv_file(tmp_path, JO, BAD_PHONE)

    result = run("--db", ready, "import", "customers", "--format", "json", str(path))

    assert result.exit_code == EXIT_REJECTED
    report = json.loads(result.stdout)
    assert (report["rows"], report["added"], report["updated"], report["unchanged"]) == (
        2, 1, 0, 0)
    assert report["rejected"] == [{"source": f"customers:{path.resolve()}",
                                   "location": "line 3",
                                   "reason": report["rejected"][0]["reason"]}]
    assert report["rejected"][0]["reason"].startswith("phone: ")


def test_rejects_as_json_and_as_a_table(ready: str, tmp_path: Path) -> None:
    path = csv_file(tmp_path, JO, BAD_PHONE)
    run("--db", ready, "import", "customers", str(path))

    as_json = ok(run("--db", ready, "rejects", "--format", "json"))
    as_table = ok(run("--db", ready, "rejects"))

    [reject] = json.loads(as_json.stdout)
    assert set(reject) == {"id", "source", "location", "reason", "payload", "created_at"}
    assert (reject["source"], reject["location"]) == (f"customers:{path.resolve()}", "line 3")
    assert reject["payload"] == BAD_PHONE
    assert reject["reason"].startswith("phone: 'call me'")
    header, row = as_table.stdout.splitlines()
    assert header.split() == ["ID", "SOURCE", "WHERE", "REASON"]
    assert row.split(maxsplit=2)[:2] == [str(reject["id"]), f"customers:{path.resolve()}"]
    assert "  line 3  phone: 'call me'" in row


def test_rejects_filtered_by_source(ready: str, tmp_path: Path) -> None:
    path = csv_file(tmp_path, BAD_PHONE)
    run("--db", ready, "import", "customers", str(path))

    other = ok(run("--db", ready, "rejects", "--source", "jsonl:elsewhere", "--format", "json"))
    mine = ok(run("--db", ready, "rejects", "--source", f"customers:{path.resolve()}",
                  "--format", "json"))

    assert json.loads(other.stdout) == []
    assert len(json.loads(mine.stdout)) == 1


def test_import_of_a_missing_file_is_one_error_line(ready: str, tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"

    result = run("--db", ready, "import", "customers", str(path))

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith(f"error: {path}: cannot read")


def test_import_with_a_missing_column_is_one_error_line(ready: str, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("customer_id,name\nNW-1001,Jo Bloggs\n", encoding="utf-8")

    result = run("--db", ready, "import", "customers", str(path))

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith(f"error: {path}: header lacks column(s) email, phone")


@pytest.mark.parametrize(
    ("toml", "key", "reason"),
    [
        ("[smtp]\nport = 70000\n", "smtp.port", "must be between 1 and 65535, got 70000"),
        ("[sla]\nurgent_hour = 1\n", "sla.urgent_hour", "unknown setting"),
        ("[database\n", "(syntax)", ""),
    ],
    ids=["out-of-range", "typo", "syntax"],
)
def test_a_bad_config_file_is_one_error_line(
    tmp_path: Path, db_url: str, toml: str, key: str, reason: str
) -> None:
    config = tmp_path / "caredesk.toml"
    config.write_text(toml, encoding="utf-8")

    result = run("--config", str(config), "--db", db_url, "init")

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith(f"error: {config}: {key}: {reason}")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_a_missing_config_file_from_the_environment(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "absent.toml"

    result = run("--db", db_url, "init", env={CONFIG_ENV: str(config)})

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith(f"error: {config}: (file): no such file")


@pytest.mark.parametrize(
    "command",
    [["rejects"], ["agents"], ["agent", "add", "alex"], ["cases"],
     ["import", "customers", "customers.csv"]],
    ids=lambda c: "-".join(c),
)
def test_a_database_without_schema_says_run_init(db_url: str, command: list[str]) -> None:
    result = run("--db", db_url, *command)

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr == (f"error: {db_url} has no caredesk schema: run 'caredesk init' "
                             "(or 'caredesk demo' for the demo desk)\n")


def test_not_a_database_url(tmp_path: Path) -> None:
    result = run("--db", "not a url", "init")

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith("error: not a database URL: 'not a url'")


def test_a_database_in_a_missing_folder(tmp_path: Path) -> None:
    result = run("--db", f"sqlite:///{tmp_path / 'nope' / 'desk.db'}", "init")

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith(f"error: folder {tmp_path / 'nope'} does not exist")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    """BUG (see tests/store/test_database.py): sqlite's "file is not a database" is a
    sqlalchemy DatabaseError that Database does not translate, so this is a traceback."""
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 100, encoding="utf-8")

    result = run("--db", f"sqlite:///{notes}", "init")

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr.startswith("error: ")


def test_agent_add_and_agents(ready: str) -> None:
    added = ok(run("--db", ready, "agent", "add", "sam", "--role", "supervisor"))
    ok(run("--db", ready, "agent", "add", "alex"))

    listed = ok(run("--db", ready, "agents", "--format", "json"))
    table = ok(run("--db", ready, "agents"))

    assert added.stdout == "agent sam added as supervisor\n"
    assert json.loads(listed.stdout) == [
        {"name": "alex", "role": "agent", "active": True},
        {"name": "sam", "role": "supervisor", "active": True},
    ]
    assert table.stdout.splitlines() == ["NAME  ROLE        ACTIVE",
                                         "alex  agent       yes",
                                         "sam   supervisor  yes"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("alex", "error: agent 'alex' exists already; see 'caredesk agents'"),
     ("two words", "error: agent name 'two words': use 1-100 characters without spaces")],
    ids=["duplicate", "space"],
)
def test_agent_add_refuses(ready: str, name: str, message: str) -> None:
    ok(run("--db", ready, "agent", "add", "alex"))

    result = run("--db", ready, "agent", "add", name)

    assert result.exit_code == EXIT_ERROR
    no_traceback(result)
    assert result.stderr == message + "\n"


def test_agent_add_rejects_an_unknown_role(ready: str) -> None:
    result = run("--db", ready, "agent", "add", "alex", "--role", "overlord")

    assert result.exit_code == 2  # click's usage error
    assert "overlord" in result.stderr


def test_every_command_is_loaded_from_the_module_the_map_names() -> None:
    """root.COMMAND_MODULES must list each command, or `caredesk NAME` says no such command."""
    import importlib

    from caredesk.cli.root import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"caredesk.cli.{module}")
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        assert cli.commands[name].callback.__module__ == f"caredesk.cli.{module}", name
