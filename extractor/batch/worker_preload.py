"""Imported by the forkserver before it forks any worker: loads the models once.

Every worker is then forked from a warm process: it starts without importing
underthesea, loading its CRF model or compiling the rules again, and shares
those pages with the server instead of holding its own copy. The pool's
initializer (`worker_entry.warm_up`) still runs in each worker; after this it
is cheap, and if warming up failed here it fails there again, in the worker,
where the pool reports it.
"""

from __future__ import annotations

import gc

from extractor.batch.worker import warm_up

# Why warming up failed here, if it did; the pool initializer raises it again in a worker.
preload_error: Exception | None = None
try:
    warm_up()
except Exception as error:  # not fatal here: the forkserver must start, see above
    preload_error = error

# Everything loaded so far goes to the collector's permanent generation: the
# collector then never writes to those objects, so the pages the forked workers
# share with this server stay shared instead of being copied into each worker.
gc.freeze()
