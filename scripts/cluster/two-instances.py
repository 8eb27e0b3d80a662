#!/usr/bin/env python3
"""Two Loa instances on one PostgreSQL behind nginx, on loopback: the proof of issue #10.

    scripts/cluster/two-instances.py .build/release/loa [--seconds 20]

Starts a throwaway PostgreSQL (scripts/ci/postgres.sh), migrates once, starts instance A (first start
seeds the demo world), then instance B, and nginx with deploy/nginx/loa.conf in front of both. Then
it checks, printing each figure:
  1. load through nginx answers without errors;
  2. a session signed in through A works on B;
  3. an article published through A is served by B within one second;
  4. kill -9 of A under load costs under 1 % of the requests, and B carries on;
  5. A restarts, becomes ready and gets traffic again.
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
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

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

        # 4. kill -9 A under load.
        with Load(nginx_port, paths) as load:
            time.sleep(args.seconds / 2)
            a.kill9()
            killed_at = load.total
            time.sleep(args.seconds / 2)
        share = load.failed / max(1, load.total)
        log(f"4. kill -9 of A under load: {load.total} requests ({killed_at} before the kill), {load.failed} failed ({share:.2%})")
        if share >= 0.01:
            fail(f"more than 1 % failed after A died: {load.failures[:5]}")
        if get_status(b.port, "/readyz") != 200:
            fail("B is not ready after A died")

        # 5. A restarts and rejoins.
        a.start()
        offset = a.log_size()
        with Load(nginx_port, paths) as load:
            time.sleep(min(10, args.seconds))
        served_by_a = a.requests_served_since(offset)
        log(f"5. A restarted: {load.total} requests through nginx, {load.failed} failed, {served_by_a} served by A")
        if load.failed or served_by_a == 0:
            fail("A did not rejoin cleanly")
        ok = True
        log("OK: two instances behind nginx, failover and rejoin")
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
