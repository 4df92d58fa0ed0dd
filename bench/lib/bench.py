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
    "workspaces_with_due_handoffs",
    "skip locked",
    "running_background_work",
    "criteria_reevaluation",
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


def lead_ids(text):
    """The ids of the leads a captured script inserts (INSERT INTO lead with an id column, one row or several)."""
    ids = []
    for stmt in text.split(";\n"):
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
        for tx in txs:
            text = "\n".join(tx["sql"]).lower()
            if tx.get("partial") or any(sig in text for sig in BACKGROUND if not (sig == "lead_import" and name == "import")):
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
        summary[name] = {"ok": bool(kept), "transactions": len(kept),
                         "statements": sum(len(t["sql"]) for t in kept), "dropped_background": dropped,
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
    ("queue", "1. Sales rep's queue (/sales/queue)", "page50"),
    ("list-first", "2. Lead list, filtered, first page", "page50"),
    ("list-deep", "2. Lead list, filtered, deep page", "page50"),
    ("detail", "3. Lead detail with timeline (/leads/{id})", "page50"),
    ("marketing", "4. Marketing dashboard (/marketing)", "dashboard"),
    ("sales", "4. Sales dashboard (/sales)", "dashboard"),
    ("liaison", "4. Liaison desk (/liaison)", "dashboard"),
    ("intake", "5. Intake API, single lead", "intake"),
    ("batch", "5. Intake API, batch of 500", "batch"),
]


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
        target, ok = "", None
        if kind == "page50":
            target = "≥ 15 % of pgbench and p99 < 50 ms"
            ok = None if ratio is None or p99 is None else (ratio >= 0.15 and p99 < 50)
        elif kind == "dashboard":
            g = groupby["tps"] if groupby and groupby.get("ok") else None
            target = "p99 < 100 ms and rps > plain GROUP BY (%s/s)" % fmt(g)
            ok = None if p99 is None or g is None else (p99 < 100 and rps > g)
        elif kind == "intake":
            target = "≥ 50 % of pgbench"
            ok = None if ratio is None else ratio >= 0.5
        elif kind == "batch":
            leads = w["items_per_s"] if w and "items_per_s" in w else None
            target = "≥ 10,000 leads/s (%s leads/s)" % fmt(leads)
            ok = None if leads is None else leads >= 10000
        entry = {"label": label, "path": facts.get("url_" + name), "rps": rps,
                 "p50_ms": w.get("p50_ms") if w else None, "p99_ms": p99,
                 "requests": w.get("requests") if w else None,
                 "failed_requests": (w.get("bad", 0) + w.get("socket_errors", 0)) if w else None,
                 "pgbench_tps": tps, "pgbench_script": source,
                 "pgbench_statements": capture_info.get(name, {}).get("statements"),
                 "ratio": ratio, "target": target, "pass": ok}
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
        ok = None if rate is None or status != "DONE" else rate >= 10000
        results["scenarios"]["import"] = {
            "label": "6. CSV import", "rows": n, "status": status, "imported": num(facts.get("import_imported")),
            "upload_s": num(facts.get("import_upload_s")), "preview_s": num(facts.get("import_preview_s")),
            "run_s": num(facts.get("import_run_s")), "total_s": total, "rows_per_s": rate,
            "copy_s": copy_s, "copy_rows_per_s": n / copy_s if n and copy_s else None,
            "target": "100,000 rows < 10 s (≥ 10,000 rows/s)", "pass": ok}
        if status != "DONE":
            errors.append("import: did not finish (%s)" % status)
        extra.append(["6. CSV import of %s rows, end to end" % fmt(n), fmt(total, 2) + " s",
                      fmt(rate) + " rows/s", "upload %s s, preview %s s, import %s s" % (
                          fmt(num(facts.get("import_upload_s")), 2), fmt(num(facts.get("import_preview_s")), 2),
                          fmt(num(facts.get("import_run_s")), 2)),
                      "100k rows < 10 s (≥ 10,000 rows/s)", verdict(ok)])
        extra.append(["6. plain COPY of the same rows (scratch table)", fmt(copy_s, 2) + " s",
                      fmt(n / copy_s if n and copy_s else None) + " rows/s",
                      "app ÷ COPY: %s" % (fmt(copy_s / total * 100, 1) + " %" if copy_s and total else "–"), "", ""])
    if "reeval" in selected:
        n = num(facts.get("reeval_leads"))
        total = num(facts.get("reeval_total_s"))
        upd = num(facts.get("reeval_update_s"))
        status = facts.get("reeval_status", "not run")
        rate = n / total if n and total else None
        ok = None if rate is None or status != "DONE" else rate >= 1000000 / 60.0
        n2 = num(facts.get("reeval2_leads"))
        total2 = num(facts.get("reeval2_total_s"))
        status2 = facts.get("reeval2_status", "not run")
        q = parse_wrk(os.path.join(run, "wrk-queue-during-reeval.txt"))
        results["scenarios"]["reeval"] = {
            "label": "7. Re-evaluation after a criteria change", "leads": n, "status": status, "total_s": total,
            "db_s": num(facts.get("reeval_db_s")), "leads_per_s": rate, "update_s": upd,
            "update_rows": num(facts.get("reeval_update_rows")),
            "target": "1,000,000 leads < 60 s (≥ 16,667 leads/s)", "pass": ok,
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
                      "1M < 60 s (≥ 16,667 leads/s)", verdict(ok)])
        extra.append(["7. single UPDATE of the same rows", fmt(upd, 2) + " s",
                      fmt(n / upd if n and upd else None) + " leads/s",
                      "app ÷ UPDATE: %s" % (fmt(upd / total * 100, 1) + " %" if upd and total else "–"), "", ""])
        qp99 = q.get("p99_ms") if q else None
        extra.append(["7. queue during a re-evaluation (took %s s)" % fmt(total2, 2),
                      fmt(q.get("rps") if q else None) + " req/s",
                      "p50 %s ms, p99 %s ms" % (fmt(q.get("p50_ms") if q else None, 1), fmt(qp99, 1)), "",
                      "queue's p99 < 50 ms", verdict(None if qp99 is None else qp99 < 50)])

    results["errors"] = errors
    results["warnings"] = warnings
    results["machine"] = {k[len("machine_"):]: v for k, v in facts.items() if k.startswith("machine_")}
    results["run"] = {k[len("run_"):]: v for k, v in facts.items() if k.startswith("run_")}
    results["data"] = {k[len("data_"):]: v for k, v in facts.items() if k.startswith("data_")}
    results["generation"] = {k[len("gen_"):]: v for k, v in facts.items() if k.startswith("gen_")}

    head = ["scenario", "req/s", "p50 ms", "p99 ms", "pgbench tps", "app ÷ pgbench", "target", ""]
    table = render_text(head, rows)
    etable = render_text(["scenario", "elapsed", "rate", "detail", "target", ""], extra) if extra else ""
    print()
    print(table)
    if etable:
        print()
        print(etable)
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
        write_md(args.md, facts, head, rows, extra, errors, warnings, capture_info)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=str)
    sys.exit(1 if errors else 0)


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


def write_md(path, facts, head, rows, extra, errors, warnings, capture_info):
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
    lines += ["## Pages and the intake API", "",
              "wrk `-t2 -c%s --latency`, then pgbench `-n -M prepared -c %s -j 2 %s` (the intake scripts `-M simple`) with the SQL the same request sent "
              "(captured from the statement log; see bench/README.md). app ÷ pgbench is the app's requests per second "
              "over pgbench's transactions per second." % (
                  f("run_concurrency"), f("run_concurrency"),
                  ("-t %s" % f("run_pgbench_tx")) if f("run_pgbench_tx") else ("-T %s" % f("run_duration"))), ""]
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
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
