#!/usr/bin/env python3
"""Slow clients against a running KOsync (the attack run's finding 1), with a reader syncing meanwhile.

  python3 bench/slow_clients.py bodies  [base-url] [connections=320] [seconds=14]
  python3 bench/slow_clients.py headers [base-url] [seconds=30]

bodies:  each connection sends POST /users/create headers announcing a 200-byte body, then one
         body byte every 1.5 s. Meanwhile a reader registers and calls /healthcheck twice a second.
         Prints how each slow connection ended (answer and when, closed, still open) and the
         reader's latencies.
headers: one connection sends a request's header block one byte per second; prints whether and
         when the server closed it.
"""
import collections
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def slow_body(host, port, i, seconds, results):
    try:
        s = socket.create_connection((host, port))
        body = b'{"username":"slow%d","password":"x"}' % i
        s.sendall(b"POST /users/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: %d\r\n\r\n" % (len(body) + 200))
        s.settimeout(0.5)
        start, sent = time.time(), 0
        while time.time() - start < seconds:
            try:
                s.sendall(body[sent:sent + 1] if sent < len(body) else b" ")
                sent += 1
            except OSError:
                results[i] = "send failed at %.1f s" % (time.time() - start)
                return
            try:
                data = s.recv(4096)
                status = data.split(b"\r\n")[0].decode(errors="replace") if data else "closed"
                results[i] = "%s at %.1f s" % (status, time.time() - start)
                return
            except socket.timeout:
                pass
            time.sleep(1.5)
        results[i] = "still open"
    except OSError as e:
        results[i] = "error %s" % e


def reader(base, seconds):
    timings = collections.defaultdict(list)
    end = time.time() + seconds
    n = 0
    while time.time() < end:
        n += 1
        for name, request in (
                ("register", urllib.request.Request(
                    base + "/users/create", method="POST",
                    data=json.dumps({"username": "reader%d_%d" % (n, time.time()), "password": "p"}).encode(),
                    headers={"Content-Type": "application/json"})),
                ("healthcheck", urllib.request.Request(base + "/healthcheck"))):
            started = time.time()
            try:
                status = urllib.request.urlopen(request, timeout=20).status
            except urllib.error.HTTPError as e:
                status = e.code
            except OSError as e:
                status = type(e).__name__
            timings[(name, status)].append(time.time() - started)
        time.sleep(0.5)
    return timings


def bodies(base, connections, seconds):
    url = urllib.parse.urlparse(base)
    results = {}
    threads = [threading.Thread(target=slow_body, args=(url.hostname, url.port or 80, i, seconds, results))
               for i in range(connections)]
    for t in threads:
        t.start()
    time.sleep(2)
    timings = reader(base, seconds - 3)
    for t in threads:
        t.join()
    ends = collections.Counter(r.split(" at ")[0] for r in results.values())
    times = sorted(float(r.split(" at ")[1][:-2]) for r in results.values() if " at " in r)
    print("slow bodies: %d connections" % connections)
    for end, count in ends.most_common():
        print("  %5d  %s" % (count, end))
    if times:
        print("  ended between %.1f s and %.1f s after their headers" % (times[0], times[-1]))
    print("reader meanwhile:")
    for (name, status), values in sorted(timings.items(), key=str):
        values.sort()
        print("  %-11s %-6s n=%-3d median %.3f s  max %.3f s" % (
            name, status, len(values), values[len(values) // 2], values[-1]))


def headers(base, seconds):
    url = urllib.parse.urlparse(base)
    s = socket.create_connection((url.hostname, url.port or 80))
    s.settimeout(1.0)
    block = b"GET /healthcheck HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 4000
    start, sent, result = time.time(), 0, "still open after %d s" % seconds
    while time.time() - start < seconds:
        try:
            s.sendall(block[sent:sent + 1])
            sent += 1
        except OSError as e:
            result = "send failed at %.1f s (%s)" % (time.time() - start, e)
            break
        try:
            data = s.recv(4096)
            result = ("answered at %.1f s: %r" % (time.time() - start, data[:40])) if data \
                else "closed at %.1f s" % (time.time() - start)
            break
        except socket.timeout:
            pass
    print("slow headers (one byte a second): " + result)


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "bodies"
    base = sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8080"
    if mode == "bodies":
        bodies(base, int(sys.argv[3]) if len(sys.argv) > 3 else 320, float(sys.argv[4]) if len(sys.argv) > 4 else 14)
    else:
        headers(base, float(sys.argv[3]) if len(sys.argv) > 3 else 30)
