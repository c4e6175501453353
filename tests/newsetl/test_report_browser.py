"""The seed run's data-quality report in a real browser: it renders (not blank) and article text stays text."""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from newsetl import report
from newsetl.quality import DQResult, write_results

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no `chromium` on PATH (Debian's chromium package; .ci/run installs it)")

WIDTH, HEIGHT = 1280, 2000
PAYLOAD = '<script>document.documentElement.setAttribute("data-pwned", "yes")</script>'
BROWSER_TIMEOUT_S = 120


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with no network chatter, sandbox or GPU (containers have neither)."""
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", *args],
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S)


def png_rows(data: bytes, max_rows: int) -> tuple[int, int, list[bytes]]:
    """Return (width, height, the first max_rows rows as raw RGB(A) bytes) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 4 if colour == 6 else 3
    stride = width * bpp
    raw = zlib.decompressobj().decompress(b"".join(idat), (stride + 1) * max_rows)
    rows, previous = [], bytearray(stride)
    for r in range(min(max_rows, height, len(raw) // (stride + 1))):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                corner = previous[i - bpp] if i >= bpp else 0
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.fixture(scope="module")
def report_page(seed_run, tmp_path_factory):
    """The seed run's report, rebuilt on a copy of its warehouse where article text carries a script."""
    settings, summary, _ = seed_run
    home = tmp_path_factory.mktemp("browser") / "home"
    shutil.copytree(settings.home, home, ignore=shutil.ignore_patterns(".newsetl.lock"))
    con = duckdb.connect(str(home / "warehouse.duckdb"))
    try:
        schema = con.execute("select active_schema from warehouse_state").fetchone()[0]
        con.execute(f"update {schema}.documents set publisher = ? "
                    f"where document_id = (select min(document_id) from {schema}.documents)", [PAYLOAD])
        write_results(con, [DQResult(
            run_id=summary["run_id"], suite="documents.warning", severity="warning",
            expectation="expect_column_value_lengths_to_be_between(title)", column_name="title", success=False,
            unexpected_count=1, examples=[{"document_id": "d0", "title": PAYLOAD}])])
        path = report.build_report(con, summary["run_id"], home / "reports")
    finally:
        con.close()
    return path


def test_report_renders_and_is_not_blank(report_page, tmp_path):
    shot = tmp_path / "r.png"
    out = chromium(tmp_path / "profile", f"--screenshot={shot}", report_page.as_uri())
    assert shot.is_file(), out.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 10_000
    width, height, rows = png_rows(data, max_rows=500)
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(rows) == 500
    pixels = Counter(row[i:i + 3] for row in rows for i in range(0, len(row), len(row) // WIDTH))
    background, count = pixels.most_common(1)[0]
    assert count < 0.98 * sum(pixels.values()), "the top of the page is one colour"
    assert len(pixels) > 20, f"only {len(pixels)} colours: nothing rendered"


def test_article_text_is_rendered_as_text(report_page, tmp_path):
    out = chromium(tmp_path / "profile", "--virtual-time-budget=2000", "--dump-dom", report_page.as_uri())
    dom = out.stdout
    assert "newsetl data quality" in dom, out.stderr[-2000:]
    assert 'data-pwned="yes"' not in dom
    assert "&lt;script&gt;document.documentElement.setAttribute" in dom
    assert "<script" not in dom.lower()
