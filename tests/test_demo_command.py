"""The README's demo, run as a person would: the real `caredesk` program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CAREDESK = str(Path(sys.executable).with_name("caredesk"))


def caredesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREDESK_")}
    return subprocess.run([CAREDESK, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def test_headless_demo_builds_its_own_database_and_cases_show_tags(tmp_path: Path) -> None:
    built = caredesk("demo", "--headless", cwd=tmp_path)

    assert built.returncode == 0, built.stderr
    summary = json.loads(built.stdout)
    assert (tmp_path / "caredesk-demo.db").is_file()
    assert summary["customers"] >= 28 and summary["posts"] >= 140
    assert summary["rejected"] == 0
    for topic in ("privacy", "unwanted_contact", "blocking"):
        assert summary["tags"].get(topic, 0) > 0, summary["tags"]
    assert summary["queues"].get("preference_breach", 0) > 0, summary["queues"]

    listed = caredesk("cases", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "reading the demo database" in listed.stderr
    cases = json.loads(listed.stdout)
    assert len(cases) == summary["cases"]
    assert sum(bool(case["tags"]) for case in cases) > len(cases) / 2
    shown = caredesk("case", "show", str(cases[0]["case_id"]), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "held (masked" in shown.stdout

    assert caredesk("init", cwd=tmp_path).returncode == 0
    own = caredesk("cases", "--format", "json", cwd=tmp_path)
    assert (own.returncode, json.loads(own.stdout), own.stderr) == (0, [], "")


def test_demo_rebuilds_a_demo_database_but_never_overwrites_real_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.db'}"
    assert caredesk("--db", url, "init", cwd=tmp_path).returncode == 0
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "customer_id,name,email,phone,dob,postcode,address,account_number,x_handle,"
        "mastodon_handle,bluesky_handle,preferred_channel,do_not_call,no_marketing\n"
        "C-1,Jo Bloggs,jo@example.com,07700 900001,,,,,jo_b,,,email,false,false\n",
        encoding="utf-8",
    )
    assert caredesk("--db", url, "import", "customers", str(customers),
                    cwd=tmp_path).returncode == 0

    refused = caredesk("--db", url, "demo", "--headless", cwd=tmp_path)

    assert refused.returncode == 1
    assert "never overwrites" in refused.stderr
    assert "Traceback" not in refused.stderr
    demo_url = f"sqlite:///{tmp_path / 'demo.db'}"
    first = caredesk("--db", demo_url, "demo", "--headless", cwd=tmp_path)
    second = caredesk("--db", demo_url, "demo", "--headless", cwd=tmp_path)
    assert first.returncode == second.returncode == 0, second.stderr
    assert json.loads(first.stdout)["posts"] == json.loads(second.stdout)["posts"]


def test_looking_at_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    result = caredesk("cases", cwd=tmp_path)

    assert result.returncode == 1
    assert "run 'caredesk init'" in result.stderr
    assert list(tmp_path.iterdir()) == []
