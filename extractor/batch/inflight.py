"""How much work a batch run holds in flight and redoes after a crash.

Plain constants in a module that imports nothing, so that the command line can
show them as defaults without loading the batch machinery first.
"""

# Outcomes written per fsync group: a crash redoes at most this many articles per
# worker batch, and fsync costs stay small beside the ~15 ms an article takes.
COMMIT_EVERY = 16
# Calls submitted per worker at a time: enough queued work that no worker waits
# for the parent, few enough that the parent's memory stays flat.
IN_FLIGHT_PER_WORKER = 4
# Tasks per call to a local worker: the process pool spends ~0.7 ms of the parent's
# CPU on each call (measured), as much as a twentieth of a worker's article.
TASKS_PER_CALL = 4
