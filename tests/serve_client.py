"""Requests to presscut-serve from several threads, for the load test and
the latency bench: GET each URL of a list (URL_FILE, one path and query a
line, relative to BASE), CLIENTS threads taking them in turn; each answer
must be below 500 and, for /api/, valid JSON with results or an error.

usage: python3 tests/serve_client.py BASE URL_FILE CLIENTS [TIMES_FILE]

Prints "requests N errors N" and the first errors; writes each request's
latency in milliseconds to TIMES_FILE.  Exit status 0 when no error."""
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def fetch(base, path):
    """(status, body) of GET base+path; status 0 when no answer came."""
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception as e:  # a refused or dropped connection
        return 0, str(e).encode()


def check(path, status, body):
    """None when the answer is good, else why not."""
    if status == 0 or status >= 500:
        return "%s: status %d: %s" % (path, status, body[:200])
    if path.startswith("/api/"):
        try:
            doc = json.loads(body)
        except ValueError:
            return "%s: not JSON: %r" % (path, body[:200])
        if "results" not in doc and "error" not in doc:
            return "%s: neither results nor error" % path
    return None


def main():
    base, url_file, clients = sys.argv[1], sys.argv[2], int(sys.argv[3])
    times_file = sys.argv[4] if len(sys.argv) > 4 else None
    with open(url_file) as f:
        paths = [line.strip() for line in f if line.strip()]
    lock = threading.Lock()
    next_one = [0]
    errors, times = [], []

    def worker():
        while True:
            with lock:
                i = next_one[0]
                next_one[0] += 1
            if i >= len(paths):
                return
            t0 = time.monotonic()
            status, body = fetch(base, paths[i])
            ms = (time.monotonic() - t0) * 1000
            why = check(paths[i], status, body)
            with lock:
                times.append(ms)
                if why:
                    errors.append(why)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("requests %d errors %d" % (len(times), len(errors)))
    for e in errors[:5]:
        print("error: " + e)
    if times_file:
        with open(times_file, "w") as f:
            f.write("".join("%.3f\n" % t for t in times))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
