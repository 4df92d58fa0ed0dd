#!/usr/bin/env python3
"""A small load generator for ops/cluster: signed-in demo people browse the pages of their role through the load
balancer, and every answer is recorded.

Each person signs in once (GET /login for the CSRF token, POST /login) and keeps the SESSION cookie; the threads are
spread over the people (several threads of one person are several tabs of one browser) and each requests its person's
pages in a loop, with a short pause between requests, over a keep-alive connection of its own. Each answer is one of:

  ok           200, or the expected redirect of "/" to the person's home page
  login        a redirect to /login: the person was signed out (the session was lost)
  redirect     any other 3xx
  4xx, 5xx     an error answer (HAProxy's own 502/503/504 are 5xx)
  error        no answer: connection refused or reset, the connection closed without an answer, a timeout

A keep-alive connection the load balancer closed while it was idle is reopened and the request sent again, once, as a
browser does; the summary counts those ("reconnects"); they are not failures and they are not the application's.

Bounded: --max-seconds (the whole run), --max-requests (all threads together), --timeout (each request). It stops
early when --stop-file appears or on SIGTERM/SIGINT, and then prints (and writes to --out) a JSON summary: counts per
category, per person and per path, latency percentiles, answers per second, and every failure with its time.

Python 3 standard library only.
"""
import argparse
import http.client
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.parse

PASSWORD = "demo-password"

# The pages each role can see; "/" redirects to the person's home page.
PAGES = {
    "marketer": ["/", "/marketing", "/leads", "/activity", "/leads?stage=NURTURE"],
    "rep": ["/", "/sales/queue", "/sales", "/leads", "/activity"],
    "liaison": ["/", "/liaison", "/leads", "/activity"],
    "admin": ["/", "/admin/users", "/leads"],
}

DEMO_PEOPLE = [
    ("mia@acme.example", "marketer"),
    ("sam@acme.example", "rep"),
    ("max@acme.example", "marketer"),
    ("sara@acme.example", "rep"),
    ("lia@acme.example", "liaison"),
    ("admin@acme.example", "admin"),
]

CATEGORIES = ["ok", "login", "redirect", "4xx", "5xx", "error"]
FAILURES = ["login", "4xx", "5xx", "error"]


class SignInFailed(Exception):
    pass


def connect(base, timeout):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=timeout)


def cookie_from(headers, name):
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def sign_in(base, email, timeout):
    """Signs in as a browser does; returns the SESSION cookie's value."""
    conn = connect(base, timeout)
    try:
        conn.request("GET", "/login")
        r = conn.getresponse()
        html = r.read().decode("utf-8", "replace")
        session = cookie_from(r.getheaders(), "SESSION")
        m = re.search(r'name="_csrf"\s+value="([^"]*)"', html)
        if r.status != 200 or not m or not session:
            raise SignInFailed("GET /login answered %s (csrf %s, cookie %s)" % (r.status, bool(m), bool(session)))
        body = urllib.parse.urlencode({"username": email, "password": PASSWORD, "_csrf": m.group(1)})
        conn.request("POST", "/login", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": "SESSION=" + session})
        r = conn.getresponse()
        r.read()
        location = r.getheader("Location") or ""
        if r.status != 302 or location.rstrip("/").endswith("/login") or "error" in location:
            raise SignInFailed("POST /login answered %s %s" % (r.status, location))
        # The session id changes at sign-in (session fixation protection).
        return cookie_from(r.getheaders(), "SESSION") or session
    finally:
        conn.close()


def classify(path, status, location):
    if status == 200:
        return "ok"
    if 300 <= status < 400:
        target = urllib.parse.urlsplit(location or "").path
        if target.rstrip("/").endswith("/login"):
            return "login"
        if path == "/" and status == 302 and target not in ("", "/"):
            return "ok"  # "/" sends each person to the home page of their role
        return "redirect"
    if 400 <= status < 500:
        return "4xx"
    if status >= 500:
        return "5xx"
    return "error"


class Recorder:
    def __init__(self, t0, max_requests):
        self.lock = threading.Lock()
        self.t0 = t0
        self.max_requests = max_requests
        self.started = 0
        self.counts = {c: 0 for c in CATEGORIES}
        self.by_person = {}
        self.by_path = {}
        self.by_second = {}
        self.latencies = []
        self.failures = []
        self.failures_dropped = 0
        self.reconnects = 0
        self.signed_out = {}

    def claim(self):
        with self.lock:
            if self.max_requests and self.started >= self.max_requests:
                return False
            self.started += 1
            return True

    def record(self, person, path, start, end, category, status, location, error):
        with self.lock:
            self.counts[category] += 1
            self.by_person.setdefault(person, {c: 0 for c in CATEGORIES})[category] += 1
            self.by_path.setdefault(path, {c: 0 for c in CATEGORIES})[category] += 1
            sec = int(end - self.t0)
            self.by_second.setdefault(sec, {c: 0 for c in CATEGORIES})[category] += 1
            self.latencies.append(end - start)
            if category == "login":
                self.signed_out.setdefault(person, round(end, 3))
            if category in FAILURES or category == "redirect":
                if len(self.failures) < 500:
                    self.failures.append({
                        "at": round(end, 3), "started": round(start, 3), "t": round(end - self.t0, 3),
                        "person": person, "path": path, "category": category, "status": status,
                        "location": location, "error": error, "ms": round((end - start) * 1000, 1)})
                else:
                    self.failures_dropped += 1


def worker(args, rec, person, role, session, stop, index):
    pages = PAGES[role]
    conn = None
    i = index
    while not stop.is_set() and rec.claim():
        path = pages[i % len(pages)]
        i += 1
        status, location, error = 0, None, None
        start = time.time()
        for attempt in (1, 2):
            fresh = conn is None
            if fresh:
                conn = connect(args.base, args.timeout)
            try:
                conn.request("GET", path, headers={"Cookie": "SESSION=" + session, "Accept": "text/html"})
                r = conn.getresponse()
                r.read()
                status, location = r.status, r.getheader("Location")
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
                error = None
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # A reused keep-alive connection closed under us before an answer: a browser reopens and resends.
                conn.close()
                conn = None
                error = "%s: %s" % (type(e).__name__, e)
                if fresh or attempt == 2:
                    break
                with rec.lock:
                    rec.reconnects += 1
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = None
                error = "%s: %s" % (type(e).__name__, e)
                break
        end = time.time()
        category = "error" if error else classify(path, status, location)
        rec.record(person, path, start, end, category, status or None, location, error)
        if args.think_ms:
            stop.wait(args.think_ms / 1000.0)
    if conn is not None:
        conn.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="http://127.0.0.1:8090")
    ap.add_argument("--people", type=int, default=5, help="how many demo people (1-6): mia, sam, max, sara, lia, admin")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--think-ms", type=float, default=50, help="pause of each thread after each answer")
    ap.add_argument("--timeout", type=float, default=15, help="seconds per request")
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--max-requests", type=int, default=200000)
    ap.add_argument("--stop-file", help="stop when this file exists")
    ap.add_argument("--out", help="write the JSON summary here too")
    ap.add_argument("--label", default="load")
    args = ap.parse_args()
    if not 1 <= args.people <= len(DEMO_PEOPLE) or args.threads < 1:
        ap.error("--people 1-6, --threads >= 1")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    people = DEMO_PEOPLE[:args.people]
    sessions = {}
    for email, role in people:
        sessions[email] = sign_in(args.base, email, args.timeout)
    t0 = time.time()
    rec = Recorder(t0, args.max_requests)
    threads = []
    for n in range(args.threads):
        email, role = people[n % len(people)]
        t = threading.Thread(target=worker, args=(args, rec, email, role, sessions[email], stop, n), daemon=True)
        t.start()
        threads.append(t)
    deadline = t0 + args.max_seconds
    while not stop.is_set() and any(t.is_alive() for t in threads):
        if time.time() >= deadline or (args.stop_file and os.path.exists(args.stop_file)):
            stop.set()
            break
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join(args.timeout + 5)
    t1 = time.time()

    lat = sorted(rec.latencies)
    total = sum(rec.counts.values())
    failed = sum(rec.counts[c] for c in FAILURES)
    summary = {
        "label": args.label,
        "base": args.base,
        "started": round(t0, 3),
        "ended": round(t1, 3),
        "seconds": round(t1 - t0, 1),
        "threads": args.threads,
        "people": [e for e, _ in people],
        "requests": total,
        "failed": failed,
        "counts": rec.counts,
        "signed_out_people": rec.signed_out,
        "reconnects": rec.reconnects,
        "per_second": round(total / max(t1 - t0, 0.001), 1),
        "latency_ms": {k: (round(v * 1000, 1) if v is not None else None) for k, v in
                       (("p50", percentile(lat, 50)), ("p90", percentile(lat, 90)), ("p99", percentile(lat, 99)),
                        ("max", lat[-1] if lat else None))},
        "by_person": rec.by_person,
        "by_path": rec.by_path,
        "by_second": {str(k): {c: n for c, n in v.items() if n} for k, v in sorted(rec.by_second.items())},
        "failures": rec.failures,
        "failures_not_listed": rec.failures_dropped,
    }
    text = json.dumps(summary, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(json.dumps({k: summary[k] for k in ("label", "seconds", "requests", "failed", "counts",
                                              "signed_out_people", "reconnects", "per_second", "latency_ms")}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SignInFailed as e:
        print("load.py: sign-in failed: %s" % e, file=sys.stderr)
        sys.exit(3)
