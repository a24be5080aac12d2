"""The local stack's state on disk: a snapshot plus a write-ahead journal of what was acknowledged since.

Why this design (and not SQLite, or pickling on every change): moto's backends are plain Python objects with
no storage layer to swap, so the state is those objects. Pickling all of them on every change would cost time
in proportion to everything stored; journaling the *inputs* that changed them costs time in proportion to the
change. The inputs are few kinds: state-changing AWS requests (from the AWS CLI, the API, the Lambda handlers
and the engine's integrations alike, all through moto's ``BaseResponse.call_action``) and what executions do
(start, history events, task tokens, outcomes sent, end). A snapshot every few thousand records, or few hundred
AWS requests (the records that are slow to replay), bounds what a restart replays; a forked child writes it, so
writers wait for the fork, not for the pickling.

Durability: a record is written (``os.write``) before its request's answer leaves, so ``kill -9`` cannot lose
it (the kernel holds it); before an acknowledgement leaves, the journal is fsynced up to that record, so a power
cut cannot either. Concurrent writers share one fsync (group commit). A record is length-prefixed and
CRC32-checked: a record cut short by a crash (never acknowledged: its answer waited for it) ends the journal.
A snapshot is written to a temporary file, fsynced, renamed over the old one, and the directory fsynced.

Determinism: state-changing requests run one at a time in journal order (moto is not safe under concurrent
writes anyway) with moto's random source seeded from the record's sequence number, so that a replay makes
the same identifiers moto makes with it. Executions are not replayed request by request: an execution comes
back from its recorded history (resume_plan.py), the way Temporal resumes a workflow.

Modules: ``state_dir`` (where, which version, one stack at a time, reset), ``journal``, ``snapshot``,
``snapshot_child`` (snapshots written by a forked child),
``pickling`` (the objects pickle refuses), ``requests`` (journaling and replaying AWS requests), ``records``
and ``engine_hooks`` (what executions do), ``resume_plan`` and ``restored_executions`` (bringing them back),
``store`` (all of it together), ``cli_support`` (the ``bookmarks local`` options).
"""
