"""The national world of the server benchmark: about 1.7 million complaints, seeded in SQL.

The ORM (or even the seed generator) would take hours at this size on the development machine, so
the rows are made by PostgreSQL itself (``INSERT ... SELECT`` over ``generate_series``) from
templates: a small world made by ``lapor-server seed`` (Sulawesi Tenggara, grown to 30 OPDs per
kabupaten/kota by bench/province.py) gives the texts, statuses, dates and child rows; the
national directory adds 33 provinces with 15 kabupaten/kota of 30 OPDs each (527 kabupaten/kota in
all, as Indonesia has 514); complaint ``i`` copies template ``i mod T``, moved to kabupaten/kota
``i * 7919 mod 527`` (its OPD when the template has one), its times shifted so that creation
times run from 2016 to the template's present, with a UUIDv7-shaped id from that time. Each
complaint gets its template's first two follow-ups, first disposition and first two events
(the seed makes about 5, 1.3 and 8 of them): fewer children than LAPOR!'s, said so in
docs/benchmarks.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.engine import Engine

PROVINCES, REGENCIES_PER_PROVINCE, UNITS_PER_REGENCY = 33, 15, 30


def _uuid7(ts: str, salt: str) -> str:
    """SQL: a UUIDv7-shaped text id from timestamp expression ``ts`` and a unique ``salt``."""
    hex_ms = f"lpad(to_hex((extract(epoch from {ts}) * 1000)::bigint), 12, '0')"
    rand = f"md5({salt})"
    return (f"(substr({hex_ms}, 1, 8) || '-' || substr({hex_ms}, 9, 4) || '-7' || "
            f"substr({rand}, 1, 3) || '-8' || substr({rand}, 4, 3) || '-' || "
            f"substr({rand}, 7, 12))")


def _directory(run: Callable[[str], None]) -> None:
    run(f"""
    CREATE TEMP TABLE nat_ids AS SELECT (SELECT max(id) FROM agencies) AS base,
                                        (SELECT value FROM counters WHERE name = 'change_seq') AS seq;
    INSERT INTO agencies (id, parent_id, level, path, name, code, region_code, aliases, seq)
    SELECT base + p, 1, 'agency', '/1/' || (base + p) || '/', 'Pemerintah Provinsi Nusantara ' || p,
           'NPROV-' || p, 'N' || p, '[]', seq + p
    FROM nat_ids, generate_series(1, {PROVINCES}) p;
    INSERT INTO agencies (id, parent_id, level, path, name, code, region_code, aliases, seq)
    SELECT base + {PROVINCES} + (p - 1) * {REGENCIES_PER_PROVINCE} + k, base + p, 'agency',
           '/1/' || (base + p) || '/' || (base + {PROVINCES} + (p - 1) * {REGENCIES_PER_PROVINCE} + k) || '/',
           'Pemerintah Kabupaten Nusantara ' || p || '-' || k, 'NKAB-' || p || '-' || k,
           'N' || p || '.' || k, '[]', seq + {PROVINCES} + (p - 1) * {REGENCIES_PER_PROVINCE} + k
    FROM nat_ids, generate_series(1, {PROVINCES}) p, generate_series(1, {REGENCIES_PER_PROVINCE}) k;
    """)
    regencies = PROVINCES * REGENCIES_PER_PROVINCE
    run(f"""
    INSERT INTO agencies (id, parent_id, level, path, name, code, region_code, aliases, seq)
    SELECT n.base + {PROVINCES + regencies} + (r.id - n.base - {PROVINCES} - 1) * {UNITS_PER_REGENCY} + u,
           r.id, 'unit',
           r.path || (n.base + {PROVINCES + regencies} + (r.id - n.base - {PROVINCES} - 1) * {UNITS_PER_REGENCY} + u) || '/',
           'OPD ' || u || ' ' || r.name, r.code || '.U' || u, r.region_code, '[]',
           n.seq + {PROVINCES + regencies} + (r.id - n.base - {PROVINCES} - 1) * {UNITS_PER_REGENCY} + u
    FROM nat_ids n, agencies r, generate_series(1, {UNITS_PER_REGENCY}) u
    WHERE r.code LIKE 'NKAB-%';
    SELECT setval(pg_get_serial_sequence('agencies', 'id'), (SELECT max(id) FROM agencies));
    UPDATE counters SET value = (SELECT max(seq) FROM agencies) WHERE name = 'change_seq';
    -- Every kabupaten/kota (Sulawesi Tenggara's and the new ones), numbered; their OPDs numbered.
    CREATE TEMP TABLE nat_kab AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id, path FROM agencies
      WHERE level = 'agency'
        AND (code LIKE 'NKAB-%' OR code LIKE 'KAB-%' OR code LIKE 'KOTA-%');
    CREATE TEMP TABLE nat_unit AS
      SELECT k.idx, row_number() OVER (PARTITION BY k.idx ORDER BY a.id) - 1 AS u, a.id, a.path
      FROM nat_kab k JOIN agencies a ON a.parent_id = k.id AND a.level = 'unit';
    CREATE INDEX ON nat_unit (idx, u);
    ANALYZE nat_kab; ANALYZE nat_unit;
    """)


def seed_national(engine: Engine, complaints: int, log: Callable[[str], None]) -> dict[str, float]:
    """Grow the seeded world in ``engine`` to ``complaints`` more complaints. Returns timings."""
    timings: dict[str, float] = {}
    with engine.begin() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

        def run(sql: str) -> None:  # without parameters: psycopg reads no placeholders
            cursor.execute(sql)

        def step(name: str, sql: str) -> None:
            started = time.perf_counter()
            run(sql)
            timings[name] = time.perf_counter() - started
            log(f"{name}: {timings[name]:.1f} s")

        started = time.perf_counter()
        _directory(run)
        timings["directory"] = time.perf_counter() - started
        run("""
        CREATE TEMP TABLE nat_t AS SELECT row_number() OVER (ORDER BY seq) - 1 AS rn, * FROM complaints;
        CREATE UNIQUE INDEX ON nat_t (rn);
        CREATE TEMP TABLE nat_base AS SELECT
          (SELECT count(*) FROM nat_t) AS templates,
          (SELECT count(*) FROM nat_kab) AS kabs,
          (SELECT value FROM counters WHERE name = 'change_seq') AS seq,
          (SELECT max(tracking_number) FROM complaints) AS tracking,
          (SELECT max(created_at) FROM complaints) AS newest,
          timestamptz '2016-01-01 00:00:00+00' AS oldest;
        """)
        # i-th new complaint: template i mod T, kabupaten i*7919 mod K, seqs 6 apart.
        shift = (f"((b.oldest + (b.newest - b.oldest) * (g.i::float8 / {complaints})) - t.created_at)"
                 )
        step("complaints", f"""
        CREATE TEMP TABLE nat_map AS
        SELECT g.i, t.rn, {shift} AS shift,
               {_uuid7(f'b.oldest + (b.newest - b.oldest) * (g.i::float8 / {complaints})', "g.i::text || 'c'")} AS new_id,
               k.id AS kab_id, k.path AS kab_path, un.id AS unit_id, un.path AS unit_path,
               b.seq + g.i * 6 AS seq
        FROM nat_base b, generate_series(1, {complaints}) g(i)
        JOIN nat_t t ON t.rn = g.i % (SELECT templates FROM nat_base)
        JOIN nat_kab k ON k.idx = (g.i::bigint * 7919) % (SELECT kabs FROM nat_base)
        JOIN nat_unit un ON un.idx = k.idx AND un.u = g.i % {UNITS_PER_REGENCY};
        INSERT INTO complaints
        SELECT m.new_id, b.tracking + m.i, t.complaint_type, t.misconduct, t.title, t.body,
               t.incident_date + (extract(day from m.shift)::int),
               t.province, t.regency, t.district, t.village, t.category, t.subcategory, t.channel,
               t.anonymous, t.confidential, t.reporter_id, t.status,
               CASE WHEN t.responsible_id = 1 THEN 1 ELSE m.kab_id END,
               CASE WHEN t.handling_unit_id IS NULL THEN NULL ELSE m.unit_id END,
               CASE WHEN t.handling_unit_id IS NOT NULL THEN m.unit_path
                    WHEN t.responsible_id = 1 THEN '/1/' ELSE m.kab_path END,
               t.version, t.transition_version, t.created_at + m.shift, t.updated_at + m.shift,
               t.verify_due + m.shift, t.resolution_due + m.shift, t.auto_close_due + m.shift,
               t.paused_at + m.shift, t.forwarded_at + m.shift, t.first_follow_up_at + m.shift,
               t.last_follow_up_at + m.shift, t.closed_at + m.shift,
               CASE WHEN t.handling_unit_id IS NULL THEN '[]'::json
                    ELSE json_build_array(m.unit_id) END,
               '[]'::json, t.tags, t.recorded_by, m.seq
        FROM nat_map m JOIN nat_t t ON t.rn = m.rn, nat_base b;
        CREATE UNIQUE INDEX ON nat_map (rn, i);
        """)
        step("follow_ups", f"""
        INSERT INTO follow_ups (id, complaint_id, kind, body, author_id, unit_id, at, seq)
        SELECT {_uuid7('f.at + m.shift', "m.i::text || 'f' || f.r")}, m.new_id, f.kind, f.body,
               f.author_id, coalesce(m.unit_id, m.kab_id), f.at + m.shift, m.seq + f.r
        FROM (SELECT t.rn, fu.*, row_number() OVER (PARTITION BY fu.complaint_id ORDER BY fu.seq) AS r
              FROM follow_ups fu JOIN nat_t t ON t.id = fu.complaint_id) f
        JOIN nat_map m ON m.rn = f.rn
        WHERE f.r <= 2;
        """)
        step("dispositions", f"""
        INSERT INTO dispositions (id, complaint_id, from_id, to_id, kind, note, actor_id, at, seq)
        SELECT {_uuid7('d.at + m.shift', "m.i::text || 'd'")}, m.new_id, m.kab_id,
               coalesce(m.unit_id, m.kab_id), d.kind, d.note, d.actor_id, d.at + m.shift, m.seq + 3
        FROM (SELECT t.rn, dp.*, row_number() OVER (PARTITION BY dp.complaint_id ORDER BY dp.seq) AS r
              FROM dispositions dp JOIN nat_t t ON t.id = dp.complaint_id) d
        JOIN nat_map m ON m.rn = d.rn
        WHERE d.r = 1;
        """)
        step("events", """
        INSERT INTO complaint_events (complaint_id, kind, from_status, to_status, actor_id, at,
                                      detail, client_id, mutation_id, seq)
        SELECT m.new_id, e.kind, e.from_status, e.to_status, e.actor_id, e.at + m.shift,
               '{}'::json, NULL, NULL, m.seq + 3 + e.r
        FROM (SELECT t.rn, ev.*, row_number() OVER (PARTITION BY ev.complaint_id ORDER BY ev.seq) AS r
              FROM complaint_events ev JOIN nat_t t ON t.id = ev.complaint_id) e
        JOIN nat_map m ON m.rn = e.rn
        WHERE e.r <= 2;
        """)
        step("counter", f"""
        UPDATE counters SET value = (SELECT seq FROM nat_base) + {complaints} * 6 + 6
        WHERE name = 'change_seq';
        """)
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    timings["vacuum_analyze"] = time.perf_counter() - started
    log(f"vacuum analyze: {timings['vacuum_analyze']:.1f} s")
    return timings
