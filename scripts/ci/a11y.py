#!/usr/bin/env python3
"""Automated accessibility check of Loa's public pages with axe-core.

Drives Debian's chromium through /usr/bin/chromedriver (selenium), injects the
axe-core build bundled in the PyPI package axe-selenium-python (axe-core 4.10,
no network needed) and runs it with the WCAG 2.0/2.1/2.2 A and AA rule tags
over a fixed list of public pages, plus the home and an article page at a
320-px-wide window (WCAG 1.4.10 reflow; there a page that scrolls sideways is
reported too, since axe has no rule for that).

  python3 scripts/ci/a11y.py --base http://127.0.0.1:PORT [--best-practice]

Exit 1 when any violation has impact "serious" or "critical", 2 when the check
itself could not run, else 0. Usually run through scripts/ci/a11y.sh, which
installs chromium, chromedriver and the Python packages.
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.request

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
DEADLINE_S = 150  # whole run; CI budget for this step is < 3 minutes
DEFAULT_ARTICLE = "/tin-tuc/cong-tac-tuyen-truyen-ve-cai-cach-hanh-chinh-nam-2020-tren-dia-ban-huyen-tan-phu"

# (label, path or "{article}", window width). The 404 page is checked too:
# people land on it and it uses the public layout.
PAGES = [
    ("trang chủ", "/", 1280),
    ("tin tức", "/tin-tuc", 1280),
    ("chuyên mục", "/chuyen-muc/cai-cach-hanh-chinh", 1280),
    ("bài viết", "{article}", 1280),
    ("tìm kiếm", "/tim-kiem?q=cai+cach", 1280),
    ("giới thiệu", "/gioi-thieu", 1280),
    ("liên hệ", "/lien-he", 1280),
    ("sơ đồ site", "/so-do-site", 1280),
    ("trang tĩnh", "/trang/co-cau-to-chuc", 1280),
    ("cổng xã", "/xa/tan-thoi/", 1280),
    # Procedures and documents (issue #4); smoke.sh imports the fixtures into Tân Thới first.
    ("thủ tục hành chính", "/xa/tan-thoi/thu-tuc-hanh-chinh", 1280),
    ("trang thủ tục", "/xa/tan-thoi/thu-tuc-hanh-chinh/1.000101", 1280),
    ("bảng niêm yết", "/xa/tan-thoi/niem-yet/thu-tuc/1.000101", 1280),
    ("tra cứu tại quầy", "/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich", 1280),
    ("cải cách hành chính", "/xa/tan-thoi/cai-cach-hanh-chinh", 1280),
    ("văn bản", "/van-ban", 1280),
    # The communication plan (issue #5): the public transparency page and the events calendar.
    ("kế hoạch tuyên truyền", "/ke-hoach-tuyen-truyen", 1280),
    ("kế hoạch tuyên truyền (320 px)", "/ke-hoach-tuyen-truyen", 320),
    ("lịch sự kiện", "/lich-su-kien", 1280),
    # The commune radio (issue #11): aired bulletins with a player and their transcripts.
    ("nghe lại", "/nghe-lai", 1280),
    ("nghe lại xã (320 px)", "/xa/tan-thoi/nghe-lai", 320),
    # Online contests (issue #12): the demo contest, its registration and a closed round's results.
    ("cuộc thi", "/cuoc-thi", 1280),
    ("trang cuộc thi", "/cuoc-thi/tim-hieu-cai-cach-hanh-chinh", 1280),
    ("trang cuộc thi (320 px)", "/cuoc-thi/tim-hieu-cai-cach-hanh-chinh", 320),
    ("đăng ký dự thi (320 px)", "/cuoc-thi/tim-hieu-cai-cach-hanh-chinh/dang-ky", 320),
    ("đăng nhập dự thi", "/cuoc-thi/tim-hieu-cai-cach-hanh-chinh/dang-nhap", 1280),
    ("kết quả vòng thi", "{contest-results}", 1280),
    ("hỏi đáp", "/hoi-dap", 1280),
    ("gửi câu hỏi (320 px)", "/hoi-dap/gui", 320),
    ("tra cứu câu hỏi", "/hoi-dap/tra-cuu", 1280),
    ("lấy ý kiến dự thảo", "/lay-y-kien", 1280),
    ("dự thảo đang lấy ý kiến (320 px)", "{consultation}", 320),
    ("câu trả lời", "{answer}", 1280),
    ("404", "/khong-co", 1280),
    ("đăng nhập quản trị", "/quan-tri/dang-nhap", 1280),
    ("trang chủ (320 px)", "/", 320),
    ("bài viết (320 px)", "{article}", 320),
    ("trang thủ tục (320 px)", "/xa/tan-thoi/thu-tuc-hanh-chinh/1.000101", 320),
]

# Rules switched off for one page only, each with the reason. Keep this empty
# unless a rule truly misfires; never use it to hide a real problem.
#   "PATH": {"RULE-ID": "why"}
DISABLED_RULES = {}

# Elements wider than the viewport at 320 px (sideways scrolling, WCAG 1.4.10).
REFLOW_JS = r"""
const vw = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= vw) return [];
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > vw + 1) {
    let sel = el.tagName.toLowerCase();
    if (el.id) sel += '#' + el.id;
    else if (el.classList.length) sel += '.' + [...el.classList].join('.');
    out.push(sel + ' (right edge ' + Math.round(r.right) + ' px)');
    if (out.length >= 5) break;
  }
}
return [document.documentElement.scrollWidth + ' px content in ' + vw + ' px viewport'].concat(out);
"""


def axe_script():
    import axe_selenium_python
    path = os.path.join(os.path.dirname(axe_selenium_python.__file__),
                        "node_modules", "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def first_article(base):
    """Path of the first article in /sitemap.xml, else the seeded one."""
    try:
        with urllib.request.urlopen(base + "/sitemap.xml", timeout=15) as r:
            xml = r.read().decode("utf-8", "replace")
        for loc in re.findall(r"<loc>([^<]+)</loc>", xml):
            path = re.sub(r"^[a-zA-Z]+://[^/]+", "", loc.replace("&amp;", "&"))
            if path.startswith("/tin-tuc/"):
                return path
    except OSError as e:
        print(f"a11y: warning: /sitemap.xml unreadable ({e}); using the seeded article", file=sys.stderr)
    return DEFAULT_ARTICLE


def first_link(base, page_path, pattern, what):
    """The first link on `page_path` matching `pattern` (a demo page whose address holds an id)."""
    with urllib.request.urlopen(base + page_path, timeout=30) as response:
        page = response.read().decode("utf-8")
    match = re.search(pattern, page)
    if not match:
        raise SystemExit(f"a11y: the demo world shows no {what}")
    return match.group(1)


def contest_results(base):
    """The published results of the demo contest's closed round (its address holds the round's id)."""
    with urllib.request.urlopen(base + "/cuoc-thi/tim-hieu-cai-cach-hanh-chinh", timeout=30) as response:
        page = response.read().decode("utf-8")
    match = re.search(r'href="(/cuoc-thi/[^"]+/ket-qua)"', page)
    if not match:
        raise SystemExit("a11y: the demo contest shows no published results")
    return match.group(1)


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("LOA_A11Y_CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
              "--window-size=1280,900", "--lang=vi", "--disable-gpu",
              "--disable-extensions", "--no-first-run"):
        opts.add_argument(a)
    # An explicit driver path: selenium-manager must not try to download one.
    service = Service(executable_path=os.environ.get("LOA_A11Y_CHROMEDRIVER", "/usr/bin/chromedriver"))
    d = webdriver.Chrome(service=service, options=opts)
    d.set_page_load_timeout(30)
    d.set_script_timeout(30)
    return d


def set_width(driver, width):
    """Make the layout viewport `width` CSS px wide (headless windows may refuse
    to shrink that far, so fall back to device-metrics emulation)."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.set_window_size(width, 900)
    if driver.execute_script("return window.innerWidth") != width:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def run_axe(driver, script, disabled):
    driver.execute_script(script)
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    if disabled:
        options["rules"] = {rule: {"enabled": False} for rule in disabled}
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done({violations: r.violations}),"
        " e => done({error: String(e)}));", options)


def main():
    global TAGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="server root, e.g. http://127.0.0.1:8080")
    ap.add_argument("--best-practice", action="store_true",
                    help="also run axe's best-practice rules (landmarks, heading order, …)")
    ap.add_argument("--json", metavar="FILE", help="write all violations as JSON to FILE")
    args = ap.parse_args()
    base = args.base.rstrip("/")
    TAGS = WCAG_TAGS + (["best-practice"] if args.best_practice else [])

    started = time.monotonic()
    article = first_article(base)
    script = axe_script()
    try:
        driver = make_driver()
    except Exception as e:  # noqa: BLE001 - say what broke, whatever it was
        print(f"a11y: cannot start chromium/chromedriver: {e}", file=sys.stderr)
        return 2

    blocking = minor = 0
    report = []
    try:
        for label, path, width in PAGES:
            if time.monotonic() - started > DEADLINE_S:
                print(f"a11y: ERROR: over the {DEADLINE_S} s budget before {label}", file=sys.stderr)
                return 2
            path = path.replace("{article}", article)
            if path == "{contest-results}":
                path = contest_results(base)
            if path == "{consultation}":
                path = first_link(base, "/lay-y-kien", r'href="(/lay-y-kien/[^"]+)"', "consultation")
            if path == "{answer}":
                path = first_link(base, "/hoi-dap", r'href="(/hoi-dap/tra-loi/[^"]+)"', "published answer")
            set_width(driver, width)
            driver.get(base + path)
            disabled = DISABLED_RULES.get(path, {})
            res = run_axe(driver, script, disabled)
            if "error" in res:
                print(f"a11y: ERROR: axe failed on {path}: {res['error']}", file=sys.stderr)
                return 2
            violations = res["violations"]
            if width <= 400:
                overflow = driver.execute_script(REFLOW_JS)
                if overflow:
                    violations.append({
                        "id": "reflow-horizontal-scroll", "impact": "serious",
                        "help": "Content must reflow at 320 CSS px without scrolling sideways (WCAG 1.4.10)",
                        "nodes": [{"target": [t]} for t in overflow[1:]] or [{"target": [overflow[0]]}],
                        "summary": overflow[0],
                    })
            title = driver.title
            n_bad = sum(1 for v in violations if v.get("impact") in BLOCKING)
            blocking += n_bad
            minor += len(violations) - n_bad
            status = "OK" if not violations else f"{len(violations)} violation(s)"
            print(f"[{label}] {path} @{width}px  «{title}»: {status}"
                  + (f" (rules off here: {', '.join(disabled)})" if disabled else ""))
            for v in violations:
                targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
                more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
                print(f"  - {v['id']} [{v.get('impact')}] {v.get('help')}")
                if v.get("summary"):
                    print(f"      {v['summary']}")
                for t in targets[:3]:
                    print(f"      at {t}")
                if more:
                    print(f"     {more}")
            report.append({"page": path, "width": width, "violations": violations})
    finally:
        driver.quit()

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    print(f"a11y: checked {len(PAGES)} pages in {time.monotonic() - started:.0f} s (axe rule tags: {', '.join(TAGS)})")
    if blocking:
        print(f"a11y: {blocking} serious/critical violations")
        return 1
    print(f"a11y: OK ({len(PAGES)} pages, {minor} minor violations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
