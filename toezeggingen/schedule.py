"""`toezeggingen schedule`: APScheduler 3.x in the foreground, its job store in the product's database.

Jobs (module-level functions in `toezeggingen.jobs`, as a persistent store needs textual references):

| job | when | misfire grace |
|---|---|---|
| `sync` | every `TOEZEGGINGEN_SYNC_MINUTES` (30), and at start: sync, track, then the alerts | one interval |
| `digest-weekly` | Monday 07:00 Europe/Amsterdam | 6 hours |
| `digest-daily` | Monday to Friday 07:00 Europe/Amsterdam | 6 hours |
| `outbox` | every minute: confirmation messages, refusals to retry | 1 minute |

Every job coalesces missed runs into one and never runs twice at once. Only one scheduler process per
database schedules at all (the `scheduler` lock; a second one waits, ready to take over), and every job
also takes its own lock, so a `toezeggingen digest` by hand and the scheduled one never overlap. APScheduler's
FAQ warns that one job store shared by several running schedulers fires jobs twice; the first lock is why
that cannot happen here. SIGTERM or SIGINT: no new jobs; the running one stops after its current
transaction (`toezeggingen.jobs.STOP`), then the process exits.
"""

from __future__ import annotations

import logging
import signal
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from db.locks import LockHeld, run_lock
from toezeggingen import jobs
from toezeggingen.settings import Settings
from tracker.digest import AMSTERDAM, SEND_AT

log = logging.getLogger(__name__)

DIGEST_GRACE = 6 * 3600  # a digest at noon is still worth sending; the next day's is not
STANDBY_POLL = 2.0  # seconds between a waiting scheduler's tries to take over


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", stored in the job store
    trigger: BaseTrigger
    grace: int  # seconds
    args: tuple[Any, ...] = ()
    at_start: bool = False  # also run once as soon as the scheduler starts
    kwargs: dict[str, Any] = field(default_factory=dict)


def job_specs(settings: Settings) -> list[JobSpec]:
    interval = timedelta(minutes=settings.sync_minutes)
    at = {"hour": SEND_AT.hour, "minute": SEND_AT.minute, "timezone": AMSTERDAM}
    return [
        JobSpec(
            "sync",
            "toezeggingen.jobs:sync_and_track",
            IntervalTrigger(seconds=interval.total_seconds(), timezone=AMSTERDAM),
            grace=max(1, int(interval.total_seconds())),
            at_start=True,
        ),
        JobSpec(
            "digest-weekly",
            "toezeggingen.jobs:digests",
            CronTrigger(day_of_week="mon", **at),
            grace=DIGEST_GRACE,
            args=("weekly",),
        ),
        JobSpec(
            "digest-daily",
            "toezeggingen.jobs:digests",
            CronTrigger(day_of_week="mon-fri", **at),
            grace=DIGEST_GRACE,
            args=("daily",),
        ),
        JobSpec(
            "outbox",
            "toezeggingen.jobs:send_outbox",
            IntervalTrigger(minutes=1, timezone=AMSTERDAM),
            grace=60,
        ),
    ]


class Scheduler(BlockingScheduler):
    """BlockingScheduler whose loop also ends when `jobs.STOP` is set: a signal handler only sets the
    flag and wakes the loop, and the shutdown itself runs in the main thread, outside the handler."""

    def _main_loop(self) -> None:
        wait_seconds: float | None = None
        while self.state != STATE_STOPPED and not jobs.STOP.is_set():
            self._event.wait(wait_seconds)
            self._event.clear()
            if jobs.STOP.is_set():
                break
            wait_seconds = self._process_jobs()


def build_scheduler(engine: Engine, settings: Settings, *, now: datetime | None = None) -> Scheduler:
    """The scheduler with its jobs; a job whose trigger is unchanged keeps the next run time the
    previous process stored, so a digest missed while no scheduler ran fires at start (within grace)."""
    scheduler = Scheduler(
        executors={"default": ThreadPoolExecutor(max_workers=1)},  # one job at a time on one database
        timezone=AMSTERDAM,
    )
    store = SQLAlchemyJobStore(engine=engine)
    store.start(scheduler, "default")  # creates its table; lets us read what the last process left
    stored = {job.id: job for job in store.get_all_jobs()}
    scheduler.add_jobstore(store, "default")
    now = now or datetime.now(AMSTERDAM)
    for spec in job_specs(settings):
        old = stored.get(spec.id)
        next_run: datetime | None = None
        if spec.at_start:
            next_run = now
        elif old is not None and str(old.trigger) == str(spec.trigger) and old.next_run_time:
            next_run = old.next_run_time
        extra = {"next_run_time": next_run} if next_run else {}
        scheduler.add_job(
            spec.func,
            spec.trigger,
            args=spec.args,
            id=spec.id,
            name=spec.id,
            replace_existing=True,
            misfire_grace_time=spec.grace,
            coalesce=True,  # runs missed while down or busy: one run, not a burst
            max_instances=1,
            **extra,
        )
    return scheduler


def run(engine: Engine, settings: Settings) -> int:
    """Schedule until SIGTERM or SIGINT; wait as a standby while another scheduler has this database."""
    jobs.install_stop_hook()
    scheduler: Scheduler | None = None

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("%s: stopping after the running job's current transaction", signal.Signals(signum).name)
        jobs.STOP.set()
        if scheduler is not None:
            scheduler.wakeup()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    announced = False
    while not jobs.STOP.is_set():
        try:
            with run_lock(engine, "scheduler"):
                scheduler = build_scheduler(engine, settings)
                log.info("scheduler started: sync every %g minutes", settings.sync_minutes)
                scheduler.start()  # blocks until STOP
                # the running job, if any, ends at its next commit: wait for it before letting go
                scheduler.shutdown(wait=True)
            break
        except LockHeld:
            if not announced:
                log.info("another scheduler runs on this database; waiting to take over")
                announced = True
            jobs.STOP.wait(STANDBY_POLL)
    log.info("scheduler stopped")
    return 0
