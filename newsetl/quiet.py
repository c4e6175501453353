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
