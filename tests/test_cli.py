"""The command line as an officer uses it: help, import exit codes, demo counts, config errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.bankfiles import write_csv

CONTRACT_COMMANDS = [
    "run",
    "serve",
    "chat",
    "demo",
    "import",
    "understand",
    "export-tallies",
    "reminders",
    "broadcast",
    "link-code",
]


def bot(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOT_TOKEN"}}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_every_contract_command(tmp_path: Path) -> None:
    result = bot("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in CONTRACT_COMMANDS:
        assert command in result.stdout


def test_demo_then_import_report_and_exit_codes(tmp_path: Path) -> None:
    demo = bot("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "khách hàng thêm mới 60" in demo.stdout and "món vay thêm mới" in demo.stdout
    assert (tmp_path / "var" / "bot.sqlite3").exists()

    good = write_csv(
        tmp_path / "lich.csv", ["Tên xã", "Ngày giao dịch", "Giờ"], [["Đại Tâm", 17, "7h30"]]
    )
    ok = bot("import", str(good), cwd=tmp_path)
    assert ok.returncode == 0 and "lịch giao dịch" in ok.stdout

    bad = tmp_path / "notes.csv"
    bad.write_text("Ghi chú;Người viết\nHọp tổ;An\n", encoding="utf-8")
    refused = bot("import", str(good), str(bad), cwd=tmp_path)
    assert refused.returncode == 1
    assert "notes.csv: không phải một trong các tệp" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr


def test_wrong_settings_stop_with_one_line(tmp_path: Path) -> None:
    for env, needle in [
        ({"DATABASE_URL": "mysql://db/bot"}, "DATABASE_URL"),
        ({"BOT_TIMEZONE": "Asia/Saigon_City"}, "BOT_TIMEZONE"),
        ({"PORT": "http"}, "PORT"),
    ]:
        result = bot("demo", cwd=tmp_path, env=env)
        assert result.returncode == 2
        assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///data/other.sqlite3\n", encoding="utf-8")
    result = bot("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "other.sqlite3").exists()


def test_understand_reads_lines_and_writes_json_lines(tmp_path: Path) -> None:
    import json

    lines = "duw nowj con bn z\nnop bk to ap3 lai 4tr25 tk 1tr8\n\nhọp tổ ngày 20/12/2026\n"
    result = bot("understand", cwd=tmp_path, stdin=lines)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["intent"] for o in out] == ["balance", "tally_submit", "meeting_schedule"]
    assert out[1]["amounts"] == [4_250_000, 1_800_000]
    assert out[2]["dates"] == ["2026-12-20"]
    assert set(out[0]) == {"text", "intent", "confidence", "amounts", "dates"}
    assert out[0]["text"] == "duw nowj con bn z"
    assert not (tmp_path / "var").exists()  # no database needed
