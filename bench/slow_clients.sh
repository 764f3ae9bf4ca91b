#!/usr/bin/env bash
# Slow clients (issue 17): N connections send a request's first header bytes and then nothing
# (slowloris), while /api/health is asked 50 times and /api/search 50 times on fresh
# connections; prints the slowest and median answer. Usage: bench/slow_clients.sh [N=500] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-500}
build=${2:-$root/build}
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$build/src/cli/bantin" ingest --quiet --db "$tmp/db" "$root/data/sample" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$build/src/cli/bantin" serve --db "$tmp/db" --port "$port" > "$tmp/serve.log" 2>&1 &
pid=$!
python3 - "$port" "$n" <<'PY'
import socket, statistics, sys, time, urllib.request
port, n = int(sys.argv[1]), int(sys.argv[2])
for _ in range(100):
    try: urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1).read(); break
    except Exception: time.sleep(0.05)
slow = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    slow.append(s)
def timed(path):
    t = time.perf_counter()
    r = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)
    r.read()
    assert r.status == 200
    return time.perf_counter() - t
health = [timed("/api/health") for _ in range(50)]
search = [timed("/api/search?q=lu%20lut") for _ in range(50)]
print(f"{n} slow connections held open")
for name, t in (("/api/health", health), ("/api/search", search)):
    print(f"{name}: median {statistics.median(t) * 1000:.1f} ms, slowest {max(t) * 1000:.1f} ms")
for s in slow: s.close()
PY
