"""The task-queue wiring: Huey on SQLite (embedded) or Redis (cluster), chosen by settings.

Huey takes a task off the queue for good, so the database is the truth: each article row
records its stage and a lease, and the ``reap`` task re-enqueues work whose lease expired.
"""
