"""How much work a batch run holds in flight and redoes after a crash.

Plain constants in a module that imports nothing, so that the command line can
show them as defaults without loading the batch machinery first.
"""

# Outcomes written per fsync group: a crash redoes at most this many articles per
# worker batch, and fsync costs stay small beside the ~0.05 s an article takes.
COMMIT_EVERY = 16
# Tasks submitted per worker at a time: enough queued work that no worker waits
# for the parent, few enough that the parent's memory stays flat.
IN_FLIGHT_PER_WORKER = 4
