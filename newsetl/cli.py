"""Command line interface (placeholder until wired)."""
def main() -> int:
    raise SystemExit("not wired yet")
