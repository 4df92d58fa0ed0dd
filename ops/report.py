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


def main(argv):
    run_dir, raw_dir, scenarios, instances, threads, people, think_ms, java_opts, failed = argv[1:10]
    facts = read_env(os.path.join(run_dir, "facts.env"))
    scen = scenarios.split(",")
    failed = [f for f in failed.split("\n") if f.strip()]
    raw_rel = os.path.relpath(raw_dir, os.path.dirname(raw_dir))
    out = []
    out += ["# LeadBridge on several instances behind HAProxy: %s" % facts.get("started", "")[:10], ""]
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
            "[haproxy.cfg](%s/haproxy.cfg)). Load: `ops/load.py`, %s threads shared by %s signed-in demo people, %s ms "
            "between a thread's requests, each answer recorded. First start of each instance: %s s." % (
                instances, java_opts, raw_rel, threads, people, think_ms,
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
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
