#!/usr/bin/env bash
# Opens an HTML report in headless Chromium, fails (exit 1) on any console error, uncaught
# exception, failed load or request to the network, and writes a 1280 px wide screenshot.
#
#   scripts/check_report_html.sh REPORT.html PNG_OUT
#
# It talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), using
# only Python's standard library. CHROMIUM names the browser binary (default: chromium).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html PNG_OUT" >&2
  exit 2
fi
[ -f "$1" ] || { echo "no such file: $1" >&2; exit 2; }
exec python3 - "$1" "$2" "${CHROMIUM:-chromium}" <<'PY'
import base64, json, os, subprocess, sys, tempfile, threading, time, queue, pathlib

report, png_out, browser = sys.argv[1], sys.argv[2], sys.argv[3]
url = pathlib.Path(report).resolve().as_uri()
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()
profile = tempfile.mkdtemp(prefix="check-report-")
# Chromium reads commands on fd 3 and writes replies on fd 4.
def child_fds():
    os.dup2(to_browser_r, 3)
    os.dup2(from_browser_w, 4)
    # dup2 onto the same number is a no-op that leaves close-on-exec set.
    os.set_inheritable(3, True)
    os.set_inheritable(4, True)
proc = subprocess.Popen(
    [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
     "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,2400", "about:blank"],
    close_fds=False, preexec_fn=child_fds,
    stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "chromium.log"), "wb"))
os.close(to_browser_r); os.close(from_browser_w)
writer = os.fdopen(to_browser_w, "wb", buffering=0)
messages = queue.Queue()

def read_loop():
    buffer = b""
    with os.fdopen(from_browser_r, "rb", buffering=0) as reader:
        while True:
            chunk = reader.read(65536)
            if not chunk:
                messages.put(None); return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                messages.put(json.loads(raw))
threading.Thread(target=read_loop, daemon=True).start()

problems, events, next_id = [], [], [0]
def send(method, params=None, session=None, timeout=30):
    next_id[0] += 1
    message = {"id": next_id[0], "method": method, "params": params or {}}
    if session: message["sessionId"] = session
    writer.write(json.dumps(message).encode() + b"\0")
    deadline = time.time() + timeout
    while time.time() < deadline:
        try: reply = messages.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty: break
        if reply is None: sys.exit("chromium exited; its log: " + os.path.join(profile, "chromium.log"))
        if reply.get("id") == next_id[0]:
            if "error" in reply: sys.exit(f"{method}: {reply['error']}")
            return reply.get("result", {})
        events.append(reply)
    sys.exit(f"{method}: no reply in {timeout} s")

def drain(seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try: message = messages.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty: return
        if message is None: return
        events.append(message)

try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ["Runtime", "Log", "Network", "Page"]:
        send(domain + ".enable", session=session)
    send("Emulation.setDeviceMetricsOverride",
         {"width": 1280, "height": 2400, "deviceScaleFactor": 1, "mobile": False}, session)
    navigation = send("Page.navigate", {"url": url}, session)
    if navigation.get("errorText"):
        problems.append("navigation failed: " + navigation["errorText"])
    deadline = time.time() + 30
    while not any(e.get("method") == "Page.loadEventFired" for e in events):
        if time.time() > deadline:
            problems.append("the page did not finish loading in 30 s"); break
        drain(0.2)
    drain(1.0)
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:300])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console." + params["type"] + ": "
                            + json.dumps(params.get("args", []))[:300])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            problems.append("log error: " + entry.get("text", "") + " " + entry.get("url", ""))
        elif method == "Network.loadingFailed":
            problems.append("load failed: " + params.get("errorText", ""))
        elif method == "Network.requestWillBeSent":
            request_url = params.get("request", {}).get("url", "")
            if not request_url.startswith(("file:", "data:", "about:")):
                problems.append("network request: " + request_url)
    shot = send("Page.captureScreenshot", {"format": "png"}, session)
    with open(png_out, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    try: send("Browser.close", timeout=5)
    except SystemExit: pass
finally:
    try: proc.wait(timeout=10)
    except subprocess.TimeoutExpired: proc.kill()

for problem in problems:
    print(problem, file=sys.stderr)
print(f"{len(problems)} problem(s); screenshot in {png_out}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
