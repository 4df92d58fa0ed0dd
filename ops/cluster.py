#!/usr/bin/env python3
"""Helpers of ops/cluster (Python 3 standard library only):

  cluster.py hap SOCKET COMMAND            send a command to HAProxy's stats socket, print the answer
  cluster.py status SOCKET SERVER          the status HAProxy shows for backend app's SERVER (UP, DOWN, ...)
  cluster.py stamp                         copy stdin to stdout, each line prefixed with the epoch time it arrived
  cluster.py find-event STREAM ID AFTER    in a stamped SSE stream: the time of the event with that id (after AFTER),
                                           and its event name, as "<time> <name>"; nothing when it is not there
  cluster.py haplog LOG FROM TO            summary (JSON) of HAProxy's request log lines between two byte offsets
  cluster.py get FILE KEY[.KEY...]         a value of a JSON file
  cluster.py meters TRACE LABEL PORT...    the replica meters of the instances on these management ports (from
                                           /actuator/prometheus): prints "<replica reads> <primary reads>" summed over
                                           them, and appends the snapshot (per instance) to the JSON-lines file TRACE
  cluster.py wait-usable TRACE WANT TIMEOUT T0 PORT...
                                           polls leadbridge_replica_usable of each instance every 0.1 s until each has
                                           shown WANT (1 or 0), at most TIMEOUT s; prints "app<i>=<s>" per instance, the
                                           seconds from T0 (epoch) to the first poll that showed it, or "app<i>=timeout"
                                           (exit 1); every poll goes to TRACE
  cluster.py watch BASE SESSION STOP-FILE OUT PATH...
                                           GETs the paths in turn through BASE as the person of that SESSION cookie,
                                           100 ms apart, until STOP-FILE exists (at most 10 minutes); each answer a JSON
                                           line in OUT: its status, size, and whether it is whole (an HTML page that
                                           ends with </html>, a CSV export with its header and rows), with the start of
                                           any answer that is not whole or not 200
  cluster.py hba-add FILE / hba-remove FILE
                                           add (once) / remove the lines of ops/cluster's replication entry in a
                                           pg_hba.conf, in place (its owner and mode stay); hba-remove prints how many
                                           lines it removed
"""
import json
import re
import socket
import sys
import time
import urllib.request


def hap(sock_path, command):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(sock_path)
    s.sendall((command + "\n").encode())
    chunks = []
    while True:
        data = s.recv(65536)
        if not data:
            break
        chunks.append(data)
    s.close()
    return b"".join(chunks).decode("utf-8", "replace")


def status(sock_path, server):
    lines = hap(sock_path, "show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    i_px, i_sv, i_st = header.index("pxname"), header.index("svname"), header.index("status")
    for line in lines[1:]:
        cols = line.split(",")
        if len(cols) > i_st and cols[i_px] == "app" and cols[i_sv] == server:
            return cols[i_st]
    return "UNKNOWN"


def stamp():
    for line in sys.stdin:
        sys.stdout.write("%.6f %s" % (time.time(), line if line.endswith("\n") else line + "\n"))
        sys.stdout.flush()


def find_event(path, event_id, after):
    lines = []
    with open(path, errors="replace") as f:
        for raw in f:
            t, _, text = raw.rstrip("\n").partition(" ")
            lines.append((float(t), text))
    for n, (t, text) in enumerate(lines):
        if t >= after and text == "id:%s" % event_id:
            name = None
            for t2, text2 in lines[n + 1:n + 4]:
                if text2.startswith("event:"):
                    name = text2[len("event:"):]
                    break
            return "%.6f %s" % (t, name or "-")
    return ""


# client:port [date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes - - flags act/fe/be/srv/retries sq/bq "request"
LINE = re.compile(r'\] \S+ (\S+)/(\S+) (-?\d+)/(-?\d+)/(-?\d+)/(-?\d+)/(\+?-?\d+) (-?\d+) (\d+) \S+ \S+ (\S{4}) '
                  r'\d+/\d+/\d+/\d+/(\+?\d+) \d+/\d+ "(\S+) (\S+)')


SMALL_PAGE = 2048


def haplog(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        text = f.read(max(0, end - start)).decode("utf-8", "replace")
    out = {"requests": 0, "by_status": {}, "by_server": {}, "retried": 0, "redispatched": 0, "termination_flags": {},
           "not_2xx_3xx": [], "retried_lines": [], "small_200": []}
    for line in text.splitlines():
        m = LINE.search(line)
        if not m:
            continue
        backend, server, status_code, size, flags, retries, method, uri = (
            m.group(1), m.group(2), m.group(8), int(m.group(9)), m.group(10), m.group(11), m.group(12), m.group(13))
        if uri.startswith("/activity/stream"):
            continue
        out["requests"] += 1
        out["by_status"][status_code] = out["by_status"].get(status_code, 0) + 1
        out["by_server"][server] = out["by_server"].get(server, 0) + 1
        if flags != "----":
            out["termination_flags"][flags] = out["termination_flags"].get(flags, 0) + 1
        if retries != "0":
            out["retried"] += 1
            if retries.startswith("+"):
                out["redispatched"] += 1
            if len(out["retried_lines"]) < 50:
                out["retried_lines"].append(line)
        if not (status_code.startswith("2") or status_code.startswith("3")) and len(out["not_2xx_3xx"]) < 50:
            out["not_2xx_3xx"].append(line)
        # Every page of the application is larger than this: a 200 this small is no page (a broken answer).
        if status_code == "200" and size < SMALL_PAGE and len(out["small_200"]) < 50:
            out["small_200"].append(line)
    return out


def get(path, keys):
    with open(path) as f:
        value = json.load(f)
    for key in keys.split("."):
        value = value[key] if not isinstance(value, list) else value[int(key)]
    return value if not isinstance(value, (dict, list)) else json.dumps(value)


# The replica meters of ops/cluster --replica: leadbridge_replica_reads_total{target="replica"|"primary"},
# leadbridge_replica_usable, leadbridge_replica_lag_seconds. A meter the instance has not registered yet (they are
# registered at its first routed read) is absent from the snapshot.
METER = re.compile(r'^(leadbridge_replica_(?:reads_total|usable|lag_seconds))(\{[^}]*\})?\s+(\S+)', re.M)


def scrape(port):
    out = {"port": port}
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s/actuator/prometheus" % port, timeout=3) as r:
            text = r.read().decode("utf-8", "replace")
    except Exception as e:  # an instance that does not answer: recorded as such
        out["error"] = "%s: %s" % (type(e).__name__, e)
        return out
    for name, labels, value in METER.findall(text):
        value = float(value)
        if name == "leadbridge_replica_reads_total":
            m = re.search(r'target="(\w+)"', labels or "")
            if m:
                out[m.group(1)] = int(value)
        elif name == "leadbridge_replica_usable":
            out["usable"] = int(value)
        else:
            out["lag"] = round(value, 3)
    return out


def snapshot(ports):
    return {"t": round(time.time(), 3), "instances": {"app%d" % (int(p) - 19080): scrape(p) for p in ports}}


def trace(path, record):
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


def meters(path, label, ports):
    snap = snapshot(ports)
    snap["label"] = label
    trace(path, snap)
    inst = snap["instances"].values()
    return "%d %d" % (sum(i.get("replica", 0) for i in inst), sum(i.get("primary", 0) for i in inst))


def wait_usable(path, want, timeout, t0, ports):
    want = int(want)
    seen = {}
    deadline = time.time() + float(timeout)
    while True:
        snap = snapshot(ports)
        snap["label"] = "wait-usable=%d" % want
        trace(path, snap)
        for name, m in snap["instances"].items():
            if name not in seen and m.get("usable") == want:
                seen[name] = snap["t"] - float(t0)
        if len(seen) == len(ports) or time.time() >= deadline:
            break
        time.sleep(0.1)
    names = sorted(snap["instances"])
    print(" ".join("%s=%s" % (n, ("%.2f" % seen[n]) if n in seen else "timeout") for n in names))
    return 0 if len(seen) == len(ports) else 1


def watch(base, session, stop_file, out_path, paths):
    import http.client
    import os
    host, port = base.split("//", 1)[1].split(":")
    conn, i, deadline = None, 0, time.time() + 600
    with open(out_path, "a") as out:
        while not os.path.exists(stop_file) and time.time() < deadline:
            path = paths[i % len(paths)]
            i += 1
            rec = {"t": round(time.time(), 3), "path": path}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, int(port), timeout=15)
                conn.request("GET", path, headers={"Cookie": "SESSION=" + session, "Accept": "text/html"})
                r = conn.getresponse()
                body = r.read()
                rec["status"], rec["bytes"] = r.status, len(body)
                kind = r.getheader("Content-Type") or ""
                text = body.decode("utf-8", "replace")
                if "csv" in kind:
                    rows = text.lstrip("\ufeff").splitlines()
                    rec["whole"] = len(rows) > 1 and text.endswith("\n")
                else:
                    rec["whole"] = text.rstrip().endswith("</html>")
                if r.status != 200 or not rec["whole"]:
                    rec["body_start"] = text[:1500]
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except Exception as e:  # no answer: recorded as such
                rec["status"], rec["error"] = 0, "%s: %s" % (type(e).__name__, e)
                if conn is not None:
                    conn.close()
                conn = None
            rec["ms"] = round((time.time() - rec["t"]) * 1000, 1)
            out.write(json.dumps(rec) + "\n")
            out.flush()
            time.sleep(0.1)


HBA_BEGIN = "# ops/cluster --replica: begin (its streaming replica's connection; removed when the run ends)"
HBA_LINE = "host replication postgres 127.0.0.1/32 trust"
HBA_END = "# ops/cluster --replica: end"


def hba_edit(path, add):
    with open(path, "r+") as f:
        lines = f.read().split("\n")
        kept, inside, removed = [], False, 0
        for line in lines:
            if line == HBA_BEGIN:
                inside = True
            if inside:
                removed += 1
            else:
                kept.append(line)
            if line == HBA_END:
                inside = False
        if add:
            if kept and kept[-1] == "":
                kept.pop()
            kept += [HBA_BEGIN, HBA_LINE, HBA_END, ""]
        f.seek(0)
        f.write("\n".join(kept))
        f.truncate()
    return removed


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "hap":
        sys.stdout.write(hap(argv[2], argv[3]))
    elif cmd == "status":
        print(status(argv[2], argv[3]))
    elif cmd == "stamp":
        stamp()
    elif cmd == "find-event":
        print(find_event(argv[2], argv[3], float(argv[4])))
    elif cmd == "haplog":
        print(json.dumps(haplog(argv[2], int(argv[3]), int(argv[4])), indent=1))
    elif cmd == "get":
        print(get(argv[2], argv[3]))
    elif cmd == "meters":
        print(meters(argv[2], argv[3], argv[4:]))
    elif cmd == "wait-usable":
        return wait_usable(argv[2], argv[3], argv[4], argv[5], argv[6:])
    elif cmd == "watch":
        watch(argv[2], argv[3], argv[4], argv[5], argv[6:])
    elif cmd == "hba-add":
        hba_edit(argv[2], True)
    elif cmd == "hba-remove":
        print(hba_edit(argv[2], False))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
