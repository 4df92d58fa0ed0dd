#!/usr/bin/env python3
"""Helpers of ops/cluster (Python 3 standard library only):

  cluster.py hap SOCKET COMMAND            send a command to HAProxy's stats socket, print the answer
  cluster.py status SOCKET SERVER          the status HAProxy shows for backend app's SERVER (UP, DOWN, ...)
  cluster.py stamp                         copy stdin to stdout, each line prefixed with the epoch time it arrived
  cluster.py find-event STREAM ID AFTER    in a stamped SSE stream: the time of the event with that id (after AFTER),
                                           and its event name, as "<time> <name>"; nothing when it is not there
  cluster.py haplog LOG FROM TO            summary (JSON) of HAProxy's request log lines between two byte offsets
  cluster.py get FILE KEY[.KEY...]         a value of a JSON file
"""
import json
import re
import socket
import sys
import time


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
LINE = re.compile(r'\] \S+ (\S+)/(\S+) (-?\d+)/(-?\d+)/(-?\d+)/(-?\d+)/(\+?-?\d+) (-?\d+) \d+ \S+ \S+ (\S{4}) '
                  r'\d+/\d+/\d+/\d+/(\+?\d+) \d+/\d+ "(\S+) (\S+)')


def haplog(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        text = f.read(max(0, end - start)).decode("utf-8", "replace")
    out = {"requests": 0, "by_status": {}, "by_server": {}, "retried": 0, "redispatched": 0, "termination_flags": {},
           "not_2xx_3xx": [], "retried_lines": []}
    for line in text.splitlines():
        m = LINE.search(line)
        if not m:
            continue
        backend, server, status_code, flags, retries, method, uri = (m.group(1), m.group(2), m.group(8), m.group(9),
                                                                     m.group(10), m.group(11), m.group(12))
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
    return out


def get(path, keys):
    with open(path) as f:
        value = json.load(f)
    for key in keys.split("."):
        value = value[key] if not isinstance(value, list) else value[int(key)]
    return value if not isinstance(value, (dict, list)) else json.dumps(value)


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
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
