#!/usr/bin/env python3
"""Writes the Markdown results of an ops/cluster run (to stdout) from its work directory.

  report.py RUN_DIR RAW_DIR SCENARIOS INSTANCES THREADS PEOPLE THINK_MS JAVA_OPTS FAILED_EXPECTATIONS
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import time


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip() \
            or subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stderr.strip()
    except Exception:
        return "?"


def read_env(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def load_json(path):
    return json.load(open(path)) if os.path.exists(path) else None


def markers(run_dir, prefix):
    path = os.path.join(run_dir, "markers.txt")
    out = []
    if os.path.exists(path):
        for line in open(path):
            t, _, text = line.rstrip("\n").partition(" ")
            if text.startswith(prefix + ":"):
                out.append((float(t), text[len(prefix) + 2:]))
    return out


def load_section(load, hap, marks):
    c = load["counts"]
    lines = [
        "| | |", "|---|---|",
        "| load | %d threads, %d signed-in people (%s), %s s |" % (
            load["threads"], len(load["people"]), ", ".join(p.split("@")[0] for p in load["people"]), load["seconds"]),
        "| requests | %d (%.1f/s) |" % (load["requests"], load["per_second"]),
        "| 200 (or `/` to the home page) | %d |" % c["ok"],
        "| **302 to /login (signed out)** | **%d** (people: %s) |" % (
            c["login"], ", ".join(load["signed_out_people"]) or "none"),
        "| other 3xx | %d |" % c["redirect"],
        "| 4xx | %d |" % c["4xx"],
        "| 5xx | %d |" % c["5xx"],
        "| connection error / timeout | %d |" % c["error"],
        "| **failed** (302 to /login, 4xx, 5xx, errors) | **%d** |" % load["failed"],
        "| keep-alive connections to HAProxy reopened by the client | %d |" % load["reconnects"],
        "| latency p50 / p90 / p99 / max | %s / %s / %s / %s ms |" % tuple(
            load["latency_ms"][k] for k in ("p50", "p90", "p99", "max")),
    ]
    if hap:
        lines += [
            "| HAProxy: requests logged (without the streams) | %d, by instance: %s |" % (
                hap["requests"], ", ".join("%s %d" % kv for kv in sorted(hap["by_server"].items()))),
            "| HAProxy: status codes it sent | %s |" % ", ".join("%s: %d" % kv for kv in sorted(hap["by_status"].items())),
            "| HAProxy: requests it retried (of them sent to another instance) | %d (%d) |" % (
                hap["retried"], hap["redispatched"]),
            "| HAProxy: termination flags other than `----` | %s |" % (
                ", ".join("`%s` %d" % kv for kv in sorted(hap["termination_flags"].items())) or "none"),
        ]
    lines.append("")
    t0 = load["started"]
    if marks:
        lines += ["What happened when (seconds since the load started):", ""]
        for t, text in marks:
            lines.append("- %+.1f s: %s" % (t - t0, text))
        lines.append("")
    if load["failures"]:
        lines += ["Every request that did not succeed:", "", "| s since start | person | path | answer | took |",
                  "|---|---|---|---|---|"]
        for f in load["failures"]:
            answer = f["category"] + (" %s" % f["status"] if f["status"] else "") + \
                (" → %s" % f["location"] if f["location"] else "") + (" (%s)" % f["error"] if f["error"] else "")
            lines.append("| %.3f | %s | `%s` | %s | %s ms |" % (
                f["started"] - t0, f["person"].split("@")[0], f["path"], answer.replace("|", "\\|"), f["ms"]))
        if load["failures_not_listed"]:
            lines.append("| … | %d more | | | |" % load["failures_not_listed"])
        lines.append("")
    if hap and hap["retried_lines"]:
        lines += ["HAProxy's log lines of the retried requests (the last field before the queue figures is the retry "
                  "count; `+` means sent to another instance), the first 5:", "", "```"] + hap["retried_lines"][:5] + ["```", ""]
    if hap and hap["not_2xx_3xx"]:
        lines += ["HAProxy's log lines of answers other than 2xx/3xx:", "", "```"] + hap["not_2xx_3xx"][:10] + ["```", ""]
    return lines


def replica_section(run_dir, raw_rel, facts, instances):
    f = facts.get
    out = ["## Read replica", ""]
    out += ["A second PostgreSQL cluster on this machine, made by `pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -R -X "
            "stream --checkpoint=fast -C -S ops_cluster_replica` (%s copied in %s s) and started as a hot standby on "
            "127.0.0.1:5433 with a minimal configuration ([replica-postgresql.conf](%s/replica-postgresql.conf)); "
            "streaming %s s after the copy began. Every instance ran with `LEADBRIDGE_REPLICA_URL=%s` and the "
            "defaults: the replica is checked every second and may be 1 s behind (`leadbridge.replica.max-lag`). "
            "The figures are the instances' own meters on their management ports (`leadbridge_replica_reads_total"
            "{target=\"replica\"|\"primary\"}` summed over the %s instances, `leadbridge_replica_usable` of each), "
            "read before and after each step; the pages were requested through HAProxy as Mia (marketer), %s times "
            "each per step." % (f("replica_basebackup_size", "?"), f("replica_basebackup_s", "?"), raw_rel,
                               f("replica_ready_s", "?"), f("replica_url", "?"), instances,
                               f("replica_reads_per_page", "?"))]
    if f("replica_hba_entry_added"):
        out += ["", "The primary's pg_hba.conf had no entry for replication connections: the run added `%s` for its "
                "duration and removed it at the end." % f("replica_hba_entry_added").split(": ", 1)[-1]]
    out.append("")

    def step_rows(phase):
        rows = []
        for key in ("marketing", "leads", "leads_export"):
            v = f("replica_%s_%s" % (phase, key))
            if v:
                path, codes, rr, pp = v.split(" ")
                rows.append("| GET %s | %s | +%s | +%s |" % (path, codes, rr, pp))
        return rows

    head = ["| request | answers | replica reads | primary reads |", "|---|---|---|---|"]
    out += ["### Routing", "", "The replica usable on every instance; no load."] + [""] + head + step_rows("routing")
    lp = f("replica_routing_lead_page")
    if lp:
        path, codes, rr, pp = lp.split(" ")
        out.append("| GET %s (lead page: always the primary) | %s | +%s | +%s |" % (path, codes, rr, pp))
    out += ["", "Connections of `leadbridge_app` to `leadbridge_cluster` in the replica's `pg_stat_activity`: %s after the "
            "first reads, %s after the routing step (%s)." % (
                f("replica_app_connections_on_replica", "?"), f("replica_app_connections_after_routing", "?"),
                f("replica_app_connections_on_replica_detail", "")), ""]
    out += ["### Lag: replay paused", "",
            "Under a light load (Mia, 2 threads, 100 ms between requests), `SELECT pg_wal_replay_pause()` on the "
            "replica, then Mia created lead %s through HAProxy (`POST /leads`)." % f("replica_lag_lead", "?"), "",
            "| | |", "|---|---|",
            "| `leadbridge_replica_usable` 0, seconds after the pause | %s |" % f("replica_lag_unusable_after_pause_s", "?"),
            "| the replica then | %s |" % f("replica_lag_replica_state", "?"),
            "| rows of the new lead | %s |" % f("replica_lag_lead_rows", "?"),
            "| the new lead shown (lines with its company name) | %s |" % f("replica_lag_new_lead_shown", "?"),
            "| reads while it lagged (load included) | %s |" % f("replica_lag_window_reads", "?"),
            "| `leadbridge_replica_usable` 1, seconds after `pg_wal_replay_resume()` | %s |" % f(
                "replica_lag_usable_after_resume_s", "?"),
            "| rows of the new lead on the replica after the resume | %s |" % f("replica_lag_lead_rows_after_resume", "?"),
            "| back | %s |" % f("replica_lag_back_reads", "?"), "",
            "Pages while the replica lagged:", ""] + head + step_rows("lag") + [""]
    out += ["### Down: replica stopped", "",
            "Under the same light load: `pg_ctl stop -m fast` of the replica (it returned after %s s), the pages read, "
            "then `pg_ctl start` (streaming again after %s s)." % (f("replica_down_stop_s", "?"),
                                                                    f("replica_down_restart_s", "?")), "",
            "| | |", "|---|---|",
            "| `leadbridge_replica_usable` 0, seconds after the stop began | %s |" % f("replica_down_unusable_after_stop_s", "?"),
            "| reads while it was down (load included) | %s |" % f("replica_down_window_reads", "?"),
            "| `leadbridge_replica_usable` 1, seconds after the start began | %s |" % f("replica_down_usable_after_start_s", "?"),
            "| back | %s |" % f("replica_down_back_reads", "?"), "",
            "Pages while the replica was down:", ""] + head + step_rows("down") + [""]
    for label, title in (("replica-lag", "The load through the lag"), ("replica-down", "The load through the stop and start")):
        load = load_json(os.path.join(run_dir, "load-%s.json" % label))
        if load:
            out += ["%s (`ops/load.py`, answers as the browser got them, by status):" % title, ""] + load_section(
                load, load_json(os.path.join(run_dir, "haproxy-%s.json" % label)), [])
        key = label.replace("-", "_")
        out += ["Beside it, a watch of Mia's `/leads`, `/marketing`, `/leads/export` in turn (100 ms apart), each answer "
                "checked to be whole (a page to its `</html>`, an export with its rows): %s. HAProxy's log over the "
                "same time, answers `200` smaller than 2 KB (headers included; no page is that small, the lead list "
                "is about 24 KB): %s." % (
                    f(key + "_watch", "?"), f(key + "_small_200", "?")), ""]
        hap = load_json(os.path.join(run_dir, "haproxy-%s.json" % label))
        if hap and hap.get("small_200"):
            out += ["```"] + hap["small_200"][:10] + ["```", ""]
        path = os.path.join(run_dir, "%s-watch.jsonl" % label)
        bad = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
        bad = [r for r in bad if r.get("status") != 200 or not r.get("whole")]
        for r in bad[:3]:
            start = (r.get("body_start") or r.get("error") or "")[:800]
            out += ["The watch's answer at %s to `GET %s`: status %s, %s bytes of body, after %s ms%s" % (
                time.strftime("%H:%M:%S", time.gmtime(r["t"])) + ".%03d" % int(r["t"] % 1 * 1000), r["path"],
                r.get("status"), r.get("bytes", "-"), r.get("ms"), "; it begins:" if start else " (an empty body).")]
            out += ["", "```", start, "```", ""] if start else [""]
    out += ["Every counted GET of the scenario: %s ([replica-requests.txt](%s/replica-requests.txt): time, step, "
            "path, status, seconds). The meters at each step and at every poll while waiting for a switch: "
            "[replica-meters.jsonl](%s/replica-meters.jsonl)." % (f("replica_counted_gets", "?"), raw_rel, raw_rel), ""]
    marks = markers(run_dir, "replica")
    if marks:
        t0 = marks[0][0]
        out += ["What happened when (seconds since the scenario's first step):", ""]
        out += ["- %+.1f s: %s" % (t - t0, text) for t, text in marks] + [""]
    path = os.path.join(run_dir, "replica-app-log.txt")
    if os.path.exists(path):
        lines = [l.rstrip("\n") for l in open(path)]
        behind = [l for l in lines if "Replica: " in l and " behind (" in l]
        others = [l for l in lines if l not in behind]
        out += ["What the instances logged about the replica during the scenario (lines with `Replica:`, `ERROR` or "
                "`Exception`, all of them in [replica-app-log.txt](%s/replica-app-log.txt)): %d lines `Replica: … "
                "behind …` (%s), of which the first and the last of each instance:" % (
                    raw_rel, len(behind), ", ".join("%s %d" % (a, sum(1 for l in behind if l.startswith(a + ":")))
                                                    for a in sorted({l.split(":")[0] for l in behind}))), "", "```"]
        for a in sorted({l.split(":")[0] for l in behind}):
            mine = [l for l in behind if l.startswith(a + ":")]
            out += [mine[0]] + ([mine[-1]] if len(mine) > 1 else [])
        out += ["```", "", "and the %d other lines (the first 40):" % len(others), "", "```"] + others[:40] + ["```", ""]
    return out


def main(argv):
    run_dir, raw_dir, scenarios, instances, threads, people, think_ms, java_opts, failed = argv[1:10]
    facts = read_env(os.path.join(run_dir, "facts.env"))
    scen = scenarios.split(",")
    failed = [f for f in failed.split("\n") if f.strip()]
    raw_rel = os.path.relpath(raw_dir, os.path.dirname(raw_dir))
    out = []
    title = "with a streaming read replica" if scen == ["replica"] else "on several instances behind HAProxy"
    out += ["# LeadBridge %s: %s" % (title, facts.get("started", "")[:10]), ""]
    out += ["`ops/cluster %s` at commit `%s`, %s – %s. Raw figures: [%s/](%s/)." % (
        facts.get("args", ""), facts.get("commit", "?"), facts.get("started", ""), facts.get("ended", ""),
        raw_rel, raw_rel), ""]
    mem = sh("awk '/MemTotal/ {printf \"%.0f GB\", $2 / 1048576}' /proc/meminfo")
    out += ["Machine: %s cores, %s memory; PostgreSQL %s; %s; %s." % (
        sh("nproc"), mem, sh("psql -X -qAt -d postgres -c 'show server_version'"),
        sh("java -version 2>&1 | head -n 1"), sh("haproxy -v | head -n 1").split(" - ")[0]), ""]
    out += ["Set-up: %s instances of the packaged application (`java %s -jar`, profile `demo`, SLA sweep every 5 s), each "
            "on its own `SERVER_PORT` (127.0.0.1:18081…) and `LEADBRIDGE_MANAGEMENT_PORT` (19081…), all on the one "
            "database `leadbridge_cluster`; HAProxy (Debian's package) on 127.0.0.1:8090 with `balance roundrobin`, no "
            "stickiness, health checks `GET /actuator/health/readiness` every 1 s (`fall 2 rise 2`), `retries 3`, "
            "`option redispatch 1`, `retry-on conn-failure empty-response` for GET/HEAD only (its configuration: "
            "[haproxy.cfg](%s/haproxy.cfg)).%s First start of each instance: %s s." % (
                instances, java_opts, raw_rel,
                (" Load: `ops/load.py`, %s threads shared by %s signed-in demo people, %s ms between a thread's "
                 "requests, each answer recorded." % (threads, people, think_ms))
                if set(scen) - {"replica"} else "",
                " / ".join(facts.get("start_app%d_s" % i, "?") for i in range(1, int(instances) + 1))), ""]

    rows = []
    rolling = load_json(os.path.join(run_dir, "load-rolling.json"))
    kill = load_json(os.path.join(run_dir, "load-kill.json"))
    if "rolling" in scen and rolling:
        rows.append(("rolling restart of all %s instances under load" % instances,
                     "0 failed requests, 0 people signed out",
                     "%d requests, %d failed, %d signed out" % (rolling["requests"], rolling["failed"],
                                                                len(rolling["signed_out_people"]))))
    if "kill" in scen and kill:
        rows.append(("`kill -9` of one instance under load", "at most the requests in flight fail; nobody signed out",
                     "%d requests, %d failed, %d signed out" % (kill["requests"], kill["failed"],
                                                                len(kill["signed_out_people"]))))
    if "live" in scen and "live_delays_ms" in facts:
        d = [int(x) for x in facts["live_delays_ms"].split()]
        rows.append(("comment on instance 1, live stream on instance 2", "`event:activity` arrives on instance 2",
                     "%d of 5 arrived; delay %s ms" % (len(d), "–".join(str(x) for x in (min(d), max(d))) if d else "-")))
    if "sla" in scen and "sla_handoffs_created" in facts:
        rows.append(("SLA watch on 3 instances", "each overdue handoff escalated exactly once",
                     "%s handoffs, %s not exactly once" % (facts["sla_handoffs_created"],
                                                          facts.get("sla_not_exactly_once", "?"))))
    if "replica" in scen and "replica_url" in facts:
        f = facts.get
        rows.append(("read replica: routing", "dashboards, lead list, export read the replica; the lead page the primary",
                     "; ".join("GET %s: replica +%s, primary +%s" % tuple(f("replica_routing_%s" % k).split(" ")[i] for i in (0, 2, 3))
                               for k in ("marketing", "leads", "leads_export") if f("replica_routing_%s" % k))
                     + ("; GET /leads/{id}: replica +%s, primary +%s" % tuple(f("replica_routing_lead_page").split(" ")[2:4])
                        if f("replica_routing_lead_page") else "")))
        rows.append(("read replica: replay paused (lag)", "pages answer 200 from the primary; a new lead is listed; "
                     "back to the replica after the resume",
                     "usable 0 after %s s; %s; shown: %s; load %s; watch %s; 200s under 2 KB: %s; back after %s s" % (
                         f("replica_lag_unusable_after_pause_s", "?"), f("replica_lag_window_reads", "?"),
                         f("replica_lag_new_lead_shown", "?"), f("replica_lag_load", "?").split(", counts")[0],
                         f("replica_lag_watch", "?"), f("replica_lag_small_200", "?"),
                         f("replica_lag_usable_after_resume_s", "?"))))
        rows.append(("read replica: stopped (down)", "pages answer 200 from the primary; back to the replica after "
                     "its start", "usable 0 after %s s; %s; load %s; watch %s; 200s under 2 KB: %s; back after %s s" % (
                         f("replica_down_unusable_after_stop_s", "?"), f("replica_down_window_reads", "?"),
                         f("replica_down_load", "?").split(", counts")[0], f("replica_down_watch", "?"),
                         f("replica_down_small_200", "?"), f("replica_down_usable_after_start_s", "?"))))
    out += ["| scenario | expected | measured |", "|---|---|---|"] + ["| %s | %s | %s |" % r for r in rows] + [""]
    if failed:
        out += ["**Not as expected:**", ""] + ["- %s" % f for f in failed] + [""]
    else:
        out += ["Every expectation met.", ""]

    if "rolling" in scen and rolling:
        out += ["## Rolling restart", "",
                "Under load, for each instance in turn: `SIGTERM`, wait until the process has exited, start it again, "
                "wait until it is ready and HAProxy reports it `UP`, 5 s, then the next one.", ""]
        out += ["| instance | exit after SIGTERM | exit code | start until UP in HAProxy |", "|---|---|---|---|"]
        for i in range(1, int(instances) + 1):
            out.append("| app%d | %s s | %s | %s s |" % (i, facts.get("rolling_app%d_exit_s" % i, "?"),
                                                        facts.get("rolling_app%d_exit_code" % i, "?"),
                                                        facts.get("rolling_app%d_ready_s" % i, "?")))
        out.append("")
        out += load_section(rolling, load_json(os.path.join(run_dir, "haproxy-rolling.json")),
                            markers(run_dir, "rolling"))
    if "kill" in scen and kill:
        out += ["## kill -9", "",
                "Under load: `kill -9` of app1, HAProxy finds it down by its health checks, 10 s more load on the "
                "others, app1 started again until `UP`, 10 s more.", "",
                "- HAProxy marked app1 `DOWN` %s s after the kill; app1 was `UP` again %s s after its start." % (
                    facts.get("kill_marked_down_s", "?"), facts.get("kill_restart_ready_s", "?")), ""]
        out += load_section(kill, load_json(os.path.join(run_dir, "haproxy-kill.json")), markers(run_dir, "kill"))
    if "live" in scen and "live_delays_ms" in facts:
        d = [int(x) for x in facts["live_delays_ms"].split()]
        dl = [int(x) for x in facts.get("live_delays_lb_ms", "").split()]
        out += ["## Live events across instances", "",
                "Mia (marketer) signed in through HAProxy; her live stream `GET /activity/stream?feed=1` (`curl -N`) "
                "connected **directly to app2**, a second one through HAProxy (served by %s). Sam (sales rep) posted "
                "5 comments on lead %s **directly on app1** (`POST /leads/%s/comments`, field `body`, the CSRF token "
                "of the lead page), one a second. For each, the timeline entry's id was read from `lead_event` and "
                "looked for in the streams (`id:<n>` then `event:activity`); the delay runs from the moment the POST "
                "was sent to the moment the line arrived." % (
                    facts.get("live_stream_lb_server") or "?", facts.get("live_lead"), facts.get("live_lead")), "",
                "| | |", "|---|---|",
                "| arrived on app2's stream | %d of 5 |" % len(d),
                "| delay on app2's stream | %s ms (min %s, median %s, max %s) |" % (
                    ", ".join(map(str, d)) or "-", min(d) if d else "-", statistics.median(d) if d else "-",
                    max(d) if d else "-"),
                "| delay on the stream through HAProxy | %s ms |" % (", ".join(map(str, dl)) or "-"), "",
                "The delay includes the POST itself (the comment's transaction, then the timeline entry written after "
                "its commit, then `NOTIFY`), app2's `LISTEN` connection, its read of the item from the database and "
                "the rendering of the feed item. The streams as received, with the time of each line: "
                "[live-stream-app2.txt](%s/live-stream-app2.txt), [live-stream-haproxy.txt](%s/live-stream-haproxy.txt)."
                % (raw_rel, raw_rel), ""]
        out += ["- %s" % text for _, text in markers(run_dir, "live")] + [""]
    if "sla" in scen and "sla_handoffs_created" in facts:
        rows = []
        path = os.path.join(run_dir, "sla-per-handoff.csv")
        if os.path.exists(path):
            rows = [r for r in csv.DictReader(open(path)) if r.get("handoff", "").isdigit()]

        def dist(key):
            counts = {}
            for r in rows:
                counts[r[key]] = counts.get(r[key], 0) + 1
            return ", ".join("%s× %s: %d handoffs" % (k, key.replace("_", " "), v) for k, v in sorted(counts.items()))

        inst = read_env(os.path.join(run_dir, "sla-instances.env"))
        out += ["## SLA watch on three instances", "",
                "Three instances, each sweeping every 5 s (`LEADBRIDGE_SLA_SWEEP_INTERVAL=PT5S`). Mia handed off %s "
                "leads through HAProxy (to Sam and Sara in turn, with an override reason); then, as the owner, their "
                "clocks were moved into the past (`handed_at` 3 days ago, `due_at` 2 days ago, `escalate_at` 1 day ago) "
                "in five waves 1.5 s apart; the run waited until every one had `escalated_at`, then 3 sweep intervals "
                "more. Counted per handoff from the database since the first wave: its `SLA_BREACHED` and `ESCALATED` "
                "timeline entries (`lead_event`) and its notifications (`notification.slaBreached` to the rep and the "
                "marketer, `notification.escalated` to the %s active liaison(s) and the rep)." % (
                    facts["sla_handoffs_created"], facts.get("sla_liaisons", "?")), "",
                "| | |", "|---|---|",
                "| overdue handoffs | %s |" % facts["sla_handoffs_created"],
                "| marked escalated (`escalated_at`) | %d |" % sum(1 for r in rows if r["escalated"] == "t"),
                "| marked breached (`breached_at`) | %d |" % sum(1 for r in rows if r["breached"] == "t"),
                "| `ESCALATED` entries per handoff | %s |" % dist("escalated_events"),
                "| `SLA_BREACHED` entries per handoff | %s |" % dist("sla_breached_events"),
                "| escalation notifications per handoff | %s |" % dist("escalation_notifications"),
                "| breach notifications per handoff | %s |" % dist("breach_notifications"),
                "| **handoffs not escalated exactly once** | **%s** |" % facts.get("sla_not_exactly_once", "?"),
                "| event publications not completed at the end | %s |" % facts.get("sla_pending_publications", "?"),
                ""]
        out += ["Which instance did the work (its log line `SLA watch: n handoffs overdue, m escalated`, after the "
                "first wave):", "", "| instance | sweeps that found work | breached | escalated |", "|---|---|---|---|"]
        for i in (1, 2, 3):
            out.append("| app%d | %s | %s | %s |" % (i, inst.get("app%d_sweeps_with_work" % i, "?"),
                                                   inst.get("app%d_breached" % i, "?"),
                                                   inst.get("app%d_escalated" % i, "?")))
        out += ["", "Per handoff: [sla-per-handoff.csv](%s/sla-per-handoff.csv)." % raw_rel, ""]
        out += ["- %s" % text for _, text in markers(run_dir, "sla")] + [""]
    if "replica" in scen and "replica_url" in facts:
        out += replica_section(run_dir, raw_rel, facts, instances)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
