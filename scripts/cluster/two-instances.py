#!/usr/bin/env python3
"""Two Loa instances on one PostgreSQL behind nginx, on loopback: the proof of issue #10.

    scripts/cluster/two-instances.py .build/release/loa [--seconds 20]

Starts a throwaway PostgreSQL (scripts/ci/postgres.sh), migrates once, starts instance A (first start
seeds the demo world), then instance B, and nginx with deploy/nginx/loa.conf in front of both. Then
it checks, printing each figure:
  1. load through nginx answers without errors;
  2. a session signed in through A works on B;
  3. an article published through A is served by B within one second;
  4. kill -9 of A under load costs under 1 % of the requests, and B carries on; the singleton lease
     (scheduled work, held by A) moves to B within 15 s; the image-rendition jobs queued around the
     kill all end done, one job per image, none failed;
  5. A restarts, becomes ready and gets traffic again;
  6. PostgreSQL stopped for 20 s: pages that need it fail fast with the Vietnamese "try again" page,
     /healthz says the database does not answer, and service resumes by itself when it is back.
Exit 0 when every check holds. Needs: postgresql, nginx, curl-free (Python's standard library only).
"""
import argparse
import http.client
import http.cookiejar
import os
import pwd
import random
import re
import shutil
import signal
import struct
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message):
    print(f"cluster: {message}", flush=True)


def fail(message):
    print(f"cluster: FAIL: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def get_status(port, path, timeout=5):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None


def fetch(port, path, timeout=30, cookies=None):
    """(status, body, seconds) of one GET; status None when the connection failed."""
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path, headers={"Cookie": cookies} if cookies else {})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace"), time.monotonic() - started
    except OSError:
        return None, "", time.monotonic() - started


def png(width, height, seed):
    """A small PNG made here, different for each seed (Python's standard library has no image writer)."""
    row_bytes = width * 3
    pixels = b"".join(b"\x00" + bytes((x * 7 + y * 3 + seed) % 256 for x in range(row_bytes)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    fail(f"{what} not within {seconds} s")


class Instance:
    def __init__(self, name, binary, port, env, work):
        self.name, self.binary, self.port, self.env = name, binary, port, env
        self.log_path = os.path.join(work, f"loa-{name}.log")
        self.process = None

    def start(self):
        log_file = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT)
        wait_until(lambda: get_status(self.port, "/readyz") == 200 or self.process.poll() is not None, 120, f"instance {self.name} ready")
        if self.process.poll() is not None:
            fail(f"instance {self.name} exited at start; see {self.log_path}:\n" + open(self.log_path).read()[-3000:])
        log(f"instance {self.name} ready on :{self.port} (pid {self.process.pid})")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def requests_served_since(self, offset):
        """Request log lines written after byte `offset` of the instance's log."""
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return sum(1 for line in f if b"request" in line and b"status" in line)

    def log_size(self):
        return os.path.getsize(self.log_path)


class Load:
    """GETs of public pages through nginx from a few threads, counting answers and failures."""

    def __init__(self, port, paths, threads=6):
        self.port, self.paths, self.threads = port, paths, threads
        self.ok = self.failed = 0
        self.failures = []
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.workers = []

    def run_worker(self):
        connection = None
        while not self.stop_event.is_set():
            path = random.choice(self.paths)
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                good = response.status == 200
                detail = f"{response.status} {path}"
            except (OSError, http.client.HTTPException) as error:
                good, detail = False, f"{type(error).__name__} {path}"
                connection = None
            with self.lock:
                if good:
                    self.ok += 1
                else:
                    self.failed += 1
                    self.failures.append(detail)

    def __enter__(self):
        for _ in range(self.threads):
            worker = threading.Thread(target=self.run_worker, daemon=True)
            worker.start()
            self.workers.append(worker)
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for worker in self.workers:
            worker.join(timeout=15)

    @property
    def total(self):
        return self.ok + self.failed


class Browser:
    """A back-office user: cookies and CSRF tokens, against any instance."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, port, path):
        with self.opener.open(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def post(self, port, path, fields, csrf_page):
        token = re.search(r'name="_csrf" value="([^"]+)"', csrf_page)
        data = urllib.parse.urlencode({**fields, "_csrf": token.group(1) if token else ""}).encode()
        with self.opener.open(f"http://127.0.0.1:{port}{path}", data=data, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def upload(self, port, path, fields, files, csrf_page):
        token = re.search(r'name="_csrf" value="([^"]+)"', csrf_page)
        body, content_type = multipart({"_csrf": token.group(1) if token else "", **fields}, files)
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers={"Content-Type": content_type})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def multipart(fields, files):
    boundary = f"loa-cluster-{random.randint(10**8, 10**9)}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, content_type) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def psql(pg_port, sql):
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(pg_port), "-U", "loa", "-d", "loa_test", "-Atc", sql],
        check=True, capture_output=True, text=True)
    return out.stdout.strip()


def nginx_config(work, upstreams, nginx_port, public_dir):
    with open(os.path.join(ROOT, "deploy", "nginx", "loa.conf")) as f:
        site = f.read()
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n" for port in upstreams)
    site = re.sub(r"(upstream loa \{\n(?:    #.*\n)*)(?:    server .*\n)+", lambda m: m.group(1) + servers, site)
    site = site.replace("/var/cache/nginx/loa-media", os.path.join(work, "nginx-cache"))
    site = site.replace("listen 80;", f"listen 127.0.0.1:{nginx_port};")
    site = site.replace("/opt/loa/loa_App.resources/Resources/Public/", public_dir.rstrip("/") + "/")
    with open(os.path.join(work, "loa.conf"), "w") as f:
        f.write(site)
    main = f"""
user root;
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/loa.conf;
}}
"""
    path = os.path.join(work, "nginx.conf")
    with open(path, "w") as f:
        f.write(main)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=float, default=20, help="length of each load phase")
    args = parser.parse_args()
    binary = os.path.realpath(args.binary)
    public_dirs = [os.path.join(os.path.dirname(binary), d, "Resources", "Public") for d in os.listdir(os.path.dirname(binary)) if d.endswith("_App.resources")]
    if not public_dirs:
        fail(f"no *_App.resources bundle beside {binary}")
    if not shutil.which("nginx"):
        fail("nginx is not installed (apt-get install nginx)")

    work = tempfile.mkdtemp(prefix="loa-cluster-")
    os.chmod(work, 0o755)
    if os.geteuid() == 0:
        # As root, PostgreSQL runs as the postgres user (postgres.sh) and must create its folder here.
        entry = pwd.getpwnam("postgres")
        os.chown(work, entry.pw_uid, entry.pw_gid)
    pg_dir, pg_port = os.path.join(work, "pg"), free_port()
    instances, nginx = [], None
    ok = False
    try:
        subprocess.run([os.path.join(ROOT, "scripts", "ci", "postgres.sh"), "start", pg_dir, str(pg_port)], check=True)
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": f"postgres://loa@127.0.0.1:{pg_port}/loa_test",
            "LOA_DATA_DIR": os.path.join(work, "data"),  # shared by both, as the uploads folder must be
            "LOA_TRUSTED_PROXIES": "127.0.0.1",
            "LOA_BCRYPT_COST": "8",
            "LOG_LEVEL": "info",
            # A job held by a killed instance runs again after this (step 4), not after the default 5 minutes.
            "LOA_JOB_LOCK_SECONDS": "30",
            # Reading every demo article aloud would compete for the two cores with the load steps.
            "LOA_ARTICLE_AUDIO": "off",
        })
        nginx_port = free_port()
        env["LOA_BASE_URL"] = f"http://127.0.0.1:{nginx_port}"
        subprocess.run([binary, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        a = Instance("A", binary, free_port(), env, work)
        b = Instance("B", binary, free_port(), env, work)
        instances = [a, b]
        a.start()
        b.start()
        config = nginx_config(work, [a.port, b.port], nginx_port, public_dirs[0])
        nginx = subprocess.Popen(["nginx", "-c", config, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until(lambda: get_status(nginx_port, "/") == 200, 30, "nginx answering")
        log(f"nginx on :{nginx_port} in front of :{a.port} and :{b.port}")

        home = urllib.request.urlopen(f"http://127.0.0.1:{nginx_port}/", timeout=30).read().decode()
        articles = sorted(set(re.findall(r'href="(/tin-tuc/[a-z0-9-]+)"', home)))
        paths = ["/", "/tin-tuc", "/gioi-thieu", "/thu-tuc-hanh-chinh", "/van-ban", "/xa/tan-thoi/"] + articles
        log(f"load paths: {len(paths)} ({len(articles)} article pages)")

        # 1. Load through nginx.
        with Load(nginx_port, paths) as load:
            time.sleep(args.seconds)
        log(f"1. load through nginx: {load.total} requests, {load.failed} failed")
        if load.failed or load.total == 0:
            fail(f"requests failed through nginx: {load.failures[:5]}")

        # 2. A session made on A works on B.
        first = re.search(r"One-time password: (\S+)", open(a.log_path).read())
        email = re.search(r"Administrator: (\S+)", open(a.log_path).read())
        if not first:
            fail("instance A printed no one-time password at its first start")
        admin = email.group(1) if email else "quantri@loa.local"
        user = Browser()
        _, _, page = user.get(a.port, "/quan-tri/dang-nhap")
        _, url, page = user.post(a.port, "/quan-tri/dang-nhap", {"email": admin, "password": first.group(1)}, page)
        new_password = "Cum-Hai-May-2026!"
        _, url, page = user.post(a.port, "/quan-tri/doi-mat-khau", {"current": first.group(1), "new": new_password, "confirmation": new_password}, page)
        status, url, dashboard = user.get(b.port, "/quan-tri")
        signed_in_on_b = status == 200 and "/dang-nhap" not in url and "dang-xuat" in dashboard
        log(f"2. session signed in on A, used on B: {'works' if signed_in_on_b else 'REFUSED'} ({url})")
        if not signed_in_on_b:
            fail("B did not accept A's session")

        # 3. Published through A, served by B.
        title = f"Tin cum hai may {random.randint(10000, 99999)}"
        slug = title.lower().replace(" ", "-")
        _, _, form = user.get(a.port, "/quan-tri/tin-bai/moi")
        _, editor_url, editor = user.post(a.port, "/quan-tri/tin-bai/moi", {"site": "tan-phu-dong", "title": title, "body": "Một dòng."}, form)
        article_path = urllib.parse.urlparse(editor_url).path
        before = get_status(b.port, f"/tin-tuc/{slug}")
        user.post(a.port, article_path + "/chuyen-trang-thai", {"transition": "publish"}, editor)
        published_at = time.monotonic()
        wait_until(lambda: get_status(b.port, f"/tin-tuc/{slug}") == 200, 10, "the article on B")
        seen_after = time.monotonic() - published_at
        log(f"3. article published through A (B answered {before} before): served by B after {seen_after * 1000:.0f} ms")
        if seen_after > 1.0:
            fail("B served the article later than one second after A published it")

        # 4. kill -9 A under load; the singleton lease and the queued jobs move to B.
        lease_holder = lambda: psql(pg_port, "SELECT holder FROM leases WHERE name = 'singleton'")
        wait_until(lambda: f"-{a.process.pid}-" in lease_holder(), 20, "the singleton lease held by A (started first)")
        _, _, library = user.get(nginx_port, "/quan-tri/thu-vien")
        uploads = 8
        with Load(nginx_port, paths) as load:
            time.sleep(args.seconds / 2)
            for n in range(uploads):
                image = png(720, 360, n + 1)
                user.upload(nginx_port, "/quan-tri/thu-vien", {"site": "tan-phu-dong", "alt": f"Ảnh thử {n + 1}", "caption": ""},
                            {"file": (f"thu-{n + 1}.png", image, "image/png")}, library)
            a.kill9()
            killed_at, killed_clock = load.total, time.monotonic()
            time.sleep(args.seconds / 2)
        share = load.failed / max(1, load.total)
        log(f"4. kill -9 of A under load: {load.total} requests ({killed_at} before the kill), {load.failed} failed ({share:.2%})")
        if share >= 0.01:
            fail(f"more than 1 % failed after A died: {load.failures[:5]}")
        if get_status(b.port, "/readyz") != 200:
            fail("B is not ready after A died")
        wait_until(lambda: f"-{b.process.pid}-" in lease_holder(), 30, "the singleton lease taken over by B")
        moved_after = time.monotonic() - killed_clock
        log(f"   singleton lease: held by A before the kill, by B {moved_after:.1f} s after it")
        if moved_after > 15:
            fail("the singleton work took longer than 15 s to move to B")
        pending = lambda: int(psql(pg_port, "SELECT count(*) FROM jobs WHERE kind = 'media.renditions' AND state IN ('queued', 'running')"))
        wait_until(lambda: pending() == 0, 90, "every rendition job finished")
        jobs = psql(pg_port, "SELECT count(*), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed'), "
                             "count(*) FILTER (WHERE attempts > 1), count(DISTINCT dedupe_key) FROM jobs WHERE kind = 'media.renditions'")
        total, done, failed, retried, distinct = (int(x) for x in jobs.split("|"))
        rendered = int(psql(pg_port, "SELECT count(*) FROM media WHERE alt LIKE 'Ảnh thử %' AND rendition_widths <> ''"))
        log(f"   rendition jobs of {uploads} uploads around the kill: {total} jobs, {done} done, {failed} failed, "
            f"{retried} run again after A died, one per image: {distinct == total}; images with renditions: {rendered}")
        if total != uploads or done != uploads or failed or distinct != total or rendered != uploads:
            fail("a job was lost, failed or duplicated around the kill")

        # 5. A restarts and rejoins.
        a.start()
        offset = a.log_size()
        with Load(nginx_port, paths) as load:
            time.sleep(min(10, args.seconds))
        served_by_a = a.requests_served_since(offset)
        log(f"5. A restarted: {load.total} requests through nginx, {load.failed} failed, {served_by_a} served by A")
        if load.failed or served_by_a == 0:
            fail("A did not rejoin cleanly")
        # 6. PostgreSQL stopped for 20 s.
        cookies = user.cookie_header()
        subprocess.run([os.path.join(ROOT, "scripts", "ci", "postgres.sh"), "stop", pg_dir], check=True, stdout=subprocess.DEVNULL)
        stopped_at = time.monotonic()
        answers, slowest, vietnamese = [], 0.0, True
        while time.monotonic() - stopped_at < 20:
            status, body, seconds = fetch(nginx_port, "/quan-tri", cookies=cookies)
            answers.append(status)
            slowest = max(slowest, seconds)
            vietnamese = vietnamese and "Hệ thống tạm thời gián đoạn" in body
            time.sleep(1)
        health_status, health, _ = fetch(b.port, "/healthz")
        log(f"6. PostgreSQL stopped 20 s: {len(answers)} back-office requests answered {sorted(set(answers))}, slowest {slowest:.1f} s, "
            f"Vietnamese page: {vietnamese}; /healthz {health_status}: {health.strip()[:160]}")
        if set(answers) != {503} or slowest > 10 or not vietnamese:
            fail("requests during the outage did not fail fast with the Vietnamese page")
        if health_status != 503 or "does not answer" not in health:
            fail("/healthz did not say the database does not answer")
        subprocess.run([os.path.join(ROOT, "scripts", "ci", "postgres.sh"), "resume", pg_dir, str(pg_port)], check=True, stdout=subprocess.DEVNULL)
        resumed_at = time.monotonic()
        wait_until(lambda: fetch(nginx_port, "/quan-tri", cookies=cookies)[0] == 200, 30, "service back after PostgreSQL returned")
        log(f"   PostgreSQL back: the back office answers again after {time.monotonic() - resumed_at:.1f} s, by itself")
        ok = True
        log("OK: two instances behind nginx, failover, singleton and jobs moved, rejoin, database outage")
    finally:
        if nginx and nginx.poll() is None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for instance in instances:
            instance.stop()
        subprocess.run([os.path.join(ROOT, "scripts", "ci", "postgres.sh"), "stop", pg_dir], check=False, stdout=subprocess.DEVNULL)
        if not ok:
            for instance in instances:
                if os.path.exists(instance.log_path):
                    print(f"---- instance {instance.name} log (tail) ----")
                    print(open(instance.log_path, errors="replace").read()[-4000:])
            error_log = os.path.join(work, "nginx-error.log")
            if os.path.exists(error_log):
                print("---- nginx error log (tail) ----")
                print(open(error_log).read()[-2000:])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
