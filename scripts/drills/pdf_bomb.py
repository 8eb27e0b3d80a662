#!/usr/bin/env python3
"""Fault drill (issue #8): upload a PDF bomb to a running Loa and watch the server.

Starts `loa serve` (the binary given, default .build/release/loa) on a fresh SQLite data folder with the
demo world, signs in as the administrator (changing the one-time password), builds a PDF whose one page
inflates to 400 MB of text (a ~400 KB file), and uploads it as a document. Meanwhile one thread asks
/healthz every 100 ms and another samples the resident memory of every pdftotext process and of the
server. Prints the upload's status and time, the peaks, and the /healthz answers.

Standard library only. Exit status 1 when /healthz failed or the upload did not answer.
"""
import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zlib


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bomb_pdf(megabytes):
    line = b"BT /F1 1 Tf 0 0 Td (" + b"A" * 200 + b") Tj ET\n"
    stream = zlib.compress(line * (megabytes * 1024 * 1024 // len(line)), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pdftotext_pids():
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as comm:
                    if comm.read().strip() == "pdftotext":
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.status, response.read().decode()

    def post(self, path, data, content_type="application/x-www-form-urlencoded"):
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=".build/release/loa")
    parser.add_argument("--megabytes", type=int, default=400, help="text the bomb inflates to")
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="loa-bomb-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(data, "server.log"), "w+")
    env = dict(os.environ, LOA_DATA_DIR=data, LOG_LEVEL="warning")
    server = subprocess.Popen([args.binary, "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        password = None
        for _ in range(600):
            log.seek(0)
            match = re.search(r"One-time password: (\S+)", log.read())
            if match:
                password = match.group(1)
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2)
                    break
                except OSError:
                    pass
            time.sleep(0.1)
        if not password:
            print("the server did not start")
            return 1

        admin = Browser(base)
        _, page = admin.get("/quan-tri/dang-nhap")
        admin.post("/quan-tri/dang-nhap", {"_csrf": csrf(page), "email": "quantri@loa.local", "password": password})
        _, page = admin.get("/quan-tri/doi-mat-khau")
        new = "Mat-khau-dien-tap-2026!"
        admin.post("/quan-tri/doi-mat-khau", {"_csrf": csrf(page), "current": password, "new": new, "confirmation": new})
        _, page = admin.get("/quan-tri/van-ban/moi")
        token = csrf(page)

        pdf = bomb_pdf(args.megabytes)
        boundary = "loa-drill-boundary"
        fields = [("_csrf", token), ("site", "tan-phu-dong"), ("number", "99/KH-DIENTAP"), ("form", "Kế hoạch"),
                  ("issuing_body", "Ủy ban nhân dân"), ("summary", "Tệp thử: PDF nổ"), ("issued_on", "2026-12-01"),
                  ("posted_on", "2026-12-01")]
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode() for name, value in fields)
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="bom.pdf"\r\n'
                 f"Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{boundary}--\r\n".encode()

        stop = threading.Event()
        health = {"ok": 0, "failed": 0, "slowest": 0.0}
        peaks = {"pdftotext_kb": 0, "server_kb": 0}

        def poll_health():
            while not stop.is_set():
                started = time.monotonic()
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                        health["ok" if response.status == 200 else "failed"] += 1
                except OSError:
                    health["failed"] += 1
                health["slowest"] = max(health["slowest"], time.monotonic() - started)
                time.sleep(0.1)

        def sample_memory():
            while not stop.is_set():
                for pid in pdftotext_pids():
                    peaks["pdftotext_kb"] = max(peaks["pdftotext_kb"], rss_kb(pid))
                peaks["server_kb"] = max(peaks["server_kb"], rss_kb(server.pid))
                time.sleep(0.05)

        threads = [threading.Thread(target=poll_health), threading.Thread(target=sample_memory)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        status, _ = admin.post("/quan-tri/van-ban/moi", body, f"multipart/form-data; boundary={boundary}")
        elapsed = time.monotonic() - started
        time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join()

        print(f"bomb: {len(pdf) / 1024:.0f} KB file inflating to {args.megabytes} MB of text")
        print(f"upload: HTTP {status} after {elapsed:.1f} s")
        print(f"pdftotext peak resident memory: {peaks['pdftotext_kb'] / 1024:.0f} MB (limit 512 MB address space)")
        print(f"server peak resident memory: {peaks['server_kb'] / 1024:.0f} MB")
        print(f"/healthz during the upload: {health['ok']} ok, {health['failed']} failed, slowest {health['slowest'] * 1000:.0f} ms")
        return 0 if health["failed"] == 0 and status in (200, 303) else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
