# Serving shards with xapian-tcpsrv on free loopback ports, for the
# scripts that need remote shards (tests/e2e_shards.sh, bench/bench.sh).
# Safe under `set -eu`.  `start_server DB PROBE` serves DB, sets $port and adds the server to
# $servers; PROBE is a scratch file.  `stop_servers` stops them all.
#
# xapian-tcpsrv signals its whole process group on SIGTERM (to stop its
# children): each one runs in a session of its own, so that stopping it
# never reaches the calling script.
servers=
port=$((20000 + $$ % 30000))

stop_servers() { for p in $servers; do kill "$p" 2>/dev/null || true; done; servers=; }

start_server() {
    tries=0
    while [ $tries -lt 20 ]; do
        port=$((port + 1 + tries))
        tries=$((tries + 1))
        setsid xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 "$1" \
            >/dev/null 2>&1 &
        pid=$!
        printf 'remote 127.0.0.1:%s\n' "$port" >"$2"
        waited=0
        while [ $waited -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
            if xapian-delve "$2" >/dev/null 2>&1; then
                servers="$servers $pid"
                return 0
            fi
            sleep 0.05
            waited=$((waited + 1))
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    return 1
}
