"""Writes a folder of hostile inputs mixed with good pages, and says where each input must end up."""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from newsetl.settings import SEEDS_DIR

SQL_TEXT = "'); DROP TABLE documents; --"
SCRIPT_TEXT = "<script>alert('newsetl')</script>"

DOCUMENT = "document"  # the input must become a document (new or duplicate of one)
ANY = "any"  # a document or a quarantine row: only "accounted for once, no crash" is required


@dataclass(frozen=True)
class Expected:
    """Where one input file must end: a document, a quarantine reason among `reasons`, or either."""

    outcome: str  # DOCUMENT, "quarantine" or ANY
    reasons: tuple[str, ...] = ()


def article(tag: str, extra: str = "") -> str:
    """Return a fictional, distinct Korean article page for the tag (every character encodable in CP949)."""
    seed = sum(map(ord, tag))
    amount, people = 1000 + seed % 9000, 100 + seed % 900
    return (
        f"한빛전자, {tag} 연구소 신설…5년간 {amount}억원 투자\n"
        "입력 2024.03.05 09:30\n"
        f"[서울=가상뉴스] 김민준 기자 = 한빛전자가 {tag} 연구소를 새로 세우고 앞으로 5년간 {amount}억원을 "
        "투자한다고 5일 밝혔다.\n"
        f"박서연 한빛전자 대표는 \"{tag} 연구소를 세계적인 연구 조직으로 키우겠다\"고 말했다.\n"
        + (f"{extra}\n" if extra else "")
        + f"연구소는 서울 강남구에 문을 열며 연구 인력 {people}여 명으로 출발한다. 박 대표는 해외 인재 영입에도 "
        "나설 계획이다.\n"
        "김민준 기자 minjun@example.co.kr\n"
        "Copyright 가상뉴스. 무단전재 및 재배포 금지\n"
    )


def seed_paragraphs() -> list[str]:
    """Return the long prose lines of the sample articles (material for the big inputs)."""
    out = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        out += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    return out


def write_hostile_folder(folder: Path, good_pages: int = 3, big_bytes: int = 10 * 1024 * 1024,
                         line_bytes: int = 1024 * 1024) -> dict[str, Expected]:
    """Write the hostile inputs plus `good_pages` seed pages under folder; return file path -> Expected."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    expected: dict[str, Expected] = {}

    def put(name: str, data: bytes, outcome: Expected) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[str(path.resolve())] = outcome

    doc, empty = Expected(DOCUMENT), Expected("quarantine", ("empty",))
    binary = Expected("quarantine", ("binary", "undecodable"))

    for path in sorted(SEEDS_DIR.glob("*.txt"))[:good_pages]:
        put(f"good/{path.name}", path.read_bytes(), doc)

    put("empty.txt", b"", empty)
    put("whitespace.txt", b"  \r\n\t\n   \n\x0c\n", empty)
    put("nul-only.txt", b"\x00" * 64, empty)
    put("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4096), binary)
    put("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(4096), binary)
    put("random.txt", rng.randbytes(8192), binary)
    put("elf.html", b"\x7fELF\x02\x01\x01" + bytes(64) + rng.randbytes(2048), binary)

    nul = article("널바이트")
    put("nul-bytes.txt", b"\x00".join(part.encode("utf-8") for part in (nul[:20], nul[20:90], "", nul[90:])), doc)
    put("cp949.txt", article("완성형").encode("cp949"), doc)
    put("euc-kr.txt", article("확장완성형").encode("euc-kr"), doc)
    put("utf16-bom.txt", article("유니코드").encode("utf-16"), doc)
    put("utf16be-bom.txt", article("빅엔디언").encode("utf-16-be").join([b"\xfe\xff", b""]), doc)
    put("utf8-bom.txt", article("바이트순서").encode("utf-8-sig"), doc)
    put("crlf.txt", article("줄바꿈").replace("\n", "\r\n").encode("utf-8"), doc)
    put("cr-only.txt", article("캐리지리턴").replace("\n", "\r").encode("utf-8"), doc)
    put("cp949-crlf.txt", article("윈도우").replace("\n", "\r\n").encode("cp949"), doc)

    put("boilerplate.txt", "\n".join([
        "뉴스홈 | 정치 | 경제 | 사회 | 국제 | 연예 | 스포츠", "로그인", "회원가입", "구독하기",
        "많이 본 뉴스", "Copyright 가상뉴스. 무단전재 및 재배포 금지",
        "김민준 기자 minjun@example.co.kr", "입력 2024.03.05 09:30", "", "기사제보 | 광고문의 | 개인정보처리방침",
    ]).encode("utf-8"), Expected("quarantine", ("not_article", "too_short", "empty")))

    sql_page = article("데이터베이스", f"보안 담당자는 입력창에 \"{SQL_TEXT}\"라는 문자열이 들어와도 그대로 저장돼야 한다고 설명했다.")
    put("sql-injection.txt", sql_page.encode("utf-8"), doc)
    script_page = article("웹보안", f"보안 담당자는 게시판에 {SCRIPT_TEXT} 같은 코드가 올라와도 실행되면 안 된다고 강조했다.")
    put("script.txt", script_page.encode("utf-8"), doc)

    put("기사 with spaces.txt", article("띄어쓰기").encode("utf-8"), doc)
    put("it's \"quoted\".txt", article("따옴표").encode("utf-8"), doc)
    put("한글 폴더/한글 기사; semicolon $(x).txt", article("한글이름").encode("utf-8"), doc)

    # Big inputs from repeated article paragraphs: the cleaner may fold the repeats into one page,
    # or reject the result as too long; either way it is read, accounted for, and never crashes.
    paragraphs = seed_paragraphs()
    one_line = " ".join(paragraphs).encode("utf-8")
    put("one-megabyte-line.txt", (one_line + b" ") * (line_bytes // (len(one_line) + 1)) + b"end.", Expected(ANY))
    block = ("\n".join(paragraphs) + "\n").encode("utf-8")
    put("ten-megabytes.txt", block * (big_bytes // len(block) + 1), Expected(ANY))
    return expected


def copy_seed_pages(folder: Path, count: int) -> list[Path]:
    """Copy the first `count` sample articles into folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:count]:
        out.append(Path(shutil.copy(path, folder / path.name)))
    return out


# Columns whose values depend on when or in which run a row was written, not on the inputs.
RUN_DEPENDENT = {"run_id", "part", "report_path", "ingested_at", "seen_at", "quarantined_at", "checked_at",
                 "started_at", "ended_at"}
# Relations that legitimately differ between a crashed-and-rerun history and an uninterrupted one.
LEDGERS = {"pipeline_runs", "dq_results", "warehouse_state"}


def _canonical(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    return value


def warehouse_snapshot(warehouse_path: Path) -> dict[str, list]:
    """Return every public relation but the ledgers as sorted rows, without run-dependent columns."""
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        names = [row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
        out = {}
        for name in names:
            if name in LEDGERS:
                continue
            columns = [row[0] for row in con.execute(
                "select column_name from information_schema.columns where table_schema = 'main' "
                "and table_name = ? order by ordinal_position", [name]).fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c not in RUN_DEPENDENT)
            rows = con.execute(f'select {kept} from main."{name}"').fetchall()
            out[name] = sorted((tuple(_canonical(v) for v in row) for row in rows), key=repr)
        return out
    finally:
        con.close()


def ledger(warehouse_path: Path) -> list[tuple]:
    """Return (run_id, status, inputs_new, report_path) of every run, oldest first."""
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return con.execute("select run_id, status, inputs_new, report_path from pipeline_runs "
                           "order by started_at, run_id").fetchall()
    finally:
        con.close()
