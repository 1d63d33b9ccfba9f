"""Saving: kill -9 during a save leaves the old or the new file and no temporary files; symbolic links
are followed. Reading: size and nesting limits; a bad user library file is skipped, never a lock-out."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from .conftest import REPO, REPRO

WRITER = r"""
import sys
from anodelab.fileio import atomic_write_bytes
target, a, b = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
big_a, big_b = a * 200_000, b * 200_000    # 1.2 MB each: a save takes long enough to be hit
print("READY", flush=True)
i = 0
while True:
    atomic_write_bytes(target, big_a if i % 2 == 0 else big_b)
    i += 1
"""


def _temporaries(folder, name):
    return [p for p in os.listdir(folder) if p.startswith(f".{name}.") and p.endswith(".tmp")]


@pytest.mark.slow
def test_kill_9_during_save_100_times_leaves_old_or_new_file_and_no_temporaries(tmp_path):
    target = tmp_path / "design.toml"
    old, new = b"old---", b"new+++"
    target.write_bytes(old * 200_000)
    valid = {old * 200_000, new * 200_000}
    rng = random.Random(11)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    leftovers = []
    for _ in range(100):
        p = subprocess.Popen([sys.executable, "-c", WRITER, str(target), "old---", "new+++"],
                             stdout=subprocess.PIPE, env=env)
        assert p.stdout.readline().strip() == b"READY"
        time.sleep(rng.uniform(0.0, 0.03))
        p.send_signal(signal.SIGKILL)
        p.wait()
        p.stdout.close()
        assert target.read_bytes() in valid  # the previous or the new file, never a mix or a stub
        leftovers.append(len(_temporaries(tmp_path, target.name)))
    # a kill between creating and renaming the temporary leaves it; the next save of the file removes
    # it (its writer's pid is gone), so they never pile up …
    assert max(leftovers) <= 1, leftovers
    from anodelab.fileio import atomic_write_bytes

    atomic_write_bytes(target, new * 200_000)
    # … and after the next save none is left
    assert _temporaries(tmp_path, target.name) == []
    assert target.read_bytes() == new * 200_000


def test_saving_through_a_symbolic_link_writes_its_target(tmp_path):
    from anodelab.design import load_design, save_design

    real = tmp_path / "real" / "design.toml"
    real.parent.mkdir()
    real.write_bytes((REPO / "resources/examples/na_nzsp.toml").read_bytes())
    os.chmod(real, 0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    d = load_design(link).with_conditions(temperature_C=55.0)
    save_design(d, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_design(real).conditions.temperature_C == 55.0
    assert (os.stat(real).st_mode & 0o777) == 0o640
    # a relative link, two hops
    hop = tmp_path / "real" / "hop.toml"
    hop.symlink_to("design.toml")
    link2 = tmp_path / "link2.toml"
    link2.symlink_to(hop)
    save_design(d.with_conditions(temperature_C=56.0), link2)
    assert link2.is_symlink() and hop.is_symlink()
    assert load_design(real).conditions.temperature_C == 56.0


def test_save_to_a_folder_or_unwritable_place_is_a_named_error(tmp_path):
    from anodelab.design import load_design, save_design
    from anodelab.errors import AnodeLabError

    d = load_design(REPO / "resources/examples/na_nzsp.toml")
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(AnodeLabError, match="is a folder"):
        save_design(d, tmp_path / "dir.toml")
    with pytest.raises(AnodeLabError, match="cannot write"):
        save_design(d, "/proc/anodelab.toml")


def test_input_size_limit_is_checked_before_reading(cli, tmp_path):
    """d_msg_many_keys.sh: 3,000,000 unknown keys (38 MB) gave a 35 MB error line."""
    b = (REPO / "resources/examples/na_nzsp.toml").read_text(encoding="utf-8")
    big = tmp_path / "many_keys.toml"
    big.write_text("format_version = 1\n" + "".join(f"k{i} = 1\n" for i in range(3_000_000)) + b.split("\n", 1)[1])
    t0 = time.perf_counter()
    line = cli("score", big).assert_named_error("the limit for an input file is 4,000,000 bytes", max_len=400)
    assert time.perf_counter() - t0 < 2
    assert "38," in line or "37," in line or "39," in line


def test_many_unknown_keys_below_the_size_limit_are_summarised(cli, tmp_path):
    b = (REPO / "resources/examples/na_nzsp.toml").read_text(encoding="utf-8")
    f = tmp_path / "keys.toml"
    f.write_text("format_version = 1\n" + "".join(f"k{i} = 1\n" for i in range(300_000)) + b.split("\n", 1)[1])
    line = cli("score", f).assert_named_error("300,000 unknown top-level key(s)", "and 299,992 more", max_len=800)
    for where in ("conditions", "host"):  # same in a table
        text = b.replace(f"[{where}]\n", f"[{where}]\n" + "".join(f"x{i} = 1\n" for i in range(50_000)), 1)
        f.write_text(text)
        line = cli("score", f).assert_named_error("50,000 unknown keys", max_len=1500)
    assert line


@pytest.mark.parametrize("what", ["design", "screen"])
def test_deep_nesting_is_a_named_error(cli, tmp_path, what):
    deep = "[" * 30 + "1" + "]" * 30
    if what == "design":
        f = tmp_path / "d.toml"
        f.write_text(f'format_version = 1\nname = "x"\nextra = {deep}\n')
        cli("score", f).assert_named_error("nested deeper than the limit of 20 levels")
    else:
        f = tmp_path / "s.toml"
        f.write_text((REPO / "resources/screens/ether_hosts.toml").read_text() + f"\nextra = {deep}\n")
        cli("screen", f, "--quiet").assert_named_error("nested deeper than the limit of 20 levels")


def test_a_deeply_nested_user_library_file_is_skipped_not_a_lock_out(cli, _isolated_user_dir):
    """d2_…: in the user materials folder it made every command exit 3 and --selftest fail."""
    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    (folder / "deep.toml").write_bytes((REPRO / "d2_user_library_deep_nesting_lockout.toml").read_bytes())
    r = cli("materials", "list")
    assert r.rc == 0 and "cu-foil" in r.out
    assert "warning: skipped your library file" in r.err and "deep.toml" in r.err and "nested deeper" in r.err
    r = cli("score", REPO / "resources/examples/na_nzsp.toml", "--json")
    assert r.rc == 0 and r.json()["dendrite_risk"] is not None
    # odd files of every other kind are skipped too
    (folder / "latin1.toml").write_bytes("name = 'für'".encode("latin-1"))
    os.mkfifo(folder / "fifo.toml")
    r = cli("materials", "list")
    assert r.rc == 0 and r.err.count("warning: skipped") == 3, r.err


@pytest.mark.gui
def test_selftest_passes_with_a_bad_user_library_file(tmp_path):
    user = tmp_path / "user"
    (user / "materials").mkdir(parents=True)
    (user / "materials" / "deep.toml").write_bytes((REPRO / "d2_user_library_deep_nesting_lockout.toml").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANODELAB_USER_DIR=str(user), XDG_CONFIG_HOME=str(tmp_path / "c"))
    exe = REPO / ".venv" / "bin" / "anodelab-gui"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "anodelab.gui.app"]
    r = subprocess.run([*cmd, "--selftest"], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, (r.stdout[-3000:], r.stderr[-3000:])
    assert "Traceback" not in r.stderr


def test_control_characters_in_user_material_names_are_escaped_in_listings(cli, _isolated_user_dir):
    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    good = (REPRO / "d_xss_user_material.toml").read_text().replace(
        "<script>alert('material name')</script>", "evil\\u001b[31mRED\\nline")
    (folder / "x.toml").write_text(good)
    r = cli("materials", "list")
    assert r.rc == 0 and "\x1b" not in r.out and "evil\\x1b[31mRED\\nline" in r.out
