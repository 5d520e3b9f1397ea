"""Who does what, and when: one complaint's life replayed step by step through the lifecycle.

Verified (or postponed, archived) by the national or agency admin, forwarded national ->
agency -> unit (misrouted now and then: "bukan wewenang", dialihkan), followed up by the unit's
liaison officer, answered by the reporter, closed by the admin or automatically. The state
changes themselves are :class:`.timeline.Timeline`'s.
"""

from __future__ import annotations

from lapor_desk.models.enums import AgencyLevel, Role, Status
from lapor_desk.server.seed import officer_texts
from lapor_desk.server.seed.attachment_files import BlobFile
from lapor_desk.server.seed.directory import SeededUser
from lapor_desk.server.seed.timeline import SimulatedComplaint, Timeline, pick, tanggal, weighted
from lapor_desk.server.seed.workdays import DAY

S = Status
C = SimulatedComplaint

#: How talkative a unit is; tuned so that the seed has about five follow-ups (replies, internal
#: notes, reporter responses) per complaint overall, none on complaints never processed.
P_UNIT_NOTE = 0.65  # the receiving OPD notes its internal disposition
P_PROGRESS = 0.7  # a progress reply (often after a field note) before the substantive answer
P_FIELD_NOTE = 0.7
P_SUBSTANTIVE_NOTE = 0.65
P_ANSWER_NOTE = 0.7  # a note before answering the reporter's response
P_FIRST_REPLY = 0.8  # a "received, being coordinated" reply before the work starts
P_CLOSING_NOTE = 0.7  # the admin notes the outcome before closing
MAX_PROGRESS_UPDATES = 3


class LifecycleSimulator:
    """Drives a complaint from its submission to where it stands at ``now``."""

    def __init__(self, timeline: Timeline, users: list[SeededUser],
                 unit_docs: list[BlobFile]) -> None:
        self.t = timeline
        self.rng = timeline.rng
        self.now = timeline.now
        self.d = timeline.d
        self.unit_docs = unit_docs
        self.national = [u.id for u in users if u.role == Role.NATIONAL_ADMIN]
        self.admins: dict[int, list[SeededUser]] = {}
        self.lo: dict[int, SeededUser] = {}
        for u in users:
            if u.role == Role.AGENCY_ADMIN:
                self.admins.setdefault(u.agency_id, []).append(u)
            elif u.role == Role.LIAISON_OFFICER:
                self.lo[u.unit_id] = u
        self.verify_delay = weighted([(0, 30), (1, 30), (2, 18), (3, 10), (4, 5), (5, 4),
                                      (7, 2), (10, 1)])
        #: the last complaint per (topic, regency): a candidate duplicate
        self.last_by_topic: dict[tuple[str, str], tuple[str, int]] = {}

    # --- who, and in which words ------------------------------------------------------------

    def admin_of(self, agency_id: int) -> int:
        admins = self.admins[agency_id]
        return admins[0].id if len(admins) == 1 or self.rng.random() < 0.7 else admins[1].id

    def text(self, c: C, template: str, ts: int | None = None) -> str:
        fill = c.fill
        due = c.resolution_due or c.verify_due
        fill["due"] = tanggal(due) if due is not None else "-"
        if ts is not None:
            fill["reply_date"] = tanggal(ts + self.rng.randrange(0, 4) * DAY)
        return template.format(**fill)

    def reply_body(self, c: C, ts: int, middles: tuple[str, ...]) -> str:
        rng = self.rng
        middle = rng.choice(middles)
        parts = [rng.choice(officer_texts.REPLY_OPENINGS), self.text(c, middle, ts)]
        closing = rng.choice(officer_texts.REPLY_CLOSINGS)
        if closing:
            parts.append(closing)
        return " ".join(parts)

    def _replier(self, c: C) -> int:
        assert c.handling is not None
        lo = self.lo.get(c.handling)
        if lo is None or (self.d.by_id[c.handling].coordinator and self.rng.random() < 0.4):
            return self.admin_of(c.responsible)
        return lo.id

    # --- the life ---------------------------------------------------------------------------

    def simulate(self, c: C) -> None:
        self._run(c)
        # The server's clock closes what nobody answered: never leave an overdue auto-close.
        due = c.auto_close_due
        if c.status == S.IN_PROGRESS and due is not None and due + 600 < self.now:
            self.t.auto_close(c, max(due, c.last) + self.rng.randrange(60, 600))

    def _run(self, c: C) -> None:
        rng, now, t = self.rng, self.now, self.t
        for _ in range(40):
            if c.status in (S.UNVERIFIED, S.POSTPONED):
                if not self._verify(c):
                    return
            elif c.status == S.FORWARDED:
                if not self._first_follow_up(c):
                    return
            elif c.status == S.IN_PROGRESS:
                if not self._in_progress(c):
                    return
            elif c.status == S.REPORTER_RESPONDED:
                if rng.random() < 0.05:
                    return  # the unit never answered the reporter
                ts = t.office_time(c.last, rng.choice((0, 1, 1, 2, 3, 5)))
                if ts >= now:
                    return
                if rng.random() < 0.2:
                    admin = self.admin_of(c.responsible)
                    t.close(c, ts, admin, rng.choice(officer_texts.CLOSE_NOTES))
                else:
                    if rng.random() < P_ANSWER_NOTE:
                        t.note(c, ts, self._replier(c),
                               self.text(c, rng.choice(officer_texts.INTERNAL_NOTES)))
                        ts = t.office_time(ts, rng.choice((0, 0, 1)))
                        if ts >= now:
                            return
                    self._answer(c, ts, 0.45)
            else:
                return

    def _verify(self, c: C) -> bool:
        rng, d, t = self.rng, self.d, self.t
        location = d.by_id[t.location(c)]
        delay = pick(rng, self.verify_delay)
        if c.status == S.POSTPONED:
            if rng.random() < 0.4:
                return False  # the reporter never completed the data
            delay = rng.randrange(2, 12)
        elif rng.random() < (0.03 if location.level == AgencyLevel.NATIONAL else 0.08):
            return False  # nobody verified it (overdue): admin work is a side duty
        ts = t.office_time(c.last, delay)
        if ts >= self.now:
            return False
        right = c.right_agency
        can_postpone = c.status == S.UNVERIFIED
        if location.level == AgencyLevel.NATIONAL:
            actor = rng.choice(self.national)
            roll = rng.random()
            if can_postpone and roll < 0.04:
                t.postpone(c, ts, actor, rng.choice(officer_texts.POSTPONE_REASONS))
            elif roll < 0.09 or (c.status == S.POSTPONED and roll < 0.3):
                self._archive(c, ts, actor)
            else:
                target = right
                if right.parent_id == d.province.id and rng.random() < 0.07:
                    target = d.province  # sent to the province, which passes it down
                t.forward(c, ts, actor, target, rng.choice(officer_texts.FORWARD_NOTES))
            return True
        actor = self.admin_of(location.id)
        if location.id == right.id:
            roll = rng.random()
            dup = self.last_by_topic.get((c.topic.key, c.fill["regency"]))
            if dup is not None and dup[0] != c.id and roll < 0.05 and c.created - dup[1] < 45 * DAY:
                t.link_duplicate(c, ts, actor, dup[0])
                ts += 120 + rng.randrange(600)
                if ts >= self.now:
                    return False
                if rng.random() < 0.5:
                    t.archive(c, ts, actor, "duplicate",
                              "Laporan sama dengan laporan sebelumnya yang sedang ditangani.")
                    return True
            if can_postpone and roll > 0.94:
                t.postpone(c, ts, actor, rng.choice(officer_texts.POSTPONE_REASONS))
            elif roll > 0.9 or (c.status == S.POSTPONED and roll > 0.7):
                self._archive(c, ts, actor)
            elif c.topic.handle_self and roll < 0.5:
                t.handle(c, ts, actor, rng.choice(officer_texts.FORWARD_NOTES))
            else:
                unit = c.right_unit
                if not c.wrong_unit_done and rng.random() < 0.06:
                    others = [u for u in d.units_of[location.id]
                              if u.id != unit.id and not u.coordinator]
                    if others:
                        unit = rng.choice(others)
                t.forward(c, ts, actor, unit, rng.choice(officer_texts.FORWARD_NOTES))
            return True
        if location.id == d.province.id and right.parent_id == d.province.id:
            t.forward(c, ts, actor, right, "Diteruskan ke pemerintah kabupaten/kota sesuai lokasi.")
        elif right.id == d.province.id and location.parent_id == d.province.id:
            t.not_our_authority(c, ts, actor, rng.choice(officer_texts.NOT_OUR_AUTHORITY_REASONS[:3]))
        else:
            t.reroute(c, ts, actor, right, f"Dialihkan ke {right.name} sesuai kewenangan.")
        return True

    def _archive(self, c: C, ts: int, actor: int) -> None:
        code, note = self.rng.choice(officer_texts.ARCHIVE)
        if c.status == S.POSTPONED:
            code, note = "incomplete_data", "Pelapor tidak melengkapi data dalam batas waktu."
        self.t.archive(c, ts, actor, code, note)

    def _first_follow_up(self, c: C) -> bool:
        rng, t = self.rng, self.t
        assert c.handling is not None
        unit = self.d.by_id[c.handling]
        # Sent to the wrong OPD: its liaison officer sends it back up.
        if unit.id != c.right_unit.id and not unit.coordinator and not c.wrong_unit_done:
            c.wrong_unit_done = True
            ts = t.office_time(c.last, rng.randrange(0, 4))
            if ts >= self.now:
                return False
            lo = self.lo[unit.id].id
            t.not_our_authority(c, ts, lo, officer_texts.NOT_OUR_AUTHORITY_REASONS[1])
            return True
        if rng.random() < 0.08:
            return False  # never followed up: overdue
        last = c.last
        if rng.random() < 0.6:
            ts = t.office_time(last, rng.randrange(0, 3))
            if ts >= self.now:
                return False
            body = self.text(c, rng.choice(officer_texts.INTERNAL_NOTES))
            t.note(c, ts, self.admin_of(c.responsible), body)
        if rng.random() < P_UNIT_NOTE:
            ts = t.office_time(c.last, rng.randrange(0, 2))
            if ts >= self.now:
                return False
            t.note(c, ts, self._replier(c), self.text(c, rng.choice(officer_texts.UNIT_NOTES), ts))
        if rng.random() < P_FIRST_REPLY:
            ts = t.office_time(c.last, rng.randrange(0, 3))
            if ts >= self.now:
                return False
            t.reply(c, ts, self._replier(c), self.reply_body(c, ts, officer_texts.REPLY_FIRST))
            return True
        ts = t.office_time(c.last, self._work_days(c))
        if ts >= self.now:
            return False
        self._substantive(c, ts)
        return True

    def _work_days(self, c: C) -> int:
        rng = self.rng
        if rng.random() < 0.15:
            return c.res_days + rng.randrange(1, 10)  # late
        return rng.randrange(1, max(2, c.res_days))

    def _answer(self, c: C, ts: int, p_progress: float) -> None:
        """The unit's next reply: a progress report while the work is under way, else the
        substantive answer."""
        if (not c.substantive and c.updates < MAX_PROGRESS_UPDATES
                and self.rng.random() < p_progress):
            self._progress(c, ts)
        else:
            self._substantive(c, ts)

    def _progress(self, c: C, ts: int) -> None:
        rng, t = self.rng, self.t
        if rng.random() < P_FIELD_NOTE:
            note_ts = ts - rng.randrange(1800, 4 * 3600)
            if note_ts > c.last:
                t.note(c, note_ts, self._replier(c),
                       self.text(c, rng.choice(officer_texts.FIELD_NOTES), note_ts))
        t.reply(c, ts, self._replier(c), self.reply_body(c, ts, officer_texts.REPLY_PROGRESS))
        c.updates += 1

    def _substantive(self, c: C, ts: int) -> None:
        rng, t = self.rng, self.t
        if rng.random() < P_SUBSTANTIVE_NOTE:
            note_ts = ts - rng.randrange(1800, 3 * 3600)
            if note_ts > c.last:
                t.note(c, note_ts, self._replier(c), self.text(c, rng.choice(officer_texts.INTERNAL_NOTES)))
        attach = rng.choice(self.unit_docs) if rng.random() < 0.2 else None
        t.reply(c, ts, self._replier(c), self.reply_body(c, ts, c.topic.replies), attach)
        c.substantive = True

    def _in_progress(self, c: C) -> bool:
        rng, now, t = self.rng, self.now, self.t
        due = c.auto_close_due
        assert due is not None
        roll = rng.random()
        substantive_done = c.substantive
        if roll < 0.5:
            ts = t.citizen_time(c.last, rng.randrange(0, 13))
            if ts < due:
                if ts >= now:
                    return False
                body = rng.choice(officer_texts.REPORTER_RESPONSES if substantive_done
                                  else officer_texts.REPORTER_RESPONSES_WAITING)
                t.reporter_response(c, ts, body)
                return True
        elif roll < 0.78 and substantive_done:
            ts = t.office_time(c.last, rng.randrange(0, 8))
            if ts < due:
                if ts >= now:
                    return False
                admin = self.admin_of(c.responsible)
                if rng.random() < P_CLOSING_NOTE:
                    t.note(c, ts, admin, self.text(c, rng.choice(officer_texts.INTERNAL_NOTES)))
                    ts = t.office_time(ts, 0)
                    if ts >= min(now, due):
                        return False
                t.close(c, ts, admin, rng.choice(officer_texts.CLOSE_NOTES))
                return True
        elif not substantive_done or roll < 0.88:
            ts = t.office_time(c.last, rng.randrange(1, max(2, min(c.res_days, 9))))
            if ts < due:
                if ts >= now:
                    return False
                self._answer(c, ts, P_PROGRESS)
                return True
        ts = due + rng.randrange(60, 600)
        if ts >= now:
            return False
        t.auto_close(c, ts)
        return True
