# presscut-serve for the end-to-end scripts: `serve_start DB [ARGS...]`
# starts it on a free loopback port, waits until it listens, and sets $URL
# and $serve_pid; `serve_stop` sends SIGTERM and waits for it (its exit
# status in $serve_rc).  Its stderr goes to "$T/serve.err".
SRV=${PRESSCUT_BIN:-bin}/presscut-serve
serve_pid=
URL=

serve_start() {
    db=$1
    shift
    : >"$T/serve.err"
    "$SRV" --db "$db" --listen 127.0.0.1:0 "$@" 2>"$T/serve.err" &
    serve_pid=$!
    waited=0
    while [ $waited -lt 200 ]; do
        URL=$(sed -n 's|^presscut-serve: listening on \(http://[^ ]*\)/$|\1|p' "$T/serve.err")
        [ -n "$URL" ] && return 0
        kill -0 "$serve_pid" 2>/dev/null || break
        sleep 0.05
        waited=$((waited + 1))
    done
    return 1
}

serve_stop() {
    serve_rc=
    [ -n "$serve_pid" ] || return 0
    kill -TERM "$serve_pid" 2>/dev/null
    # A stop that hangs fails the test (SIGKILL, status 137) rather than
    # hanging the run: 30 s, until the process is gone or a zombie.
    waited=0
    while [ $waited -lt 600 ]; do
        case $(sed -n 's/^[^)]*) \([A-Z]\).*/\1/p' "/proc/$serve_pid/stat" 2>/dev/null) in
        '' | Z) break ;;
        esac
        sleep 0.05
        waited=$((waited + 1))
    done
    [ $waited -lt 600 ] || kill -KILL "$serve_pid" 2>/dev/null
    wait "$serve_pid"
    serve_rc=$?
    serve_pid=
}

# get PATH_AND_QUERY: the body on stdout, the status in "$T/status".
get() {
    curl -s -g -o - -w '%{http_code}' "$URL$1" >"$T/resp" 2>/dev/null
    tail -c 3 "$T/resp" >"$T/status"
    head -c -3 "$T/resp"
}
