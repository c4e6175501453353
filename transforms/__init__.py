"""Pure transforms of newsetl: plain functions over plain data, no orchestrator, no I/O."""
