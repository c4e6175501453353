"""Environment defaults that keep Prefect and Great Expectations quiet and offline; set before importing them."""
from __future__ import annotations

import logging
import os
import warnings

_DEFAULTS = {
    # No network here: telemetry would log errors at every run.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    # Users read newsetl's own summary; Prefect speaks up only for warnings and errors.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "TQDM_DISABLE": "1",
    # Dask's scheduler and nannies log every connection at INFO.
    "DASK_LOGGING__DISTRIBUTED": "error",
    "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error",
}


def configure() -> None:
    """Apply the defaults without overriding anything the user set."""
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", module="great_expectations")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    logging.getLogger("distributed").setLevel(logging.ERROR)


class _TracebackToLogFile(logging.Filter):
    """Drop the traceback from Prefect's console records: the run's log file and Prefect's API keep it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.name.startswith("prefect"):
            record.exc_info = None
            record.exc_text = None
        return True


def console_without_tracebacks() -> None:
    """Keep Prefect's console handlers to one line per failure (call after Prefect has set up logging).

    A failed task logs its exception with the traceback; newsetl writes that traceback to the run's
    log file and prints a one-line message, so the console copy is noise. Handlers run in logger
    order, so Prefect's API handler (on the flow and task run loggers) still records the traceback.
    """
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _TracebackToLogFile) for f in handler.filters):
            handler.addFilter(_TracebackToLogFile())
