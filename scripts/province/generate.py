#!/usr/bin/env python3
"""Generate a province on a Loa PostgreSQL database: 1,000 communes, each with its site, the standard
categories and 1,000 published articles, and the matching search_documents rows (issue #10).

    scripts/province/generate.py DATABASE_URL [--sites 1000] [--articles 1000] [--workers 2]

The database must already be migrated (`loa migrate`) and first-started (the demo world): the new
districts hang under the demo province (DEMO-TG) and each site gets the demo's three categories.
Deterministic: ids are md5-derived UUIDs (native `uuid` columns), text comes from fixed Vietnamese
word pools combined by article number, dates step back one day per article from 2026-11-30.

Rows are written by set-based SQL (INSERT … SELECT over generate_series), one statement per batch
of sites, with the secondary indexes of articles and search_documents dropped during the load and
built again afterwards (same definitions, read from pg_indexes). Then ANALYZE. Needs only python3 and
psql. Search text is folded as Loa folds it (LoaCore `VietnameseText.fold`, decision 0006): the
pools are folded here in Python and the SQL concatenates folded pieces, which is exact because every
piece is trimmed and pieces are joined by single spaces.
"""
import argparse
import concurrent.futures
import subprocess
import sys
import time
import unicodedata

PREFIX = "PROV"  # unit codes PROV-D01, PROV-D01-001…; a second run refuses


# ---------------------------------------------------------------- folding, as LoaCore does it
def fold(text):
    """VietnameseText.fold: whitespace runs become one space (none leading or trailing), combining
    marks dropped, ASCII lowercased, đ/Đ → d, other letters without diacritics and lowercased."""
    out = []
    pending = False
    for ch in text:
        if ch.isspace():
            pending = bool(out)
            continue
        if 0x300 <= ord(ch) <= 0x36F:
            continue
        if pending:
            out.append(" ")
            pending = False
        if ord(ch) < 128:
            out.append(ch.lower())
        elif ch in "đĐ":
            out.append("d")
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)).lower())
    return "".join(out)


def slug(text):
    s, dash = [], False
    for ch in fold(text):
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            if dash and s:
                s.append("-")
            dash = False
            s.append(ch)
        else:
            dash = True
    return "".join(s)


# ---------------------------------------------------------------- Vietnamese pools
DISTRICTS = ["Cái Bè", "Cai Lậy", "Châu Thành", "Chợ Gạo", "Gò Công Tây", "Gò Công Đông", "Tân Phước",
             "Tân Thành", "Long Định", "Mỹ Phước Tây"]
NAME_A = ["Tân", "Phú", "Bình", "An", "Long", "Mỹ", "Hòa", "Thạnh", "Phước", "Vĩnh", "Thới", "Hưng", "Đông",
          "Tây", "Nhơn", "Hiệp", "Lợi", "Thuận", "Trung", "Khánh", "Điền", "Hội", "Quới", "Đức", "Định",
          "Kim", "Ngãi", "Lương", "Hậu", "Xuân", "Thanh", "Tịnh", "Song", "Đạo", "Yên", "Nhị"]
NAME_B = ["Hòa", "Thạnh", "Phú", "An", "Bình", "Long", "Mỹ", "Tân", "Hưng", "Lợi", "Đông", "Tây", "Trung",
          "Thuận", "Phước", "Hiệp", "Thới", "Khánh", "Điền", "Hội", "Quới", "Đức", "Định", "Xuân", "Lộc",
          "Nghĩa", "Thành", "Hải", "Sơn", "Kiệt", "Châu", "Quý", "Phong", "Tường", "Lạc", "Hạnh"]
CATEGORIES = [("tin-tuc-su-kien", "Tin tức - Sự kiện"), ("cai-cach-hanh-chinh", "Cải cách hành chính"),
              ("thong-bao", "Thông báo")]
TITLES = [  # (before the commune's name, after it)
    ("Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ một cửa", ""),
    ("Hội nghị triển khai kế hoạch cải cách hành chính năm 2026 tại", ""),
    ("", "đẩy mạnh dịch vụ công trực tuyến toàn trình"),
    ("", "niêm yết công khai bộ thủ tục hành chính cấp xã"),
    ("Đài truyền thanh", "tăng thời lượng phát tin về chuyển đổi số"),
    ("Ra quân vệ sinh môi trường, phát quang đường giao thông nông thôn tại", ""),
    ("", "tổ chức Ngày hội Đại đoàn kết toàn dân tộc"),
    ("Thông báo lịch tiếp công dân của Chủ tịch UBND", ""),
    ("", "hoàn thành tiêu chí nông thôn mới nâng cao"),
    ("Hỗ trợ nông dân chuyển đổi cây trồng thích ứng hạn mặn ở", ""),
    ("Tuyên truyền phòng chống dịch bệnh trên cây lúa tại", ""),
    ("", "tiếp nhận hồ sơ đăng ký khai sinh, thường trú qua mạng"),
    ("Kiểm tra công tác phòng cháy chữa cháy tại các hộ kinh doanh", ""),
    ("", "trao quà cho hộ nghèo, gia đình chính sách dịp cuối năm"),
    ("Hội thi tìm hiểu pháp luật về đất đai tại", ""),
    ("Thông báo thu thuế sử dụng đất phi nông nghiệp năm 2026 của", ""),
    ("", "ra mắt tổ công nghệ số cộng đồng ở các ấp"),
    ("Khai giảng lớp dạy nghề nuôi tôm càng xanh cho lao động nông thôn", ""),
    ("Lấy ý kiến nhân dân về quy hoạch sử dụng đất của", ""),
    ("", "sơ kết công tác tuyên truyền cải cách hành chính sáu tháng đầu năm"),
    ("Tiêm chủng mở rộng cho trẻ em dưới năm tuổi tại trạm y tế", ""),
    ("", "phát động phong trào thi đua chào mừng Đại hội Đảng bộ"),
    ("Bầu cử trưởng ấp nhiệm kỳ mới ở", ""),
    ("Thông báo mời thầu xây dựng cầu giao thông nông thôn của", ""),
]
SUBJECTS = ["Ủy ban nhân dân xã", "Bộ phận tiếp nhận và trả kết quả", "Hội Nông dân", "Đoàn Thanh niên",
            "Hội Liên hiệp Phụ nữ", "Mặt trận Tổ quốc", "Công an xã", "Trạm y tế", "Trường tiểu học",
            "Hợp tác xã nông nghiệp", "Ban chỉ huy quân sự", "Đài truyền thanh xã"]
VERBS = ["đã phối hợp tổ chức", "tiếp tục triển khai", "đẩy mạnh tuyên truyền về", "tổ chức kiểm tra",
         "hướng dẫn người dân thực hiện", "rà soát và cập nhật", "đã hoàn thành", "phát động",
         "tổng kết việc thực hiện", "đề nghị các ấp quan tâm"]
OBJECTS = ["công tác cải cách hành chính", "dịch vụ công trực tuyến mức độ cao", "chương trình xây dựng nông thôn mới",
           "phong trào toàn dân bảo vệ an ninh Tổ quốc", "kế hoạch phòng chống thiên tai và tìm kiếm cứu nạn",
           "việc cấp giấy chứng nhận quyền sử dụng đất", "mô hình trồng dừa xen ca cao", "chuyển đổi số trong cơ quan nhà nước",
           "chính sách hỗ trợ hộ nghèo và cận nghèo", "công tác phòng cháy chữa cháy", "việc đăng ký khai sinh và kết hôn",
           "bảo hiểm y tế hộ gia đình", "chỉnh trang đường giao thông nông thôn", "nuôi trồng thủy sản bền vững",
           "bảo vệ môi trường và thu gom rác thải", "thủ tục đăng ký thường trú", "tiêm chủng mở rộng cho trẻ em",
           "quy chế dân chủ ở cơ sở", "phổ biến giáo dục pháp luật", "khuyến học, khuyến tài"]
TAILS = ["trên địa bàn xã.", "đến từng hộ dân ở các ấp.", "theo đúng quy định.", "trong năm 2026.",
         "với sự tham gia đông đảo của người dân.", "nhằm nâng cao chất lượng phục vụ nhân dân."]
AUTHORS = ["THU HƯƠNG", "NGỌC HÂN", "VĂN ĐỨC", "MINH TRÍ", "THANH TÂM", "HOÀNG YẾN", "QUỐC BẢO", "KIM NGÂN",
           "ĐÀI TRUYỀN THANH XÃ", "VĂN PHÒNG UBND XÃ"]


def sentences():
    """Deterministic pool of sentences: subject × verb × object × tail, every combination once."""
    pool = []
    for i, s in enumerate(SUBJECTS):
        for j, v in enumerate(VERBS):
            for k, o in enumerate(OBJECTS):
                pool.append(f"{s} {v} {o} {TAILS[(i + j + k) % len(TAILS)]}")
    return pool  # 12 × 10 × 20 = 2,400


# ---------------------------------------------------------------- database helpers
def psql(url, sql, quiet=True):
    args = ["psql", url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-At"]
    result = subprocess.run(args, input=sql, text=True, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"generate: psql failed:\n{result.stderr}\n--- SQL (start) ---\n{sql[:2000]}")
    return result.stdout.strip()


def lit(text):
    return "'" + text.replace("'", "''") + "'" if text is not None else "NULL"


def copy_rows(url, table, columns, rows):
    """COPY rows (tuples of str/int) into a table through psql's stdin."""
    def esc(value):
        if value is None:
            return "\\N"
        return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    data = "".join("\t".join(esc(v) for v in row) + "\n" for row in rows)
    psql(url, f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n{data}\\.\n")


# ---------------------------------------------------------------- generation
def communes(count):
    """count commune names (“Xã Tân Hòa”…), unique by slug and distinct from existing sites."""
    names = []
    for a in NAME_A:
        for b in NAME_B:
            if a != b:
                names.append(f"{a} {b}")
    # Interleave so neighbouring communes do not all start with the same word.
    names = [names[(i * 37) % len(names)] for i in range(len(names))]
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database_url")
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=1000, help="articles per site")
    parser.add_argument("--workers", type=int, default=2, help="batches loaded side by side")
    parser.add_argument("--batch", type=int, default=25, help="sites per INSERT statement")
    args = parser.parse_args()
    url = args.database_url
    started = time.monotonic()

    province = psql(url, "SELECT id FROM units WHERE code = 'DEMO-TG'")
    if not province:
        sys.exit("generate: no unit DEMO-TG: migrate and first-start Loa (demo world) before generating")
    if psql(url, f"SELECT count(*) FROM units WHERE code LIKE '{PREFIX}-%'") != "0":
        sys.exit(f"generate: units {PREFIX}-… already exist: this database already holds a generated province")
    taken = set(psql(url, "SELECT slug FROM sites").split("\n"))

    # Commune names: unique slugs (folding merges Tân/Tấn), none taken by the demo world.
    chosen, seen = [], set(taken)
    for name in communes(args.sites):
        s = slug(name)
        if s in seen:
            continue
        seen.add(s)
        chosen.append(name)
        if len(chosen) == args.sites:
            break
    if len(chosen) < args.sites:
        sys.exit(f"generate: only {len(chosen)} distinct commune names available")

    # Pool tables, dropped at the end.
    psql(url, """
        DROP TABLE IF EXISTS province_gen_communes, province_gen_titles, province_gen_sentences, province_gen_authors;
        CREATE UNLOGGED TABLE province_gen_communes (n int PRIMARY KEY, district int NOT NULL, name text NOT NULL,
            name_f text NOT NULL, name_l text NOT NULL, slug text NOT NULL, district_name text NOT NULL);
        CREATE UNLOGGED TABLE province_gen_titles (i int PRIMARY KEY, b text, b_f text, b_l text, a text, a_f text, a_l text);
        CREATE UNLOGGED TABLE province_gen_sentences (i int PRIMARY KEY, t text NOT NULL, f text NOT NULL, l text NOT NULL);
        CREATE UNLOGGED TABLE province_gen_authors (i int PRIMARY KEY, t text NOT NULL);
    """)
    per_district = -(-args.sites // len(DISTRICTS))
    rows = []
    for n, name in enumerate(chosen, start=1):
        d = (n - 1) // per_district
        full = f"Xã {name}"
        rows.append((n, d + 1, full, fold(full), full.lower(), slug(name), DISTRICTS[d % len(DISTRICTS)]))
    copy_rows(url, "province_gen_communes", ["n", "district", "name", "name_f", "name_l", "slug", "district_name"], rows)
    nz = lambda s: s or None  # noqa: E731  (an empty half of a title is NULL, skipped by concat_ws)
    copy_rows(url, "province_gen_titles", ["i", "b", "b_f", "b_l", "a", "a_f", "a_l"],
              [(i, nz(b), nz(fold(b)), nz(b.lower()), nz(a), nz(fold(a)), nz(a.lower())) for i, (b, a) in enumerate(TITLES)])
    pool = sentences()
    copy_rows(url, "province_gen_sentences", ["i", "t", "f", "l"], [(i, s, fold(s), s.lower()) for i, s in enumerate(pool)])
    copy_rows(url, "province_gen_authors", ["i", "t"], list(enumerate(AUTHORS)))
    nt, ns, na = len(TITLES), len(pool), len(AUTHORS)

    # Units (10 districts under the province, communes under them), sites, categories.
    t0 = time.monotonic()
    districts_used = (args.sites + per_district - 1) // per_district
    psql(url, f"""
        BEGIN;
        INSERT INTO units (id, code, name, kind, parent_id, created_at, updated_at)
        SELECT md5('loa-province-district-' || d)::uuid, '{PREFIX}-D' || lpad(d::text, 2, '0'),
               'Huyện ' || (SELECT min(district_name) FROM province_gen_communes c WHERE c.district = d),
               'district', {lit(province)}::uuid, now(), now()
        FROM generate_series(1, {districts_used}) d;
        INSERT INTO units (id, code, name, kind, parent_id, created_at, updated_at)
        SELECT md5('loa-province-unit-' || n)::uuid, '{PREFIX}-D' || lpad(district::text, 2, '0') || '-' || lpad(n::text, 4, '0'),
               name, 'commune', md5('loa-province-district-' || district)::uuid, now(), now()
        FROM province_gen_communes;
        INSERT INTO sites (id, unit_id, slug, name, host, is_primary, introduction, owner_agency, responsible_person,
                           address, phone, email, created_at, updated_at)
        SELECT md5('loa-province-site-' || n)::uuid, md5('loa-province-unit-' || n)::uuid, slug,
               'Trang thông tin điện tử ' || lower(left(name, 1)) || substr(name, 2), NULL, false,
               name || ' là một xã của huyện ' || district_name || ', tỉnh Tiền Giang. Trang thông tin điện tử của xã '
                 || 'đăng tin tức, thông báo và thủ tục hành chính phục vụ người dân và doanh nghiệp.',
               'Ủy ban nhân dân ' || lower(left(name, 1)) || substr(name, 2),
               'Chủ tịch UBND ' || lower(left(name, 1)) || substr(name, 2),
               'Trụ sở UBND ' || lower(left(name, 1)) || substr(name, 2) || ', huyện ' || district_name || ', tỉnh Tiền Giang',
               '0273 36' || lpad((n % 100)::text, 2, '0') || ' ' || lpad(n::text, 3, '0'),
               'ubnd.' || replace(slug, '-', '') || '@tiengiang.example.vn', now(), now()
        FROM province_gen_communes;
        INSERT INTO categories (id, site_id, slug, name, position, created_at, updated_at)
        SELECT md5('loa-province-category-' || n || '-' || c.position)::uuid, md5('loa-province-site-' || n)::uuid,
               c.slug, c.name, c.position, now(), now()
        FROM province_gen_communes
        CROSS JOIN (VALUES {", ".join(f"({lit(s)}, {lit(nm)}, {p})" for p, (s, nm) in enumerate(CATEGORIES))}) AS c(slug, name, position);
        COMMIT;
    """)
    print(f"generate: {districts_used} districts, {args.sites} commune units, sites and {args.sites * len(CATEGORIES)} categories "
          f"in {time.monotonic() - t0:.1f} s", flush=True)

    # Secondary indexes off during the load; unique ones (primary keys, site+slug) stay.
    secondary = ["articles_site_published", "articles_category_published", "articles_status_published",
                 "search_documents_tsv", "search_documents_site_published"]
    defs = psql(url, f"SELECT indexdef || ';' FROM pg_indexes WHERE indexname IN ({', '.join(map(lit, secondary))})").split("\n")
    defs = [d for d in defs if d]
    psql(url, "".join(f"DROP INDEX IF EXISTS {name};\n" for name in secondary))

    # One statement per batch of sites: articles and their search documents from the same rows.
    # Article k of site n: title template (k*7+n), summary sentence, four paragraphs (three sentences,
    # a line of figures naming the commune, a two-item list, two sentences), category k mod 3,
    # published 2026-11-30 minus (k-1) days and n minutes.
    def sentence(expr):  # column t, f, l of a sentence chosen by an SQL expression
        return f"(SELECT s FROM province_gen_sentences s WHERE s.i = ({expr}) % {ns})"

    def batch(first, last):
        sql = f"""
        SET synchronous_commit = off;
        WITH g AS MATERIALIZED (
          SELECT c.n, k, c.name, c.name_f, c.name_l, c.slug AS site_slug,
                 t.b, t.b_f, t.b_l, t.a, t.a_f, t.a_l,
                 s0.t AS st0, s0.f AS sf0, s0.l AS sl0,
                 s1.t AS st1, s1.f AS sf1, s2.t AS st2, s2.f AS sf2, s3.t AS st3, s3.f AS sf3,
                 s4.t AS st4, s4.f AS sf4, s5.t AS st5, s5.f AS sf5, s6.t AS st6, s6.f AS sf6, s7.t AS st7, s7.f AS sf7,
                 au.t AS author,
                 (1 + (k * 13 + c.n * 7) % 11)::text AS months, (200 + (k * 37 + c.n * 11) % 4800)::text AS files,
                 (90 + (k + c.n) % 10)::text AS percent
          FROM province_gen_communes c
          CROSS JOIN generate_series(1, {args.articles}) AS k
          JOIN province_gen_titles t ON t.i = (k * 7 + c.n) % {nt}
          JOIN province_gen_sentences s0 ON s0.i = (k * 11 + c.n * 3) % {ns}
          JOIN province_gen_sentences s1 ON s1.i = (k * 17 + c.n * 5 + 1) % {ns}
          JOIN province_gen_sentences s2 ON s2.i = (k * 19 + c.n * 7 + 2) % {ns}
          JOIN province_gen_sentences s3 ON s3.i = (k * 23 + c.n * 11 + 3) % {ns}
          JOIN province_gen_sentences s4 ON s4.i = (k * 29 + c.n * 13 + 4) % {ns}
          JOIN province_gen_sentences s5 ON s5.i = (k * 31 + c.n * 17 + 5) % {ns}
          JOIN province_gen_sentences s6 ON s6.i = (k * 37 + c.n * 19 + 6) % {ns}
          JOIN province_gen_sentences s7 ON s7.i = (k * 41 + c.n * 23 + 7) % {ns}
          JOIN province_gen_authors au ON au.i = (k + c.n) % {na}
          WHERE c.n BETWEEN {first} AND {last}
        ), x AS MATERIALIZED (
          SELECT n, k, md5('loa-province-article-' || n || '-' || k)::uuid AS id,
                 md5('loa-province-site-' || n)::uuid AS site_id, md5('loa-province-unit-' || n)::uuid AS unit_id,
                 md5('loa-province-category-' || n || '-' || (k % 3))::uuid AS category_id,
                 timestamptz '2026-11-30 01:00:00+00' - (k - 1) * interval '1 day' - n * interval '1 minute' AS published_at,
                 concat_ws(' ', b, name, a) AS title, concat_ws(' ', b_f, name_f, a_f) AS title_f,
                 concat_ws(' ', b_l, name_l, a_l) AS title_l,
                 st0 AS summary, sf0 AS summary_f, sl0 AS summary_l, author,
                 st1 || ' ' || st2 || ' ' || st3 || E'\\n\\n'
                   || 'Trong ' || months || ' tháng đầu năm 2026, ' || name || ' đã tiếp nhận ' || files
                   || ' hồ sơ, tỷ lệ giải quyết đúng hạn đạt ' || percent || '%.' || E'\\n\\n'
                   || '- ' || st4 || E'\\n' || '- ' || st5 || E'\\n\\n' || st6 || ' ' || st7 AS body,
                 sf1 || ' ' || sf2 || ' ' || sf3 || ' '
                   || 'trong ' || months || ' thang dau nam 2026, ' || name_f || ' da tiep nhan ' || files
                   || ' ho so, ty le giai quyet dung han dat ' || percent || '%.' || ' '
                   || '- ' || sf4 || ' ' || '- ' || sf5 || ' ' || sf6 || ' ' || sf7 AS body_f
          FROM g
        ), a AS (
          INSERT INTO articles (id, site_id, unit_id, title, slug, summary, body, author_name, published_at, created_at,
                                updated_at, category_id, status, expires_at, external_id, source, version, created_by,
                                workflow_comment, featured_media_id, pending_revision_id)
          SELECT id, site_id, unit_id, title,
                 btrim(left(btrim(regexp_replace(title_f, '[^a-z0-9]+', '-', 'g'), '-'), 70), '-') || '-' || k,
                 summary, body, author, published_at, published_at, published_at, category_id, 'published', NULL, NULL,
                 '', 1, NULL, '', NULL, NULL
          FROM x
          RETURNING 1
        )
        INSERT INTO search_documents (article_id, site_id, category_id, published_at, expires_at, title_folded, exact_text, folded)
        SELECT id, site_id, category_id, published_at, NULL, title_f, title_l || ' ' || summary_l,
               title_f || ' ' || summary_f || ' ' || body_f
        FROM x WHERE (SELECT count(*) FROM a) >= 0;
        """
        begun = time.monotonic()
        psql(url, sql)
        return first, last, time.monotonic() - begun

    t0 = time.monotonic()
    batches = [(f, min(f + args.batch - 1, args.sites)) for f in range(1, args.sites + 1, args.batch)]
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool_:
        for first, last, seconds in pool_.map(lambda b: batch(*b), batches):
            done += last - first + 1
            elapsed = time.monotonic() - t0
            print(f"generate: sites {first}-{last}: {(last - first + 1) * args.articles} articles in {seconds:.1f} s "
                  f"({done * args.articles:,} so far, {done * args.articles / elapsed:,.0f}/s)", flush=True)
    load = time.monotonic() - t0
    print(f"generate: {args.sites * args.articles:,} articles and search documents loaded in {load:.1f} s", flush=True)

    t0 = time.monotonic()
    psql(url, "SET maintenance_work_mem = '1GB';\n" + "\n".join(defs))
    print(f"generate: secondary indexes rebuilt in {time.monotonic() - t0:.1f} s", flush=True)

    # Every instance's caches move on (a global change, as an import is).
    psql(url, """
        BEGIN;
        UPDATE content_version SET version = version + 1;
        INSERT INTO content_changes (version, site_id) SELECT version, NULL FROM content_version;
        COMMIT;
        DROP TABLE province_gen_communes, province_gen_titles, province_gen_sentences, province_gen_authors;
    """)
    t0 = time.monotonic()
    psql(url, "ANALYZE;")
    print(f"generate: ANALYZE in {time.monotonic() - t0:.1f} s", flush=True)
    size = psql(url, "SELECT pg_size_pretty(pg_database_size(current_database()))")
    counts = psql(url, "SELECT (SELECT count(*) FROM sites) || ' sites, ' || (SELECT count(*) FROM articles) || ' articles, '"
                       " || (SELECT count(*) FROM search_documents) || ' search documents'")
    print(f"generate: done in {time.monotonic() - started:.1f} s: {counts}; database size {size}", flush=True)


if __name__ == "__main__":
    main()
