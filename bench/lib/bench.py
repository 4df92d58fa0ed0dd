#!/usr/bin/env python3
"""Helpers for bench/run: turns PostgreSQL's statement log into pgbench scripts, reads wrk's and pgbench's output,
builds the criteria change of the re-evaluation scenario, and writes the results (table, Markdown, JSON).

Standard library only (Python 3.9+)."""

import argparse
import json
import os
import re
import sys
import urllib.parse

# --------------------------------------------------------------------------------------------------------------------
# Capture: the statement log between two markers -> one pgbench script per scenario
# --------------------------------------------------------------------------------------------------------------------

PREFIX_ESCAPES = {
    "m": r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+",
    "t": r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+",
    "n": r"[\d.]+",
    "p": r"(?P<pid>\d+)",
    "u": r"(?P<user>[^@\s]*)",
    "d": r"(?P<db>[^\s]*?)",
    "a": r".*?",
    "h": r"\S*",
    "r": r"\S*",
    "l": r"\d+",
    "s": r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+",
    "c": r"\S+",
    "x": r"\S*",
    "v": r"\S*",
    "e": r"\S*",
    "i": r".*?",
    "b": r".*?",
    "Q": r"-?\d+",
    "%": "%",
}


def prefix_regex(prefix):
    """A regex for log_line_prefix (the escapes PostgreSQL documents); what follows %q is optional."""
    out, optional, i = [], False, 0
    while i < len(prefix):
        ch = prefix[i]
        if ch == "%" and i + 1 < len(prefix):
            esc = prefix[i + 1]
            i += 2
            if esc == "q":
                out.append("(?:")
                optional = True
                continue
            out.append(PREFIX_ESCAPES.get(esc, r".*?"))
            continue
        out.append(re.escape(ch))
        i += 1
    if optional:
        out.append(")?")
    return re.compile("^" + "".join(out) + r"(?P<level>[A-Z0-9]+):  (?P<msg>.*)$")


STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (?P<sql>.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")
MARK = re.compile(r"^statement: select 'bench-mark (start|end) ([\w-]+)'\s*$")

# Work the application does in the background, on the same pooled connections as the requests: the SLA watch
# (a cross-workspace look-up, then conditional updates of rows locked with SKIP LOCKED), recovery at start-up,
# re-evaluations and imports (advisory locks, their progress tables). A transaction with any of these is not the
# request's and is left out of the script.
BACKGROUND = [
    "workspaces_with_due_",  # handoffs, mail, webhook deliveries
    "workspaces_with_waiting_digests",
    "workspaces_due_for_retention",
    "forget_old_",  # the hourly forgetting of old mails, intake answers and webhook deliveries
    "index_lead_search_backlog",  # the search index's job for imported leads (V48), every 2 s
    "fold_",  # the folds of the kept counts (stage, day, qualified, handoff day)
    "expiry_time <",  # Spring Session's clean-up of expired sessions
    "skip locked",
    "running_background_work",
    # the re-evaluation's own writes and reads of its progress; a page reads which run has passed a lead
    # ("from criteria_reevaluation r"), which is the page's own work
    "update criteria_reevaluation",
    "insert into criteria_reevaluation",
    "coalesce(through_lead_id, 0) from criteria_reevaluation",
    "pg_advisory",
    "pg_try_advisory",
    "lead_import",
]


def read_entries(path, offset, rx):
    """Log entries from byte offset on: dicts with pid, user, db, level, msg (continuation lines joined)."""
    with open(path, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", errors="replace")
    entries = []
    for line in text.split("\n"):
        m = rx.match(line)
        if m:
            entries.append({"pid": m.group("pid"), "user": m.groupdict().get("user"),
                            "db": m.groupdict().get("db"), "level": m.group("level"), "msg": m.group("msg")})
        elif entries:
            entries[-1]["msg"] += "\n" + line
    return entries


def statements(entries, db):
    """Executed statements of the database, in log order: dicts with pid, sql (parameters inlined)."""
    out, last_by_pid = [], {}
    for e in entries:
        if e["db"] != db:
            continue
        if e["level"] == "LOG":
            m = STATEMENT.match(e["msg"])
            if not m:
                continue
            st = {"pid": e["pid"], "sql": m.group("sql").rstrip(), "params": None, "raw": e["msg"]}
            out.append(st)
            last_by_pid[e["pid"]] = st
        elif e["level"] == "DETAIL" and e["msg"].startswith("parameters: "):
            st = last_by_pid.get(e["pid"])
            if st is not None and st["params"] is None:
                st["params"] = {int(n): v for n, v in PARAM.findall(e["msg"][len("parameters: "):])}
    for st in out:
        params = st["params"] or {}
        st["sql"] = PLACEHOLDER.sub(lambda m: params.get(int(m.group(1)), m.group(0)), st["sql"])
    return out


def split_top(text):
    """Splits a SQL list (column names or values) at top-level commas, minding quotes and parentheses."""
    parts, depth, quote, cur = [], 0, False, []
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            cur.append(ch)
            if ch == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    cur.append("'")
                    i += 1
                else:
                    quote = False
        elif ch == "'":
            quote = True
            cur.append(ch)
        elif ch == "(":
            depth += 1
            cur.append(ch)
        elif ch == ")":
            depth -= 1
            cur.append(ch)
        elif ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur).strip())
    return parts


INSERT_LEAD = re.compile(r"insert into lead\s*\(([^)]*)\)\s*values\s*(\(.*\))\s*;", re.I | re.S)
INSERT_LEAD_UNNEST = re.compile(r"insert into lead\s*\(.*?\bfrom unnest\(\s*cast\(\s*'\{([0-9,\s]*)\}'\s+as\s+bigint\[\]\)", re.I | re.S)


def lead_ids(text):
    """The ids of the leads a captured script inserts (INSERT INTO lead with an id column, one row or several; or
    LeadBulk's one statement over unnested arrays, whose first array holds the ids)."""
    ids = []
    for stmt in text.split(";\n"):
        u = INSERT_LEAD_UNNEST.match(stmt.strip() + ";")
        if u:
            for v in u.group(1).split(","):
                v = v.strip()
                if v.isdigit() and v not in ids:
                    ids.append(v)
            continue
        m = INSERT_LEAD.match(stmt.strip() + ";")
        if not m:
            continue
        cols = [c.strip().lower() for c in split_top(m.group(1))]
        if "id" not in cols:
            continue
        for row in split_top(m.group(2)):
            row = row.strip()
            if not (row.startswith("(") and row.endswith(")")):
                continue
            vals = split_top(row[1:-1])
            if len(vals) == len(cols):
                v = vals[cols.index("id")].strip("'")
                if v.isdigit() and v not in ids:
                    ids.append(v)
    return ids


def kind_of(sql):
    s = sql.strip().rstrip(";").strip().upper()
    if s.startswith("BEGIN") or s.startswith("START TRANSACTION"):
        return "begin"
    if s in ("COMMIT", "END", "ROLLBACK", "COMMIT TRANSACTION", "ROLLBACK TRANSACTION"):
        return "end"
    return "sql"


def capture(args):
    rx = prefix_regex(args.prefix)
    entries = read_entries(args.log, args.offset, rx)
    replacements = {}
    for r in args.replace or []:
        name, token, repl = r.split("=", 2)
        replacements.setdefault(name, []).append((token, repl))
    # positions of the markers
    windows, starts = {}, {}
    marker_pids = set()
    for i, e in enumerate(entries):
        if e["db"] != args.db or e["level"] != "LOG":
            continue
        m = MARK.match(e["msg"])
        if not m:
            continue
        marker_pids.add(e["pid"])
        if m.group(1) == "start":
            starts[m.group(2)] = i
        elif m.group(2) in starts:
            windows[m.group(2)] = (starts[m.group(2)], i)
    summary = {}
    os.makedirs(args.out, exist_ok=True)
    for name in args.names.split(","):
        if name not in windows:
            summary[name] = {"ok": False, "why": "markers not found in the log"}
            continue
        a, b = windows[name]
        window = [e for e in entries[a + 1:b] if e["pid"] not in marker_pids]
        stmts = [s for s in statements(window, args.db) if s["sql"].strip()]
        # group into transactions per connection
        open_tx, txs, warnings = {}, [], []
        for pos, st in enumerate(stmts):
            k = kind_of(st["sql"])
            pid = st["pid"]
            if k == "begin":
                if pid in open_tx:
                    warnings.append("BEGIN inside an open transaction on pid %s" % pid)
                open_tx[pid] = {"pid": pid, "pos": pos, "sql": [st["sql"]], "complete": False}
            elif k == "end":
                tx = open_tx.pop(pid, None)
                if tx is None:
                    warnings.append("%s without BEGIN on pid %s (a transaction begun before the marker)"
                                    % (st["sql"], pid))
                    txs.append({"pid": pid, "pos": pos, "sql": [st["sql"]], "complete": False, "partial": True})
                    continue
                tx["sql"].append(st["sql"])
                tx["complete"] = True
                txs.append(tx)
            elif pid in open_tx:
                open_tx[pid]["sql"].append(st["sql"])
            else:
                txs.append({"pid": pid, "pos": pos, "sql": [st["sql"]], "complete": True})
        for tx in open_tx.values():
            warnings.append("transaction on pid %s still open at the end marker" % tx["pid"])
            tx["partial"] = True
            txs.append(tx)
        txs.sort(key=lambda t: t["pos"])
        kept, dropped = [], 0
        # A request works in one workspace: the first one a kept transaction scopes itself to. A transaction scoped
        # to another workspace is background work that fell into the window (e.g. another workspace's event
        # publications being processed), never the request's.
        workspace = None
        for tx in txs:
            text = "\n".join(tx["sql"]).lower()
            if tx.get("partial") or any(sig in text for sig in BACKGROUND if not (sig == "lead_import" and name == "import")):
                dropped += 1
                continue
            scoped = re.search(r"set_config\('app\.tenant_id', '([0-9a-f-]{36})'", text)
            if scoped:
                if workspace is None:
                    workspace = scoped.group(1)
                elif scoped.group(1) != workspace:
                    dropped += 1
                    continue
            kept.append(tx)
        lines = ["-- pgbench script captured from the application's statement log: scenario %s" % name,
                 "-- %d transactions (%d statements) sent by one request; %d background transaction(s) left out"
                 % (len(kept), sum(len(t["sql"]) for t in kept), dropped)]
        body = []
        for tx in kept:
            for sql in tx["sql"]:
                s = sql.rstrip()
                if not s.endswith(";"):
                    s += ";"
                body.append(s)
        text = "\n".join(body) + "\n"
        reps = replacements.get(name, [])
        for token, repl in reps:
            if token not in text:
                warnings.append("token %r not found in the captured SQL" % token)
            text = text.replace(token, repl)
        if reps:
            # Inserts must not repeat: each transaction gets e-mail addresses of its own (the token above) and lead
            # ids of its own. The ids Hibernate took from the sequence are replaced by negative ones, unique per
            # client and transaction, which no id the application draws can ever meet.
            lines.append("\\set bench_n :bench_n + 1")
            salt = 1 + args.names.split(",").index(name)  # scenarios never share ids
            lines.append("\\set bench_base -1 * (%d000000000000000 + :client_id * 1000000000 + :bench_n * 1000)" % salt)
            ids = lead_ids(text)
            for k, lead_id in enumerate(ids, 1):
                lines.append("\\set bench_id_%d :bench_base - %d" % (k, k))
            for k, lead_id in enumerate(ids, 1):
                text = re.sub(r"(?<![\d.:-])%s(?![\d.:])" % lead_id, ":bench_id_%d" % k, text)
            # The event publication registry (ADR 0008) keys each publication by a random UUID the application
            # chose; a replay needs one of its own per client and transaction, the same in the insert and in the
            # updates that mark the publication processing and completed.
            publications = re.findall(r"insert into event_publication\s*\([^)]*\)\s*values\s*\(\s*'([0-9a-f-]{36})'",
                                      text, flags=re.I)
            run = os.urandom(8).hex()  # and never one an earlier run of the same database left behind
            for k, publication in enumerate(dict.fromkeys(publications), 1):
                text = text.replace("'%s'" % publication,
                                    "cast(md5('%s-' || :client_id || '-' || :bench_n || '-%d-%d') as uuid)"
                                    % (run, salt, k))
        with open(os.path.join(args.out, name + ".sql"), "w") as f:
            f.write("\n".join(lines) + "\n" + text)
        # The same request without its session's statements (Spring Session's read, and its write when there is one):
        # pgbench on both says what keeping sessions in PostgreSQL costs the database per request (issue 21).
        session_txs = [t for t in kept if "spring_session" in "\n".join(t["sql"]).lower()]
        if session_txs and not reps:
            rest = [s for t in kept if t not in session_txs for s in t["sql"]]
            with open(os.path.join(args.out, name + ".nosession.sql"), "w") as f:
                f.write("-- scenario %s without the %d transaction(s) (%d statements) of Spring Session\n"
                        % (name, len(session_txs), sum(len(t["sql"]) for t in session_txs)))
                f.write("\n".join(x.rstrip() if x.rstrip().endswith(";") else x.rstrip() + ";" for x in rest) + "\n")
        summary[name] = {"ok": bool(kept), "transactions": len(kept),
                         "statements": sum(len(t["sql"]) for t in kept), "dropped_background": dropped,
                         "session_statements": sum(len(t["sql"]) for t in kept
                                                   if "spring_session" in "\n".join(t["sql"]).lower()),
                         "warnings": warnings, "why": None if kept else "no statements between the markers"}
    with open(os.path.join(args.out, "capture.json"), "w") as f:
        json.dump(summary, f, indent=2)
    for name, s in summary.items():
        print("%-12s %s" % (name, ("%d transactions, %d statements%s" % (
            s["transactions"], s["statements"],
            ", %d background left out" % s["dropped_background"] if s["dropped_background"] else ""))
                                   if s["ok"] else "FAILED: " + s["why"]))
        for w in s.get("warnings") or []:
            print("             warning: " + w)


# --------------------------------------------------------------------------------------------------------------------
# wrk and pgbench output
# --------------------------------------------------------------------------------------------------------------------

def parse_wrk(path):
    if not os.path.exists(path):
        return None
    text = open(path, errors="replace").read()
    r = {"ok": False}
    m = re.search(r"^BENCH (.*)$", text, re.M)
    if m:
        for kv in m.group(1).split():
            k, v = kv.split("=")
            r[k] = int(v)
        secs = r["duration_us"] / 1e6 if r.get("duration_us") else 0
        r["rps"] = r["requests"] / secs if secs else 0.0
        r["items_per_s"] = r["items"] / secs if secs else 0.0
        r["p50_ms"] = r["p50_us"] / 1000.0
        r["p99_ms"] = r["p99_us"] / 1000.0
        r["socket_errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
        # no answer within the time is no error (the capture checked one answer of each scenario); failed ones are
        r["ok"] = r["bad"] == 0 and r["socket_errors"] == 0 and r.get("missing", 0) == 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["non_2xx_3xx"] = int(m.group(1)) if m else 0
    if r["non_2xx_3xx"]:
        r["ok"] = False
    m = re.search(r"^BENCH-STATUSES (.*)$", text, re.M)
    r["statuses"] = m.group(1).strip() if m else ""
    return r


def parse_pgbench(path):
    if not os.path.exists(path):
        return None
    text = open(path, errors="replace").read()
    r = {"ok": False}
    m = re.search(r"^duration=(\d+)", text, re.M)
    duration = int(m.group(1)) if m else None
    m = re.search(r"^tps = ([\d.]+) \(without initial connection time\)", text, re.M)
    r["complete"] = bool(m)
    r["tps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"^latency average = ([\d.]+) ms", text, re.M)
    r["latency_ms"] = float(m.group(1)) if m else None
    m = re.search(r"^number of transactions actually processed: (\d+)", text, re.M)
    r["transactions"] = int(m.group(1)) if m else 0
    m = re.search(r"^number of failed transactions: (\d+)", text, re.M)
    r["failed"] = int(m.group(1)) if m else 0
    errs = [l for l in text.splitlines() if "error" in l.lower() or "abort" in l.lower()]
    if not r["complete"]:
        # stopped while its last transactions still ran: the rate from the per-second progress lines
        prog = [(float(a), float(b)) for a, b in re.findall(r"^progress: ([\d.]+) s, ([\d.]+) tps", text, re.M)]
        within = [tps for t, tps in prog if duration is None or t <= duration + 0.5]
        r["tps"] = sum(within) / (duration or len(within) or 1) if within else 0.0
        r["note"] = "stopped after its last transactions outlived the run; rate from the progress lines"
    r["ok"] = r["failed"] == 0 and not errs
    if errs:
        r["why"] = errs[0][:300]
    return r


def cmd_wrk(args):
    r = parse_wrk(args.file)
    print(json.dumps(r))
    sys.exit(0 if r and r["ok"] else 1)


def cmd_pgbench(args):
    r = parse_pgbench(args.file)
    print(json.dumps(r))
    sys.exit(0 if r and r["ok"] else 1)


# --------------------------------------------------------------------------------------------------------------------
# Criteria: the change the re-evaluation scenario proposes, and the single UPDATE that does the same work
# --------------------------------------------------------------------------------------------------------------------

ORDER = ["EMPLOYEES", "INDUSTRY", "DEPARTMENT", "COUNTRY", "ENGAGEMENT", "PROJECT_PLANNED", "BUDGET_CONFIRMED",
         "TIMELINE"]
HORIZONS = ["NOW", "THIS_QUARTER", "THIS_YEAR"]


def toggled(c):
    """The criteria with the company-size ceiling moved (5,000 <-> 4,000): a change that flips some leads."""
    n = dict(c)
    n["employeesMax"] = 4000 if (c.get("employeesMax") or 0) != 4000 else 5000
    return n


def cmd_criteria_form(args):
    active = json.loads(args.active)
    new = toggled(active)
    with open(args.out, "w") as f:
        json.dump(new, f)
    fields = [("summary", "Benchmark: company size ceiling %s" % new["employeesMax"]), ("action", "propose")]
    for k in ["employeesMin", "employeesMax", "employeesMode", "industriesMode", "departmentsMode", "countriesMode",
              "minEngagement", "engagementMode", "projectPlannedMode", "budgetConfirmedMode", "timelineHorizon",
              "timelineMode"]:
        v = new.get(k)
        fields.append((k, "" if v is None else str(v)))
    for i in new.get("industries") or []:
        fields.append(("industries", i))
    fields.append(("departments", ", ".join(new.get("departments") or [])))
    fields.append(("countries", ", ".join(new.get("countries") or [])))
    print(urllib.parse.urlencode(fields))


def lit_array(values):
    return "ARRAY[%s]::text[]" % ", ".join("'%s'" % v.replace("'", "''") for v in values) if values \
        else "ARRAY[]::text[]"


def criteria_sql(c):
    """CriteriaSql (io.leadbridge.criteria) for one version: the met expression per active criterion."""
    def mode(k):
        if k == "EMPLOYEES":
            return "OFF" if c.get("employeesMin") is None and c.get("employeesMax") is None else c["employeesMode"]
        if k == "INDUSTRY":
            return "OFF" if not c.get("industries") else c["industriesMode"]
        if k == "DEPARTMENT":
            return "OFF" if not c.get("departments") else c["departmentsMode"]
        if k == "COUNTRY":
            return "OFF" if not c.get("countries") else c["countriesMode"]
        if k == "ENGAGEMENT":
            return "OFF" if c.get("minEngagement") is None else c["engagementMode"]
        return {"PROJECT_PLANNED": c.get("projectPlannedMode"), "BUDGET_CONFIRMED": c.get("budgetConfirmedMode"),
                "TIMELINE": c.get("timelineMode")}[k] or "OFF"

    def expr(k):
        if k == "EMPLOYEES":
            parts = ["l.employees is not null"]
            if c.get("employeesMin") is not None:
                parts.append("l.employees >= %d" % c["employeesMin"])
            if c.get("employeesMax") is not None:
                parts.append("l.employees <= %d" % c["employeesMax"])
            return "(" + " and ".join(parts) + ")"
        if k == "INDUSTRY":
            return "l.industry = any(%s)" % lit_array(c["industries"])
        if k == "DEPARTMENT":
            return "lower(l.department) = any(%s)" % lit_array([d.strip().lower() for d in c["departments"]])
        if k == "COUNTRY":
            return "l.country = any(%s)" % lit_array(c["countries"])
        if k == "ENGAGEMENT":
            return "l.engagement_score >= %d" % c["minEngagement"]
        if k == "PROJECT_PLANNED":
            return "l.project_planned"
        if k == "BUDGET_CONFIRMED":
            return "l.budget_confirmed"
        horizon = c.get("timelineHorizon") or "THIS_YEAR"
        return "l.purchase_timeline = any(%s)" % lit_array(HORIZONS[:HORIZONS.index(horizon) + 1])

    met = [(k, "coalesce(%s, false)" % expr(k)) for k in ORDER if mode(k) != "OFF"]
    required = [e for k, e in met if mode(k) == "REQUIRED"]
    qualified = "(" + " and ".join(required) + ")" if required else "true"
    score = "(100 * (%s) / %d)" % (" + ".join("(%s)::int" % e for _, e in met), len(met)) if met else "100"
    obj = "jsonb_build_object(%s)" % ", ".join("'%s', %s" % (k, e) for k, e in met) if met else "'{}'::jsonb"
    return qualified, score, obj


def cmd_criteria_update(args):
    c = json.load(open(args.criteria))
    qualified, score, obj = criteria_sql(c)
    print("""BEGIN;
SET LOCAL ROLE leadbridge_app;
SELECT set_config('app.tenant_id', '%(t)s', true);
UPDATE lead_evaluation e SET version_id = %(v)s, qualified = %(q)s, score = %(s)s, met = %(m)s, evaluated_at = now()
FROM lead l WHERE l.tenant_id = e.tenant_id AND l.id = e.lead_id AND e.tenant_id = '%(t)s';
COMMIT;""" % {"t": args.tenant, "v": args.version, "q": qualified, "s": score, "m": obj})


# --------------------------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------------------------

PAGES = [
    # name, label, kind
    ("queue", "1. Sales rep's queue (/sales/queue)", "page"),
    ("list-first", "2. Lead list, filtered, first page", "list"),
    ("list-deep", "2. Lead list, filtered, deep page", "list"),
    ("detail", "3. Lead detail with timeline (/leads/{id})", "page"),
    ("marketing", "4. Marketing dashboard (/marketing)", "dashboard"),
    ("sales", "4. Sales dashboard (/sales)", "dashboard"),
    ("liaison", "4. Liaison desk (/liaison)", "dashboard"),
    ("intake", "5. Intake API, single lead", "intake"),
    ("batch", "5. Intake API, batch of 500", "batch"),
]


# The targets (issue 21). Every ratio holds on any day; the absolute p99 targets hold for a run whose pgbench rate on
# the queue's SQL is at least ABSOLUTE_P99_FROM_TPS (these shared machines run the same SQL at 1,765 tps one day and
# 3,682 another, and the pages' p99 doubles with it); below that each page's p99 must be at most P99_OVER_P50 x its
# p50 instead.
PAGE_SHARE = 0.25  # queue and lead page: app's requests/s over pgbench's transactions/s for the same SQL
P99_MS = 50.0
ABSOLUTE_P99_FROM_TPS = 3000.0
P99_OVER_P50 = 2.5
# The lead list's SQL must get 4x cheaper than at 207e903 (bench/results/latest.md of d2e4a83: list first page 378 tps,
# deep page 327 tps, queue 3,682 tps, one run). Normalised by the day's speed: the list's pgbench rate over the queue's
# pgbench rate in the same run, against the same ratio then.
LIST_CHEAPER = 4.0
LIST_BASELINE = {"list-first": (378.0, 3682.0), "list-deep": (327.0, 3682.0)}
LIST_BASELINE_COMMIT = "207e903"
INTAKE_SHARE = 0.8
BATCH_LEADS_PER_S = 25000.0
IMPORT_ROWS_PER_S = 20000.0  # 100,000 rows in under 5 s; the smaller scales import fewer rows at the same rate
REEVAL_LEADS_PER_S = 100000.0  # 1,000,000 leads in under 10 s
READY_S = 8.0


def p99_rule(queue_tps):
    """Which p99 target applies in this run, and why: (absolute?, text)."""
    if queue_tps is None:
        return False, ("the queue's pgbench rate was not measured in this run, so the absolute p99 targets cannot be "
                       "claimed: each page's p99 ≤ %s × its p50 applies" % P99_OVER_P50)
    if queue_tps >= ABSOLUTE_P99_FROM_TPS:
        return True, ("pgbench ran the queue's SQL at %s tps (≥ %s): the absolute targets (p99 < %s ms) apply"
                      % (fmt(queue_tps), fmt(ABSOLUTE_P99_FROM_TPS), fmt(P99_MS)))
    return False, ("pgbench ran the queue's SQL at %s tps (< %s): a slow day for this machine, so each page's p99 ≤ "
                   "%s × its p50 applies instead of p99 < %s ms" % (fmt(queue_tps), fmt(ABSOLUTE_P99_FROM_TPS),
                                                                    P99_OVER_P50, fmt(P99_MS)))


def p99_target(absolute, p50, p99):
    """(target text, pass or None, both verdicts) for one page's latency under the rule that applies."""
    abs_ok = None if p99 is None else p99 < P99_MS
    rel_ok = None if p99 is None or p50 is None else p99 <= P99_OVER_P50 * p50
    if absolute:
        return "p99 < %s ms" % fmt(P99_MS), abs_ok, abs_ok, rel_ok
    return ("p99 ≤ %s × p50 (%s ms)" % (P99_OVER_P50, fmt(P99_OVER_P50 * p50, 1) if p50 is not None else "–"),
            rel_ok, abs_ok, rel_ok)


def both(*oks):
    return None if any(o is None for o in oks) else all(oks)


def load_facts(run_dir):
    facts = {}
    path = os.path.join(run_dir, "facts.env")
    if os.path.exists(path):
        for line in open(path):
            line = line.rstrip("\n")
            if "=" in line:
                k, v = line.split("=", 1)
                facts[k] = v
    return facts


def num(v, default=None):
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def fmt(v, digits=0):
    if v is None:
        return "–"
    if digits == 0:
        return "{:,.0f}".format(v)
    return "{:,.{d}f}".format(v, d=digits)


def verdict(ok):
    return "n/a" if ok is None else ("pass" if ok else "MISS")


def cmd_report(args):
    run = args.run_dir
    facts = load_facts(run)
    capture_info = {}
    cap = os.path.join(run, "pgbench", "capture.json")
    if os.path.exists(cap):
        capture_info = json.load(open(cap))
    selected = set(facts.get("scenarios", "").split(","))
    errors = [l.strip() for l in open(os.path.join(run, "errors.txt"))] if os.path.exists(
        os.path.join(run, "errors.txt")) else []
    groupby = parse_pgbench(os.path.join(run, "pgbench-groupby.txt"))
    warnings = []
    rows, results = [], {"scenarios": {}}
    queue_pg = parse_pgbench(os.path.join(run, "pgbench-queue.txt")) if "queue" in selected else None
    queue_tps = queue_pg["tps"] if queue_pg and queue_pg.get("ok") and queue_pg.get("tps") else None
    absolute, rule_text = p99_rule(queue_tps)
    results["p99_rule"] = {"applies": "absolute" if absolute else "relative", "queue_pgbench_tps": queue_tps,
                           "absolute_from_tps": ABSOLUTE_P99_FROM_TPS, "p99_ms": P99_MS,
                           "p99_over_p50": P99_OVER_P50, "why": rule_text}

    for name, label, kind in PAGES:
        group = {"queue": "queue", "list-first": "list", "list-deep": "list", "detail": "detail",
                 "marketing": "dashboards", "sales": "dashboards", "liaison": "dashboards", "intake": "intake",
                 "batch": "intake"}[name]
        if group not in selected:
            continue
        if name == "batch":
            label = "5. Intake API, batch of %s" % facts.get("batch_size", "500")
        w = parse_wrk(os.path.join(run, "wrk-%s.txt" % name))
        p = parse_pgbench(os.path.join(run, "pgbench-%s.txt" % name))
        source = facts.get("pgbench_source_" + name, "captured")
        rps = w["rps"] if w and "rps" in w else None
        p99 = w["p99_ms"] if w and "p99_ms" in w else None
        tps = p["tps"] if p and p.get("ok") else None
        ratio = rps / tps if rps is not None and tps else None
        p50 = w["p50_ms"] if w and "p50_ms" in w else None
        target, ok, extra_fields = "", None, {}
        if kind in ("page", "list", "dashboard"):
            p99_text, p99_ok, abs_ok, rel_ok = p99_target(absolute, p50, p99)
            extra_fields.update({"p99_rule": "absolute" if absolute else "relative", "pass_p99": p99_ok,
                                 "pass_p99_absolute": abs_ok, "pass_p99_relative": rel_ok})
        if kind == "page":
            target = "≥ %s %% of pgbench and %s" % (fmt(PAGE_SHARE * 100), p99_text)
            ok = both(None if ratio is None else ratio >= PAGE_SHARE, p99_ok)
        elif kind == "list":
            # its SQL 4x cheaper than at 207e903, measured against the queue's SQL in the same run
            base = LIST_BASELINE[name][0] / LIST_BASELINE[name][1]
            sql_ratio = tps / queue_tps if tps and queue_tps else None
            target = "%s; SQL ≥ %s× cheaper than at %s: pgbench list ÷ queue %s (%s %s's %s; needs ≥ %s)" % (
                p99_text, fmt(LIST_CHEAPER), LIST_BASELINE_COMMIT, fmt(sql_ratio, 3),
                fmt(sql_ratio / base, 1) + "×" if sql_ratio else "–", LIST_BASELINE_COMMIT, fmt(base, 3),
                fmt(LIST_CHEAPER * base, 3)) + ("" if facts.get("run_scale") == "full" else
                                                 " — 207e903's ratio is the full scale's")
            ok = both(p99_ok, None if sql_ratio is None else sql_ratio >= LIST_CHEAPER * base)
            extra_fields.update({"sql_ratio_to_queue": sql_ratio, "sql_ratio_baseline": base,
                                 "sql_ratio_baseline_commit": LIST_BASELINE_COMMIT,
                                 "sql_ratio_needed": LIST_CHEAPER * base,
                                 "sql_cheaper_than_baseline": sql_ratio / base if sql_ratio else None})
        elif kind == "dashboard":
            g = groupby["tps"] if groupby and groupby.get("ok") else None
            target = "%s and rps > plain GROUP BY (%s/s)" % (p99_text, fmt(g))
            ok = both(p99_ok, None if rps is None or g is None else rps > g)
        elif kind == "intake":
            target = "≥ %s %% of pgbench" % fmt(INTAKE_SHARE * 100)
            ok = None if ratio is None else ratio >= INTAKE_SHARE
        elif kind == "batch":
            leads = w["items_per_s"] if w and "items_per_s" in w else None
            target = "≥ %s leads/s (%s leads/s)" % (fmt(BATCH_LEADS_PER_S), fmt(leads))
            ok = None if leads is None else leads >= BATCH_LEADS_PER_S
        entry = {"label": label, "path": facts.get("url_" + name), "rps": rps,
                 "p50_ms": p50, "p99_ms": p99,
                 "requests": w.get("requests") if w else None,
                 "failed_requests": (w.get("bad", 0) + w.get("socket_errors", 0)) if w else None,
                 "pgbench_tps": tps, "pgbench_script": source,
                 "pgbench_statements": capture_info.get(name, {}).get("statements"),
                 "ratio": ratio, "target": target, "pass": ok}
        entry.update(extra_fields)
        if kind == "batch" and w:
            entry["leads_per_s"] = w.get("items_per_s")
            entry["pgbench_leads_per_s"] = tps * int(facts.get("batch_size", "500")) if tps else None
        if w is None or not w.get("ok"):
            why = "no wrk output" if w is None else "%s non-200, %s socket errors%s" % (
                w.get("bad"), w.get("socket_errors"), (" (statuses: %s)" % w["statuses"]) if w.get("statuses") else "")
            errors.append("%s: HTTP requests failed: %s" % (name, why))
        if p is None or not p.get("ok"):
            errors.append("%s: pgbench failed: %s" % (name, "no output" if p is None else p.get("why")))
        if w and w.get("requests") == 0:
            warnings.append("%s: no request was answered within %s s" % (name, facts.get("run_duration")))
        if p and p.get("ok") and not p.get("complete"):
            warnings.append("%s: pgbench's transactions outlived the run (%s); the rate counts those finished in "
                            "time" % (name, "none finished" if not p.get("tps") else "%.2f/s finished" % p["tps"]))
        results["scenarios"][name] = entry
        rows.append([label, fmt(rps), fmt(entry["p50_ms"], 1), fmt(p99, 1), fmt(tps),
                     fmt(ratio * 100, 1) + " %" if ratio is not None else "–", target, verdict(ok)])

    if "dashboards" in selected:
        g = groupby["tps"] if groupby and groupby.get("ok") else None
        results["scenarios"]["groupby"] = {"label": "4. plain GROUP BY of the large workspace's leads by stage",
                                           "pgbench_tps": g}
        rows.append(["4. (reference) plain GROUP BY stage", "", "", "", fmt(g), "", "", ""])
        if groupby is None or not groupby.get("ok"):
            errors.append("groupby: pgbench failed: %s" % ("no output" if groupby is None else groupby.get("why")))

    extra = []
    if "import" in selected:
        n = num(facts.get("import_rows"))
        total = num(facts.get("import_total_s"))
        copy_s = num(facts.get("copy_s"))
        status = facts.get("import_status", "not run")
        rate = n / total if n and total else None
        ok = None if rate is None or status != "DONE" else rate >= IMPORT_ROWS_PER_S
        import_target = "%s rows < %s s (≥ %s rows/s)" % (
            fmt(n), fmt(n / IMPORT_ROWS_PER_S, 2 if n and n < 100000 else 0), fmt(IMPORT_ROWS_PER_S)) if n else \
            "≥ %s rows/s" % fmt(IMPORT_ROWS_PER_S)
        results["scenarios"]["import"] = {
            "label": "6. CSV import", "rows": n, "status": status, "imported": num(facts.get("import_imported")),
            "upload_s": num(facts.get("import_upload_s")), "preview_s": num(facts.get("import_preview_s")),
            "run_s": num(facts.get("import_run_s")), "total_s": total, "rows_per_s": rate,
            "copy_s": copy_s, "copy_rows_per_s": n / copy_s if n and copy_s else None,
            "target": import_target, "pass": ok}
        if status != "DONE":
            errors.append("import: did not finish (%s)" % status)
        extra.append(["6. CSV import of %s rows, end to end" % fmt(n), fmt(total, 2) + " s",
                      fmt(rate) + " rows/s", "upload %s s, preview %s s, import %s s" % (
                          fmt(num(facts.get("import_upload_s")), 2), fmt(num(facts.get("import_preview_s")), 2),
                          fmt(num(facts.get("import_run_s")), 2)),
                      import_target, verdict(ok)])
        extra.append(["6. plain COPY of the same rows (scratch table)", fmt(copy_s, 2) + " s",
                      fmt(n / copy_s if n and copy_s else None) + " rows/s",
                      "app ÷ COPY: %s" % (fmt(copy_s / total * 100, 1) + " %" if copy_s and total else "–"), "", ""])
    if "reeval" in selected:
        n = num(facts.get("reeval_leads"))
        total = num(facts.get("reeval_total_s"))
        upd = num(facts.get("reeval_update_s"))
        status = facts.get("reeval_status", "not run")
        rate = n / total if n and total else None
        ok = None if rate is None or status != "DONE" else rate >= REEVAL_LEADS_PER_S
        reeval_target = "1,000,000 leads < 10 s (≥ %s leads/s)" % fmt(REEVAL_LEADS_PER_S)
        n2 = num(facts.get("reeval2_leads"))
        total2 = num(facts.get("reeval2_total_s"))
        status2 = facts.get("reeval2_status", "not run")
        q = parse_wrk(os.path.join(run, "wrk-queue-during-reeval.txt"))
        results["scenarios"]["reeval"] = {
            "label": "7. Re-evaluation after a criteria change", "leads": n, "status": status, "total_s": total,
            "db_s": num(facts.get("reeval_db_s")), "leads_per_s": rate, "update_s": upd,
            "update_rows": num(facts.get("reeval_update_rows")),
            "target": reeval_target, "pass": ok,
            "under_load": {"status": status2, "total_s": total2, "leads": n2,
                           "queue_rps": q.get("rps") if q else None, "queue_p50_ms": q.get("p50_ms") if q else None,
                           "queue_p99_ms": q.get("p99_ms") if q else None}}
        for st, label in ((status, "re-evaluation"), (status2, "re-evaluation under the queue's load")):
            if st != "DONE":
                errors.append("reeval: %s did not finish (%s)" % (label, st))
        if q is None or not q.get("ok"):
            errors.append("reeval: queue requests during the re-evaluation failed: %s" % (
                "no wrk output" if q is None else "%s non-200, %s socket errors" % (q.get("bad"), q.get("socket_errors"))))
        extra.append(["7. Re-evaluation of %s leads, end to end" % fmt(n), fmt(total, 2) + " s",
                      fmt(rate) + " leads/s", "as the app records it: %s s" % fmt(num(facts.get("reeval_db_s")), 2),
                      reeval_target, verdict(ok)])
        extra.append(["7. single UPDATE of the same rows", fmt(upd, 2) + " s",
                      fmt(n / upd if n and upd else None) + " leads/s",
                      "app ÷ UPDATE: %s" % (fmt(upd / total * 100, 1) + " %" if upd and total else "–"), "", ""])
        qp99 = q.get("p99_ms") if q else None
        qp50 = q.get("p50_ms") if q else None
        p99_text, p99_ok, abs_ok, rel_ok = p99_target(absolute, qp50, qp99)
        results["scenarios"]["reeval"]["under_load"].update({
            "target": "queue's " + p99_text, "pass": p99_ok, "p99_rule": "absolute" if absolute else "relative",
            "pass_p99_absolute": abs_ok, "pass_p99_relative": rel_ok})
        extra.append(["7. queue during a re-evaluation (took %s s)" % fmt(total2, 2),
                      fmt(q.get("rps") if q else None) + " req/s",
                      "p50 %s ms, p99 %s ms" % (fmt(qp50, 1), fmt(qp99, 1)), "",
                      "queue's " + p99_text, verdict(p99_ok)])

    misses = sum(1 for r in rows + extra if r[-1] == "MISS")
    mrows, results["memory_start"] = memory_and_start(facts, errors, misses)

    results["errors"] = errors
    results["warnings"] = warnings
    results["machine"] = {k[len("machine_"):]: v for k, v in facts.items() if k.startswith("machine_")}
    results["run"] = {k[len("run_"):]: v for k, v in facts.items() if k.startswith("run_")}
    results["data"] = {k[len("data_"):]: v for k, v in facts.items() if k.startswith("data_")}
    results["generation"] = {k[len("gen_"):]: v for k, v in facts.items() if k.startswith("gen_")}

    sessions_text = sessions_cost(run, capture_info, queue_tps, results)

    head = ["scenario", "req/s", "p50 ms", "p99 ms", "pgbench tps", "app ÷ pgbench", "target", ""]
    table = render_text(head, rows)
    etable = render_text(["scenario", "elapsed", "rate", "detail", "target", ""], extra) if extra else ""
    print()
    print("p99 rule: " + rule_text)
    print(table)
    if etable:
        print()
        print(etable)
    print()
    print(render_text(["memory and start", "", "target", ""], mrows))
    print()
    if sessions_text:
        print(sessions_text)
        print()
    if warnings:
        print("Warnings:")
        for e in warnings:
            print("  - " + e)
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  - " + e)
    if args.md:
        write_md(args.md, facts, head, rows, extra, errors, warnings, capture_info, rule_text, mrows, sessions_text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=str)
    sys.exit(1 if errors else 0)


def session_lookups(path):
    """The application's session look-up counters from a Prometheus scrape: {"snapshot": n, "database": n}."""
    counts = {}
    try:
        with open(path) as f:
            for line in f:
                m = re.match(r'leadbridge_sessions_lookups_total\{[^}]*from="(\w+)"[^}]*\}\s+([0-9.eE+-]+)', line)
                if m:
                    counts[m.group(1)] = float(m.group(2))
    except OSError:
        return None
    return counts or None


def sessions_cost(run, capture_info, queue_tps, results):
    """What keeping the sessions in PostgreSQL costs the database per request of the queue: pgbench on the queue's
    captured SQL with and without Spring Session's read (what one read costs), times the share of the queue's requests
    during its run that read their session from the database rather than the instance's snapshot (ADR 0030)."""
    bare = parse_pgbench(os.path.join(run, "pgbench-queue-nosession.txt"))
    statements = (capture_info.get("queue") or {}).get("session_statements")
    if not queue_tps or not bare or not bare.get("ok") or not bare.get("tps"):
        return None
    share = 1 - queue_tps / bare["tps"]
    before = session_lookups(os.path.join(run, "sessions-before.txt"))
    after = session_lookups(os.path.join(run, "sessions-after.txt"))
    read_share = None
    if before is not None and after is not None:
        db = after.get("database", 0) - before.get("database", 0)
        snap = after.get("snapshot", 0) - before.get("snapshot", 0)
        if db + snap > 0:
            read_share = db / (db + snap)
    results["sessions"] = {"queue_session_statements": statements,
                           "queue_statements": (capture_info.get("queue") or {}).get("statements"),
                           "pgbench_tps_with": queue_tps, "pgbench_tps_without": bare["tps"], "share_per_read": share,
                           "requests_reading_session": read_share,
                           "share": share * read_share if read_share is not None else share}
    text = ("A request that reads its session sends %s of its %s statements for it (Spring Session reads the session "
            "and its attributes; it writes the row at most once a minute per person). pgbench on the queue's SQL "
            "without them: %s tps, against %s tps with them: one read is %s %% of the database's work for this page." % (
                statements if statements is not None else "?",
                (capture_info.get("queue") or {}).get("statements", "?"), fmt(bare["tps"]), fmt(queue_tps),
                fmt(share * 100, 1)))
    if read_share is None:
        return text + " (The application's look-up counters were not read, so every request is assumed to read.)"
    return text + (" During the queue's run, %s %% of the requests' session look-ups read the database (the rest were "
                   "answered from the instance's snapshot of the session, ADR 0030), so the sessions take %s %% of the "
                   "database's work for this page (issue 21: at most a few percent). The queue's pgbench reference "
                   "above still holds the read in every transaction." % (
                       fmt(read_share * 100, 1), fmt(share * read_share * 100, 2)))


def mib(kb):
    return None if kb is None else kb / 1024.0


def memory_and_start(facts, errors, misses):
    """The application's heap after a full GC, its resident memory under load, and how long it took to be ready."""
    f = facts.get
    ready = num(f("start_load_s")) if f("start_load_s") else num(f("start_capture_s"))
    which = "the load's start" if f("start_load_s") else "the only start (capture and load)"
    ready_ok = None if ready is None else ready < READY_S
    died = f("app_exit")
    heap = {}
    for when in ("pages", "end"):
        heap[when] = {"used_kb": num(f("heap_%s_used_kb" % when)), "committed_kb": num(f("heap_%s_committed_kb" % when)),
                      "max_kb": num(f("heap_max_kb")), "raw": f("heap_%s_raw" % when)}
    rss = {"pages_max_kb": num(f("rss_pages_max_kb")), "load_max_kb": num(f("rss_load_max_kb")),
           "anon_pages_max_kb": num(f("rss_anon_pages_max_kb")), "anon_load_max_kb": num(f("rss_anon_load_max_kb")),
           "samples": num(f("rss_samples")), "interval_s": num(f("rss_interval_s"))}
    data = {"jvm": f("jvm_options"), "heap_max": f("jvm_xmx"), "ready_s": ready, "ready_which": which,
            "migrations_applied_at_start": num(f("start_migrated")),
            "ready_capture_s": num(f("start_capture_s")), "ready_load_s": num(f("start_load_s")),
            "started_in_jvm_s": num(f("start_jvm_s")), "process_running_s": num(f("start_process_s")),
            "cds": f("start_cds"), "cds_training_s": num(f("cds_training_s")), "layout": f("start_layout"),
            "ready_target": "ready < %s s" % fmt(READY_S), "ready_pass": ready_ok,
            "heap_after_gc": heap, "rss": rss, "app_exit": died}
    if died:
        errors.append("the application exited during the load: %s" % died)
    rows = [["JVM", f("jvm_options") or "–", "", ""],
            ["ready (readiness UP), %s" % which, fmt(ready, 2) + " s" if ready is not None else "–",
             "ready < %s s" % fmt(READY_S), verdict(ready_ok)]]
    detail = []
    if f("start_capture_s") and f("start_load_s"):
        detail.append("capture start %s s" % fmt(num(f("start_capture_s")), 2))
    if num(f("start_migrated")):
        detail.append("this start migrated the fresh database (%s migrations)" % f("start_migrated"))
    if f("start_jvm_s"):
        detail.append("Spring's \"Started … in\" %s s, process running %s s" % (
            fmt(num(f("start_jvm_s")), 2), fmt(num(f("start_process_s")), 2)))
    if detail:
        rows.append(["start, in detail", "; ".join(detail), "", ""])
    rows.append(["start: layout and class data sharing", "%s; %s%s" % (
        f("start_layout") or "–", f("start_cds") or "–",
        "; archive made by a training run of %s s" % fmt(num(f("cds_training_s")), 1) if f("cds_training_s") else ""),
        "", ""])
    for when, label in (("pages", "heap after a full GC, after the pages' load"),
                        ("end", "heap after a full GC, at the end of the load")):
        h = heap[when]
        if h["used_kb"] is not None:
            rows.append([label, "%s MiB used of %s MiB committed (max %s MiB)" % (
                fmt(mib(h["used_kb"]), 1), fmt(mib(h["committed_kb"])), fmt(mib(h["max_kb"]))), "", ""])
    if rss["load_max_kb"] is not None:
        anon = ""
        if rss["anon_load_max_kb"] is not None:
            anon = " (of it the process's own, RssAnon: pages %s MiB, whole load %s MiB; the rest is mapped from " \
                   "files, the class data sharing archive among them)" % (
                       fmt(mib(rss["anon_pages_max_kb"])), fmt(mib(rss["anon_load_max_kb"])))
        rows.append(["process RSS under load, max (VmRSS every %s s)" % fmt(rss["interval_s"], 1),
                     "pages %s MiB; whole load %s MiB%s; %s samples" % (
                         fmt(mib(rss["pages_max_kb"])), fmt(mib(rss["load_max_kb"])), anon, fmt(rss["samples"])),
                     "", ""])
    whole_ok = False if died or misses or ready_ok is False else None if not f("jvm_xmx") else True
    data["whole_run_pass"] = whole_ok
    rows.append(["the whole run with %s" % (f("jvm_xmx") or "–"),
                 ("the application exited: %s" % died) if died else
                 "the application ran to the end (no OutOfMemoryError); %s" % (
                     "%d target(s) missed" % misses if misses else "no target missed"),
                 "with this heap, no target missed", verdict(whole_ok)])
    return rows, data


def render_text(head, rows):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    out = ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(head)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        out.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    return "\n".join(out)


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(out)


def write_md(path, facts, head, rows, extra, errors, warnings, capture_info, rule_text, mrows, sessions_text=None):
    f = facts.get
    lines = ["# LeadBridge benchmark — %s scale, %s" % (f("run_scale"), f("run_date")), ""]
    lines += ["Run with `bench/run %s` (duration %s s per scenario, concurrency %s, warm-up %s s)."
              % (f("run_args", ""), f("run_duration"), f("run_concurrency"), f("run_warmup")), ""]
    lines += ["## Machine", "",
              "| | |", "|---|---|",
              "| cores | %s |" % f("machine_cores"),
              "| memory | %s |" % f("machine_memory"),
              "| CPU | %s |" % f("machine_cpu"),
              "| PostgreSQL | %s |" % f("machine_postgres"),
              "| Java | %s |" % f("machine_java"),
              "| git commit | %s |" % f("machine_commit"),
              "| load before the run | %s |" % f("machine_load"), ""]
    lines += ["## Data", "",
              "| | |", "|---|---|",
              "| workspaces | %s |" % f("data_workspaces"),
              "| leads in the large workspace | %s |" % f("data_large_leads"),
              "| leads in all | %s |" % f("data_leads"),
              "| handoffs (awaiting a decision in the large workspace) | %s (%s) |" % (f("data_handoffs"), f("data_awaiting")),
              "| disputes | %s |" % f("data_disputes"),
              "| timeline events | %s |" % f("data_events"),
              "| comments | %s |" % f("data_comments"),
              "| all-visible pages before the run (autovacuum is off; see bench/README.md) | %s |" % f("data_visible"),
              "| generated in | %s |" % (("%s s (sign-up of the workspaces %s s, SQL %s s, vacuum %s s)" % (
                  f("gen_total_s"), f("gen_signup_s"), f("gen_sql_s"), f("gen_vacuum_s"))) if f("gen_total_s") else "reused (--skip-generate)"),
              ""]
    lines += ["## Memory and start", ""]
    lines.append(md_table(["", "", "target", ""], mrows))
    lines.append("")
    lines += ["## Pages and the intake API", "",
              "wrk `-t2 -c%s --latency`, then pgbench `-n -M prepared -c %s -j 2 %s` (the intake scripts `-M simple`) with the SQL the same request sent "
              "(captured from the statement log; see bench/README.md). app ÷ pgbench is the app's requests per second "
              "over pgbench's transactions per second." % (
                  f("run_concurrency"), f("run_concurrency"),
                  ("-t %s" % f("run_pgbench_tx")) if f("run_pgbench_tx") else ("-T %s" % f("run_duration"))), ""]
    lines += ["**Which p99 target applies:** %s. (The ratio targets hold on any day; the absolute p99 targets for a run "
              "whose pgbench rate on the queue's SQL is at least %s tps, and on any day each page's p99 is at most %s × "
              "its p50 — issue 21.)" % (rule_text, fmt(ABSOLUTE_P99_FROM_TPS), P99_OVER_P50), ""]
    lines.append(md_table(head, rows))
    lines.append("")
    paths = [(n, f("url_" + n)) for n, _, _ in PAGES if f("url_" + n)]
    if paths:
        lines += ["Requests: " + "; ".join("%s `%s`" % (n, p) for n, p in paths) + ".", ""]
    srcs = ["%s: %s (%s statements)" % (n, f("pgbench_source_" + n, "captured"),
                                       capture_info.get(n, {}).get("statements", "?"))
            for n, _, _ in PAGES if n in capture_info or f("pgbench_source_" + n)]
    if srcs:
        lines += ["pgbench scripts: " + "; ".join(srcs) + ".", ""]
    if sessions_text:
        lines += ["**Sessions in PostgreSQL.** " + sessions_text, ""]
    if extra:
        lines += ["## Import and re-evaluation", ""]
        lines.append(md_table(["scenario", "elapsed", "rate", "detail", "target", ""], extra))
        lines.append("")
    if warnings:
        lines += ["## Warnings", ""] + ["- " + e for e in warnings] + [""]
    if errors:
        lines += ["## Errors", ""] + ["- " + e for e in errors] + [""]
    with open(path, "w") as out:
        out.write("\n".join(lines))


# --------------------------------------------------------------------------------------------------------------------
# How cost grows: the latest small, medium and full results side by side
# --------------------------------------------------------------------------------------------------------------------

SCALES = ["small", "medium", "full"]


def latest_results(results_dir):
    """The newest measuring result (not a smoke test) of each scale: {scale: (path, json)}."""
    import glob
    best = {}
    for path in glob.glob(os.path.join(results_dir, "*.json")):
        try:
            d = json.load(open(path))
        except (OSError, ValueError):
            continue
        if not isinstance(d, dict) or "scenarios" not in d or "run" not in d:
            continue
        run = d["run"]
        scale = run.get("scale")
        # a smoke test's figures (one second of load, no warm-up, the C1 JIT) are not comparable; results from before
        # run_smoke was recorded: every small run was one
        if scale not in SCALES or run.get("smoke") == "1" or (run.get("smoke") is None and scale == "small"):
            continue
        # a run of every scenario before one of a few (--only)
        complete = all(n in d["scenarios"] for n in ("queue", "list-first", "detail", "marketing", "intake", "import",
                                                     "reeval"))
        key = (complete, run.get("started") or run.get("date") or "", os.path.getmtime(path))
        if scale not in best or key > best[scale][0]:
            best[scale] = (key, path, d)
    return {k: (v[1], v[2]) for k, v in best.items()}


def cmd_scales(args):
    found = latest_results(args.results)
    for scale in SCALES:
        override = getattr(args, scale)
        if override:
            found[scale] = (override, json.load(open(override)))
    scales = [sc for sc in SCALES if sc in found]
    if not scales:
        print("bench.py scales: no measuring result of any scale in %s (a small run measures with --warmup > 0)"
              % args.results, file=sys.stderr)
        sys.exit(1)
    lines = ["# How cost grows with the large workspace", "",
             "Each scenario's p50, p99 and share of pgbench (app ÷ pgbench on the same SQL, one run) at the three "
             "scales, from the latest measuring result of each (`bench/run --scale-table`; a smoke test's figures "
             "are left out). The share says where the time goes: a page whose pgbench rate falls as the workspace "
             "grows has SQL that grows with it; a page whose pgbench rate stays flat does not.", ""]
    lines += ["| | " + " | ".join(scales) + " |", "|---|" + "---|" * len(scales)]
    info = {sc: found[sc][1] for sc in scales}

    def row(label, fn):
        lines.append("| %s | %s |" % (label, " | ".join(str(fn(sc, info[sc])) for sc in scales)))

    row("result", lambda sc, d: "`%s`" % os.path.relpath(found[sc][0], os.path.dirname(args.out) or "."))
    row("git commit", lambda sc, d: d.get("machine", {}).get("commit", "–"))
    row("date", lambda sc, d: d.get("run", {}).get("date", "–"))
    row("leads in the large workspace", lambda sc, d: fmt(num(d.get("data", {}).get("large_leads"))))
    row("duration / warm-up / concurrency", lambda sc, d: "%s s / %s s / %s" % (
        d["run"].get("duration", "–"), d["run"].get("warmup", "–"), d["run"].get("concurrency", "–")))
    row("pgbench on the queue's SQL (the day's speed)",
        lambda sc, d: fmt((d["scenarios"].get("queue") or {}).get("pgbench_tps")) + " tps")
    row("p99 rule", lambda sc, d: (d.get("p99_rule") or {}).get("applies", "–"))
    lines.append("")
    params = {(info[sc]["run"].get("duration"), info[sc]["run"].get("warmup"), info[sc]["run"].get("concurrency"))
              for sc in scales}
    if len(params) > 1:
        lines += ["**Not measured alike:** the runs differ in duration, warm-up or concurrency; compare ratios, and "
                  "run each scale with the same `--duration 30 --warmup 180 --concurrency 16` for a fair table.", ""]
    head = ["scenario"]
    for sc in scales:
        head += ["%s p50 ms" % sc, "p99 ms", "of pgbench", "pgbench tps"]
    if len(scales) > 1:
        head += ["p50 %s ÷ %s" % (scales[-1], scales[0]), "SQL cost %s ÷ %s" % (scales[-1], scales[0])]
    rows = []
    for name, label, _ in PAGES:
        entries = [info[sc]["scenarios"].get(name) for sc in scales]
        if not any(entries):
            continue
        r = [label]
        for e in entries:
            e = e or {}
            r += [fmt(e.get("p50_ms"), 1), fmt(e.get("p99_ms"), 1),
                  fmt(e["ratio"] * 100, 1) + " %" if e.get("ratio") is not None else "–", fmt(e.get("pgbench_tps"))]
        if len(scales) > 1:
            a, b = entries[0] or {}, entries[-1] or {}
            r.append(fmt(b["p50_ms"] / a["p50_ms"], 2) + "×" if a.get("p50_ms") and b.get("p50_ms") else "–")
            # pgbench's time per transaction at the largest scale over that at the smallest
            r.append(fmt(a["pgbench_tps"] / b["pgbench_tps"], 2) + "×" if a.get("pgbench_tps") and b.get("pgbench_tps")
                     else "–")
        rows.append(r)
    lines.append(md_table(head, rows))
    lines.append("")
    ehead = ["scenario"] + ["%s" % sc for sc in scales]
    erows = []
    imp = [info[sc]["scenarios"].get("import") for sc in scales]
    if any(imp):
        erows.append(["6. CSV import, end to end"] + ["%s rows in %s s: %s rows/s (COPY: %s rows/s)" % (
            fmt(e.get("rows")), fmt(e.get("total_s"), 2), fmt(e.get("rows_per_s")), fmt(e.get("copy_rows_per_s")))
            if e else "–" for e in imp])
    rev = [info[sc]["scenarios"].get("reeval") for sc in scales]
    if any(rev):
        erows.append(["7. re-evaluation, end to end"] + ["%s leads in %s s: %s leads/s" % (
            fmt(e.get("leads")), fmt(e.get("total_s"), 2), fmt(e.get("leads_per_s"))) if e else "–" for e in rev])
        erows.append(["7. queue during a re-evaluation"] + ["p50 %s ms, p99 %s ms" % (
            fmt((e.get("under_load") or {}).get("queue_p50_ms"), 1), fmt((e.get("under_load") or {}).get("queue_p99_ms"), 1))
            if e else "–" for e in rev])
    mem = [info[sc].get("memory_start") for sc in scales]
    if any(mem):
        erows.append(["ready after start"] + ["%s s" % fmt(m.get("ready_s"), 2) if m else "–" for m in mem])
        erows.append(["heap after a full GC, end of the load"] + [
            "%s MiB" % fmt(mib((m.get("heap_after_gc") or {}).get("end", {}).get("used_kb")), 1) if m else "–"
            for m in mem])
        erows.append(["process RSS under the pages' load, max"] + [
            "%s MiB" % fmt(mib((m.get("rss") or {}).get("pages_max_kb"))) if m else "–" for m in mem])
    if erows:
        lines.append(md_table(ehead, erows))
        lines.append("")
    lines += ["\"p50 %s ÷ %s\" is how much slower a request of the page is at the largest scale than at the smallest; "
              "\"SQL cost\" is the same for the page's SQL alone (pgbench's rate at the smallest scale over its rate at "
              "the largest). Near 1×: the page stays flat as the workspace grows." % (scales[-1], scales[0])
              if len(scales) > 1 else "", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    print("Written: %s" % args.out, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("capture")
    c.add_argument("--log", required=True)
    c.add_argument("--offset", type=int, default=0)
    c.add_argument("--db", required=True)
    c.add_argument("--prefix", required=True)
    c.add_argument("--names", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--replace", action="append")
    c.set_defaults(func=capture)
    w = sub.add_parser("wrk")
    w.add_argument("file")
    w.set_defaults(func=cmd_wrk)
    p = sub.add_parser("pgbench")
    p.add_argument("file")
    p.set_defaults(func=cmd_pgbench)
    cf = sub.add_parser("criteria-form")
    cf.add_argument("active")
    cf.add_argument("out")
    cf.set_defaults(func=cmd_criteria_form)
    cu = sub.add_parser("criteria-update")
    cu.add_argument("criteria")
    cu.add_argument("tenant")
    cu.add_argument("version")
    cu.set_defaults(func=cmd_criteria_update)
    r = sub.add_parser("report")
    r.add_argument("--run-dir", required=True)
    r.add_argument("--md")
    r.add_argument("--json")
    r.set_defaults(func=cmd_report)
    sc = sub.add_parser("scales")
    sc.add_argument("--results", required=True)
    sc.add_argument("--out", required=True)
    for name in SCALES:
        sc.add_argument("--" + name, help="this result (JSON) instead of the latest of the scale")
    sc.set_defaults(func=cmd_scales)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
