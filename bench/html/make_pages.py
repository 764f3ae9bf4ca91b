#!/usr/bin/env python3
"""Renders real Vietnamese news text (the dantri and vnds corpora) into synthetic news pages, in
the markup styles of twelve kinds of Vietnamese outlets, with the boilerplate a reader must drop,
and writes what a perfect reader would extract from each page (README.md beside this file).

Usage: make_pages.py CORPUS_DIR OUT_DIR [--n 400] [--seed 1]
Writes OUT_DIR/pages/NNNN.html and OUT_DIR/truth.jsonl. The pages hold corpus text: OUT_DIR must
be outside the repository (the default of run.sh is /tmp/bantin-html-bench)."""
import argparse
import html
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

ICT = timezone(timedelta(hours=7))

CATEGORIES = {"business": "Kinh doanh", "education": "Giáo dục", "entertainment": "Giải trí",
              "health": "Sức khỏe", "science": "Khoa học", "society": "Xã hội", "sport": "Thể thao",
              "tech": "Công nghệ", "travel": "Du lịch", "world": "Thế giới"}
MENU = ["Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Bất động sản", "Khoa học", "Giải trí",
        "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe", "Đời sống", "Du lịch", "Số hóa", "Xe",
        "Ý kiến", "Tâm sự", "Thư giãn", "Video", "Podcast", "Chính trị", "Xã hội", "Văn hóa",
        "Công nghệ", "Quân sự", "Bạn đọc", "Nhịp sống trẻ", "Tiêu dùng", "Nhà đất", "Chứng khoán",
        "Tài chính - Ngân hàng", "Doanh nghiệp", "Vĩ mô", "Lao động - Việc làm", "An sinh",
        "Môi trường", "Gia đình", "Sao Việt", "Âm nhạc", "Điện ảnh", "Bóng đá", "Ô tô - Xe máy",
        "Internet", "Tuyển sinh", "Media", "Magazine", "Infographic", "Tin ảnh"]
SUBSECTIONS = ["Tin tức", "Chuyên đề", "Phóng sự", "Tin nóng", "Điều tra", "Hồ sơ"]
CAPTIONS = ["Ảnh minh họa", "Ảnh minh họa. (Nguồn: Internet)", "Quang cảnh buổi làm việc. (Ảnh: TTXVN)",
            "Toàn cảnh hội nghị. Ảnh: Minh Đức", "Lực lượng chức năng có mặt tại hiện trường. Ảnh: CTV",
            "Người dân đi lại trên tuyến phố trung tâm. Ảnh: Hoàng Hà", "Các đại biểu tại buổi lễ. (Ảnh: Vietnam+)",
            "Hình ảnh được cắt từ clip.", "Ảnh: Tư liệu", "Một góc thành phố nhìn từ trên cao.",
            "Quang cảnh phiên tòa. Ảnh: Q.H", "Ảnh chụp màn hình.", "Đoàn công tác kiểm tra thực tế tại cơ sở. Ảnh: PV",
            "Ảnh: Reuters", "Ảnh: AFP", "Sản phẩm được trưng bày tại hội chợ. Ảnh: Thanh Tùng",
            "Học sinh trong giờ học. Ảnh minh họa: Nguyễn Hà", "Bệnh nhân được chăm sóc tại bệnh viện. (Ảnh: Bộ Y tế)",
            "Niềm vui sau trận đấu. Ảnh: Đức Anh", "Ảnh: Gia đình cung cấp"]
READ_MORE = ["Xem thêm:", "Đọc thêm:", ">> Xem thêm:", "Xem thêm >>", "Tin liên quan:"]
TAGS = ["Hà Nội", "TP.HCM", "Covid-19", "giá vàng", "chứng khoán", "bất động sản", "tai nạn giao thông",
        "thời tiết", "V-League", "tuyển sinh", "học phí", "bảo hiểm xã hội", "giá xăng", "lãi suất",
        "du lịch hè", "smartphone", "Quốc hội", "phòng chống dịch", "vaccine", "ẩm thực", "khởi nghiệp"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Lương", "Tạ", "Cao", "Chu", "Hà"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc", "Quốc", "Thu", "Hoàng", "Xuân", "Bảo",
          "Gia", "Kim", "Phương", "Hồng", "Anh", "Thùy"]
GIVEN = ["An", "Anh", "Bình", "Châu", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
         "Huy", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung",
         "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Trang", "Trung", "Tú",
         "Tuấn", "Vân", "Việt", "Yến"]
STREETS = ["Lê Duẩn", "Trần Hưng Đạo", "Nguyễn Du", "Hoàng Quốc Việt", "Lý Thường Kiệt", "Điện Biên Phủ",
           "Nguyễn Thị Minh Khai", "Phạm Văn Đồng", "Tôn Đức Thắng", "Bà Triệu"]
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "…": "&hellip;", "–": "&ndash;", "à": "&agrave;",
            "á": "&aacute;", "ê": "&ecirc;", "ô": "&ocirc;", "ư": "&#432;", "ộ": "&#7897;", "ế": "&#x1EBF;"}
METADATA = {"jsonld": 0.5, "og": 0.6, "published": 0.4, "canonical": 0.6, "time": 0.4}
PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
SCRIPTS = """<script>
  window.dataLayer = window.dataLayer || [];
  function track() { dataLayer.push(arguments); }
  track("page_view", { section: document.body.dataset.section || "detail" });
</script>
<script>
  document.querySelectorAll("img[data-src]").forEach(function (img) { img.src = img.dataset.src; });
</script>"""


class Outlet:
    def __init__(self, name, domain, path, date, img):
        self.name, self.domain, self.path, self.date, self.img = name, domain, path, date, img


# Per outlet: the name shown, the domain, its article path pattern, its visible date line, its image host.
OUTLETS = {
    "vnexpress": Outlet("VnExpress", "vnexpress.net", "/{slug}-{n}.html",
                        "{wd}, {d}/{m}/{Y}, {HH}:{MM} (GMT+7)", "i1-vnexpress.vnecdn.net"),
    "tuoitre": Outlet("Tuổi Trẻ Online", "tuoitre.vn", "/{slug}-{stamp}.htm",
                      "{dd}/{mm}/{Y} {HH}:{MM} GMT+7", "cdn.tuoitre.vn"),
    "thanhnien": Outlet("Báo Thanh Niên", "thanhnien.vn", "/{cat}/{slug}-post{n}.html",
                        "{HH}:{MM} - {dd}/{mm}/{Y}", "images2.thanhnien.vn"),
    "dantri": Outlet("Báo điện tử Dân trí", "dantri.com.vn", "/{cat}/{slug}-{stamp}.htm",
                     "{wd}, {dd}/{mm}/{Y} - {HH}:{MM}", "cdnphoto.dantri.com.vn"),
    "vietnamnet": Outlet("VietNamNet", "vietnamnet.vn", "/{cat}/{slug}-{n}.html",
                         "{dd}/{mm}/{Y} {HH}:{MM} (GMT+07:00)", "static.vietnamnet.vn"),
    "vietnamplus": Outlet("Vietnam+ (VietnamPlus)", "www.vietnamplus.vn", "/{slug}-post{n}.vnp",
                          "{Wd}, {dd}/{mm}/{Y} {HH}:{MM} (GMT+7)", "media.vietnamplus.vn"),
    "baoquocte": Outlet("Báo Quốc tế", "baoquocte.vn", "/{slug}-{n}.html",
                        "{HH}:{MM} | {dd}/{mm}/{Y}", "img.baoquocte.vn"),
    "nhandan": Outlet("Báo Nhân Dân", "nhandan.vn", "/{cat}/{slug}-post{n}.html",
                      "{Wd}, {dd}-{mm}-{Y}, {HH}:{MM}", "image.nhandan.vn"),
    "znews": Outlet("ZNEWS.VN", "znews.vn", "/{slug}-post{n}.html", "{HH}:{MM} {d}/{m}/{Y}", "znews-photo.zingcdn.me"),
    "laodong": Outlet("Báo Lao Động", "laodong.vn", "/{cat}/{slug}-{n}.ldo",
                      "{wd}, {dd}/{mm}/{Y} {HH}:{MM} (GMT+7)", "media.laodong.vn"),
    "cafef": Outlet("CafeF", "cafef.vn", "/{slug}-{stamp}.chn", "{dd}-{mm}-{Y} - {hh}:{MM} {ampm}", "cafefcdn.com"),
    "wordpress": Outlet("Tin Phố", "tinpho.example", "/{Y}/{mm}/{slug}/", "{d} tháng {m}, {Y}", "tinpho.example/wp-content/uploads"),
}


def slug(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return "-".join(re.findall(r"[a-z0-9]+", text)[:12]) or "bai-viet"


def attr(text):
    return html.escape(text, quote=True)


def person(rng):
    form = rng.random()
    if form < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
    if form < 0.8:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return f"{rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def sentences(paragraph):
    return re.split(r"(?<=[.!?])\s+", paragraph)


class Page:
    """One page being rendered: the article, its outlet, the page's random choices and the parts
    every template shares (head, menus, body, boilerplate boxes), with class names as arguments."""

    def __init__(self, art, template, pool, rng):
        self.art, self.pool, self.rng, self.o = art, pool, rng, OUTLETS[template]
        self.title, self.lead, self.paras = art["title"], art["lead"], art["paras"]
        self.when = self.article_time()
        self.cat = CATEGORIES.get(art["category"]) or rng.choice(sorted(CATEGORIES.values()))
        self.author = person(rng) if rng.random() < 0.8 else None
        self.url = self.link(self.title)
        self.meta = {k for k, p in METADATA.items() if rng.random() < p}
        self.utc = rng.random() < 0.3                    # metadata times in UTC ("Z"), else +07:00
        self.ents = rng.sample(sorted(ENTITIES), rng.randint(2, 4)) if rng.random() < 0.4 else []
        self.br = rng.random() < 0.1                     # body as <div>s with <br>s, not <p>s
        self.captions = []

    def article_time(self):
        rng = self.rng
        if self.art["date"]:
            day = datetime.fromisoformat(self.art["date"][:10])
        else:
            day = datetime(2016, 1, 1) + timedelta(days=rng.randrange(6 * 365 + 1))
        return day.replace(hour=rng.randrange(24), minute=rng.randrange(60), tzinfo=ICT)

    def link(self, title):
        t = self.when
        return "https://" + self.o.domain + self.o.path.format(
            slug=slug(title), cat=slug(self.cat), n=self.rng.randrange(100000, 9000000), Y=t.year,
            mm=f"{t.month:02d}", stamp=f"{t:%Y%m%d%H%M%S}{self.rng.randrange(1000):03d}")

    def iso(self, t):
        return f"{t.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}" if self.utc else t.isoformat()

    def esc(self, text):
        text = html.escape(text, quote=False)
        for ch in self.ents:
            text = text.replace(ch, ENTITIES[ch])
        return text

    def opt(self, fmt, text):
        """fmt with the escaped text, or nothing when the page has no such text (lead, author)."""
        return fmt.format(self.esc(text)) if text else ""

    def others(self, k):
        """k other articles of the corpora (for related boxes, most read lists, comments)."""
        picks = [a for a in self.rng.sample(self.pool, k + 1) if a["id"] != self.art["id"]]
        return picks[:k]

    # -- head and page frame

    def head(self, css):
        o, t = self.o, self.title
        desc = self.lead or self.paras[0][:160]
        lines = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
                 f"<title>{attr(t)}{self.rng.choice([' - ', ' | '])}{attr(o.name)}</title>",
                 f'<meta name="description" content="{attr(desc)}">']
        if "og" in self.meta:
            lines += [f'<meta property="og:{k}" content="{attr(v)}">' for k, v in [
                ("type", "article"), ("title", t), ("description", desc), ("site_name", o.name),
                ("url", self.url), ("image", self.image())]]
        if "published" in self.meta:
            lines.append(f'<meta property="article:published_time" content="{self.iso(self.when)}">')
        if "canonical" in self.meta:
            lines.append(f'<link rel="canonical" href="{self.url}">')
        if "jsonld" in self.meta:
            lines.append(self.jsonld(desc))
        lines += [f'<link rel="stylesheet" href="https://{o.domain}/static/css/main.min.css">', f"<style>{css}</style>"]
        return "\n".join(lines)

    def jsonld(self, desc):
        o = self.o
        publisher = {"@type": "Organization", "name": o.name, "url": f"https://{o.domain}/",
                     "logo": {"@type": "ImageObject", "url": f"https://{o.domain}/logo.png"}}
        article = {"@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage", "@id": self.url},
                   "headline": self.title, "description": desc, "image": [self.image()],
                   "datePublished": self.iso(self.when), "dateModified": self.iso(self.when + timedelta(minutes=37)),
                   "author": {"@type": "Person", "name": self.author} if self.author else publisher,
                   "publisher": publisher}
        if self.rng.random() < 0.35:
            crumbs = [{"@type": "ListItem", "position": 1, "name": self.cat, "item": f"https://{o.domain}/{slug(self.cat)}"}]
            doc = {"@context": "https://schema.org", "@graph": [
                publisher, {"@type": "WebPage", "@id": self.url, "url": self.url, "name": self.title},
                {"@type": "BreadcrumbList", "itemListElement": crumbs}, article]}
        else:
            doc = {"@context": "https://schema.org", **article}
        text = json.dumps(doc, ensure_ascii=False, indent=1).replace("</", "<\\/")
        return f'<script type="application/ld+json">\n{text}\n</script>'

    def doc(self, body_class, css, *parts):
        return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n{self.head(css)}\n</head>\n'
                f'<body class="{body_class}">\n' + "\n".join(p for p in parts if p) + f"\n{SCRIPTS}\n</body>\n</html>\n")

    def date(self, cls, tag="span", local=False):
        """The visible date line in the outlet's style, in a <time datetime> when the page has it
        (an ISO time, or with local=True the local "YYYY-MM-DD HH:MM")."""
        t = self.when
        text = self.o.date.format(
            wd=WEEKDAYS[t.weekday()], Wd=WEEKDAYS[t.weekday()].title(), d=t.day, m=t.month, dd=f"{t.day:02d}",
            mm=f"{t.month:02d}", Y=t.year, HH=f"{t.hour:02d}", MM=f"{t.minute:02d}", hh=f"{(t.hour + 11) % 12 + 1:02d}",
            ampm="AM" if t.hour < 12 else "PM")
        if "time" in self.meta:
            return f'<time class="{cls}" datetime="{f"{t:%Y-%m-%d %H:%M}" if local else self.iso(t)}">{text}</time>'
        return f'<{tag} class="{cls}">{text}</{tag}>'

    def image(self):
        return f"https://{self.o.img}/{self.when:%Y/%m/%d}/{slug(self.title)[:40]}-{self.rng.randrange(10**6)}.jpg"

    # -- boilerplate

    def menu(self, cls, ul=""):
        names = ["Trang chủ"] + self.rng.sample(MENU, self.rng.randint(14, 39))
        items = "".join(f'<li><a href="/{slug(n)}" title="{attr(n)}">{html.escape(n)}</a></li>' for n in names)
        return f'<nav class="{cls}"><ul class="{ul}">{items}</ul></nav>'

    def breadcrumb(self, cls, sep=None):
        names = (["Trang chủ"] if self.rng.random() < 0.6 else []) + [self.cat]
        if self.rng.random() < 0.3:
            names.append(self.rng.choice(SUBSECTIONS))
        links = [f'<a href="/{slug(n)}">{html.escape(n)}</a>' for n in names]
        if sep:
            return f'<div class="{cls}">' + f" {sep} ".join(links) + "</div>"
        return f'<ul class="{cls}">' + "".join(f"<li>{a}</li>" for a in links) + "</ul>"

    def ad(self, cls):
        zone = self.rng.choice(["top", "inpage", "middle", "right1", "sticky", "pr"])
        label = '<span class="ads-label">Quảng cáo</span>' if self.rng.random() < 0.5 else ""
        return (f'<div class="{cls}" id="ads-{zone}-{self.rng.randrange(1000, 9999)}">{label}<script>'
                f'(window.adsQueue = window.adsQueue || []).push({{ zone: "{zone}", sizes: [[300, 250], [728, 90]] }});'
                "</script></div>")

    def share(self, cls):
        u = self.url
        return (f'<div class="{cls}"><span>Chia sẻ</span> <a class="btn-fb" href="https://www.facebook.com/sharer/sharer.php?u={u}">'
                f'Facebook</a> <a class="btn-zalo" href="javascript:;">Zalo</a> <a class="btn-tw" href="https://twitter.com/intent/tweet?url={u}">'
                'Twitter</a> <a class="btn-copy" href="javascript:;">Sao chép liên kết</a></div>')

    def tags(self, cls, label="Từ khóa:"):
        links = " ".join(f'<a href="/tag/{slug(t)}.html">{html.escape(t)}</a>' for t in self.rng.sample(TAGS, self.rng.randint(3, 6)))
        return f'<div class="{cls}"><span class="tag-label">{label}</span> {links}</div>'

    def read_more(self):
        a = self.others(1)[0]
        label, u, t = html.escape(self.rng.choice(READ_MORE)), self.link(a["title"]), self.esc(a["title"])
        return self.rng.choice([f'<p><strong>{label}</strong> <a href="{u}">{t}</a></p>',
                                f'<p><a href="{u}"><strong>{label} {t}</strong></a></p>',
                                f'<p class="read-more">{label} <a href="{u}"><em>{t}</em></a></p>'])

    def related(self, cls, heading):
        items = "".join(f'<li><a href="{self.link(a["title"])}">{self.esc(a["title"])}</a></li>'
                        for a in self.others(self.rng.randint(2, 4)))
        return f'<div class="{cls}"><strong class="related-title">{heading}</strong><ul>{items}</ul></div>'

    def most_read(self, cls, heading, ordered=False):
        items = "".join(f'<li><a class="thumb" href="{u}"><img src="{self.image()}" alt=""></a>'
                        f'<h3><a href="{u}" title="{attr(a["title"])}">{self.esc(a["title"])}</a></h3></li>'
                        for a in self.others(self.rng.randint(5, 10)) for u in [self.link(a["title"])])
        lst = "ol" if ordered else "ul"
        return f'<div class="{cls}"><h2 class="box-title">{heading}</h2><{lst}>{items}</{lst}></div>'

    def comments(self, cls, item="comment-item", heading="Ý kiến"):
        rng, items = self.rng, []
        for a in self.others(rng.randint(2, 6)):
            sents = sentences(rng.choice(a["paras"]))
            i = rng.randrange(len(sents))
            items.append(f'<div class="{item}"><div class="user-info"><strong class="name">{person(rng)}</strong> '
                         f'<span class="time">{rng.randint(1, 23)} giờ trước</span></div>'
                         f'<p class="content">{self.esc(" ".join(sents[i:i + rng.randint(1, 2)]))}</p>'
                         '<div class="actions"><a href="javascript:;">Thích</a> <a href="javascript:;">Trả lời</a></div></div>')
        return (f'<div class="{cls}" id="comments"><h3 class="comment-title">{heading} ({len(items)})</h3>'
                '<form class="comment-form"><textarea placeholder="Chia sẻ ý kiến của bạn"></textarea>'
                '<button type="submit">Gửi bình luận</button></form>' + "".join(items) + "</div>")

    def newsletter(self, cls):
        return (f'<div class="{cls}"><h4>Đăng ký nhận bản tin</h4><p>Nhận tin tức nổi bật mỗi sáng qua email của bạn.</p>'
                '<form><input type="email" placeholder="Địa chỉ email"><button type="submit">Đăng ký</button></form></div>')

    def footer(self, cls, tag="footer"):
        rng, o = self.rng, self.o
        lines = [f"Giấy phép số {rng.randint(10, 600)}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2010, 2019)}",
                 f"Tổng biên tập: {person(rng)}",
                 f"Địa chỉ: Số {rng.randint(1, 300)} {rng.choice(STREETS)}, {rng.choice(['Hà Nội', 'TP. Hồ Chí Minh', 'Đà Nẵng'])}",
                 f"Điện thoại: 024.{rng.randint(3000, 3999)}.{rng.randint(1000, 9999)} - Email: toasoan@{o.domain}",
                 f"© {self.when.year} {o.name}. Mọi quyền được bảo lưu. Không sao chép khi chưa có sự đồng ý bằng văn bản."]
        return f'<{tag} class="{cls}"><div class="footer-logo">{html.escape(o.name)}</div>' + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + f"</{tag}>"

    # -- the article body

    def inline(self, text):
        """A paragraph's markup: escaped, and in one paragraph in four a run of words in <strong>,
        <em>, <b> or a link (tags at word boundaries, so the visible text is the paragraph's)."""
        words = text.split(" ")
        if len(words) < 8 or self.rng.random() > 0.25:
            return self.esc(text)
        i = self.rng.randrange(len(words) - 4)
        j = i + self.rng.randint(1, 4)
        tag = self.rng.choice(["strong", "em", "b", "a"])
        start = f'<a href="{self.link(" ".join(words[i:j]))}">' if tag == "a" else f"<{tag}>"
        return " ".join([self.esc(" ".join(words[:i])), start + self.esc(" ".join(words[i:j])) + f"</{tag}>",
                         self.esc(" ".join(words[j:]))]).strip()

    def body(self, photo, p="<p>", author=None, related=None, ad=None):
        """The body's markup: the paragraphs (as `p` elements, or now and then one <div> with <br>s
        per run) with, between them, 0-2 photos (photo(src, alt, caption) gives the markup), 0-2
        read-more lines, maybe a related box (class and heading) and an ad slot (class); then the
        author line (author(name) gives the markup) when the template puts it at the end."""
        rng, n = self.rng, len(self.paras)
        extras = defaultdict(list)  # paragraph index -> markup placed just before it
        for _ in range(rng.choice([0, 1, 1, 2])):
            caption = rng.choice(CAPTIONS)
            self.captions.append(caption)
            extras[rng.randint(1, n - 1)].append(photo(self.image(), attr(caption), self.esc(caption)))
        for _ in range(rng.choice([0, 0, 1, 2])):
            extras[rng.randint(1, n - 1)].append(self.read_more())
        if related and rng.random() < 0.5:
            extras[rng.randint(n // 2, n - 1)].append(self.related(*related))
        if ad and rng.random() < 0.6:
            extras[rng.randint(1, n - 1)].append(self.ad(ad))
        out, run = [], []
        for i, para in enumerate(self.paras + [None]):
            if run and (para is None or extras[i]):
                sep = rng.choice(["<br>\n", "<br><br>\n", "<br>\n<br>\n"])
                out += [f'<div class="text">{sep.join(run)}</div>'] if self.br else [f"{p}{x}</p>" for x in run]
                run = []
            out += extras[i]
            if para is not None:
                run.append(self.inline(para))
        if author and self.author:
            out.append(author(self.esc(self.author)))
        return "\n".join(out)


# -- the templates: one function per outlet style, each a page from the shared parts

TEMPLATES = {}


def template(fn):
    TEMPLATES[fn.__name__] = fn
    return fn


@template
def vnexpress(pg):
    def photo(src, alt, cap):
        if pg.rng.random() < 0.5:
            return (f'<figure class="tplCaption"><div class="fig-picture"><picture><img itemprop="contentUrl" alt="{alt}" '
                    f'src="{PIXEL}" data-src="{src}"></picture></div><figcaption itemprop="description"><p class="Image">{cap}</p></figcaption></figure>')
        return (f'<table align="center" class="tplCaption" border="0" cellpadding="3" cellspacing="0"><tbody><tr><td>'
                f'<img alt="{alt}" src="{src}"></td></tr><tr><td><p class="Image">{cap}</p></td></tr></tbody></table>')
    return pg.doc(
        "page-detail", ".title-detail{font-size:32px}.fck_detail p.Normal{margin:0 0 1em}",
        f'<header class="section header"><div class="width_common"><a class="logo" href="/">{pg.o.name}</a></div>{pg.menu("main-nav", "parent")}</header>',
        pg.ad("banner-ads top_banner"),
        '<section class="section page-detail top-detail"><div class="container flexbox"><div class="sidebar-1">',
        f'<div class="header-content width_common">{pg.breadcrumb("breadcrumb")}{pg.date("date")}</div>',
        f'<h1 class="title-detail">{pg.esc(pg.title)}</h1>',
        pg.opt('<p class="description">{}</p>', pg.lead),
        '<article class="fck_detail ">',
        pg.body(photo, '<p class="Normal">', author=lambda a: f'<p class="Normal" style="text-align:right;"><strong>{a}</strong></p>',
                ad="banner-ads inpage"),
        "</article>",
        pg.tags("tags", "Tags:"), pg.share("social_pin"),
        pg.comments("box_comment_vne width_common", "comment_item", "Ý kiến"),
        '</div><div class="sidebar-2">', pg.ad("banner-ads right_banner"),
        pg.most_read("box-category box-most-read", "Xem nhiều"), pg.newsletter("box-newsletter"),
        "</div></div></section>", pg.footer("footer"))


@template
def tuoitre(pg):
    def photo(src, alt, cap):
        return (f'<figure class="VCSortableInPreviewMode" type="Photo"><div><a href="{src}" class="detail-img-lightbox">'
                f'<img src="{src}" alt="{alt}" class="lightbox-content"></a></div>'
                f'<figcaption class="PhotoCMS_Caption"><p data-placeholder="Nhập chú thích ảnh">{cap}</p></figcaption></figure>')
    byline_top = pg.rng.random() < 0.5
    author = pg.opt('<div class="detail-author"><div class="author-info"><a class="name" href="/tac-gia.htm">{}</a></div></div>', pg.author)
    return pg.doc(
        "detail", ".detail-title{font-size:34px}.detail-sapo{font-weight:700}",
        f'<div class="header__nav">{pg.menu("menu-nav", "menu-ul")}</div>', pg.ad("ads-top"),
        '<div class="detail__section"><div class="detail__cmain"><div class="detail-top">',
        pg.breadcrumb("detail-cate", "›"), f'<div class="detail-time">{pg.date("", "div")}</div></div>',
        f'<h1 class="detail-title article-title" data-role="title">{pg.esc(pg.title)}</h1>',
        author if byline_top else "",
        pg.opt('<h2 class="detail-sapo" data-role="sapo">{}</h2>', pg.lead),
        '<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content" itemprop="articleBody">',
        pg.body(photo, related=("VCSortableInPreviewMode kbwscwl-relatedbox", "TIN LIÊN QUAN"), ad="ads-inpage"),
        "</div></div>", "" if byline_top else author,
        pg.share("detail-social"), pg.tags("detail-tab", "TỪ KHÓA:"),
        pg.comments("detail-comment", "item-comment", "Bình luận"),
        '</div><div class="detail__sidebar">', pg.most_read("box-most-view", "Đọc nhiều", ordered=True),
        pg.newsletter("box-newsletter"), "</div></div>", pg.footer("footer"))


@template
def thanhnien(pg):
    def photo(src, alt, cap):
        return (f'<table class="imagefull" cellspacing="0" cellpadding="0"><tbody><tr><td><img src="{src}" alt="{alt}" '
                f'title="{alt}"></td></tr><tr><td class="caption"><p>{cap}</p></td></tr></tbody></table>')
    return pg.doc(
        "details-page", ".details__headline{font-size:30px}.sapo{font-weight:700}",
        f'<header class="site-header">{pg.menu("site-header__nav", "menu")}</header>',
        '<div class="l-content"><div class="details">', pg.breadcrumb("details__breadcrumbs", "/"),
        f'<h1 class="details__headline cms-title">{pg.esc(pg.title)}</h1>',
        f'<div class="details__meta"><div class="meta">{pg.date("time")}</div>'
        + pg.opt('<div class="details__author"><a class="author" href="/tac-gia.html" rel="author">{}</a></div>', pg.author) + "</div>",
        pg.opt('<div class="sapo cms-desc"><div>{}</div></div>', pg.lead),
        '<div id="abody" class="cms-body detail">',
        pg.body(photo, related=("details__morenews", "Tin liên quan"), ad="ads-in-article"),
        "</div>", pg.tags("details__tags", "Tags"), pg.share("details__share"),
        pg.comments("details__comments", "comment-item", "Bình luận"), "</div>",
        '<aside class="l-sidebar">', pg.ad("ads-sidebar"), pg.most_read("box-most-viewed", "Xem nhiều nhất"),
        pg.newsletter("newsletter-box"), "</aside></div>", pg.footer("site-footer"))


@template
def dantri(pg):
    def photo(src, alt, cap):
        return (f'<figure class="image align-center" contenteditable="false"><img title="{alt}" src="{src}" alt="{alt}" '
                f'data-width="1280" data-height="853"><figcaption><p>{cap}</p></figcaption></figure>')
    return pg.doc(
        "singular", ".title-page{font-size:32px}.singular-sapo{font-weight:700}",
        f'<header class="site-header">{pg.menu("menu-wrap", "menu-list")}</header>', pg.ad("dt-ad ad-top"),
        '<main class="body-container"><div class="grid-container"><article class="singular-container">',
        pg.breadcrumb("dt-breadcrumb"), f'<h1 class="title-page detail">{pg.esc(pg.title)}</h1>',
        '<div class="author-wrap"><div class="author-meta">'
        + pg.opt('<div class="author-name"><a href="/tac-gia.htm"><b>{}</b></a></div>', pg.author)
        + pg.date("author-time", local=True) + "</div></div>",
        pg.opt('<h2 class="singular-sapo">{}</h2>', pg.lead),
        '<div class="singular-content">', pg.body(photo, ad="dt-ad ad-inarticle"), "</div>",
        pg.tags("tags-wrap", "Tags:"), pg.share("dt-social"), "</article>",
        '<aside class="sidebar">', pg.most_read("article-list article-list--popular", "Tin nổi bật"),
        pg.newsletter("dt-newsletter"), "</aside>",
        pg.comments("comment-wrap", "comment-item", "Bình luận"), "</div></main>", pg.footer("dt-footer"))


@template
def vietnamnet(pg):
    def photo(src, alt, cap):
        return (f'<table class="FCKImage" align="center" border="0" cellpadding="3" cellspacing="0"><tbody>'
                f'<tr><td><img src="{src}" alt="{alt}"></td></tr><tr><td class="image_desc">{cap}</td></tr></tbody></table>')
    return pg.doc(
        "detail-page", ".content-detail-title{font-size:30px}",
        f'<div class="header">{pg.menu("mainNav", "mainNav__list")}</div>',
        '<div class="container"><div class="content-detail">',
        f'<div class="bread-crumb-detail">{pg.breadcrumb("bread-crumb-detail__list")}{pg.date("bread-crumb-detail__time", "div")}</div>',
        f'<h1 class="content-detail-title">{pg.esc(pg.title)}</h1>',
        pg.opt('<h2 class="content-detail-sapo sm-sapo-mb-0">{}</h2>', pg.lead),
        '<div class="maincontent main-content" id="maincontent">',
        pg.body(photo, author=lambda a: f'<p style="text-align: right;"><strong>{a}</strong></p>',
                related=("article-relate", "Tin liên quan"), ad="ads-inread"),
        "</div>", pg.tags("article-detail-tags", "Từ khóa:"), pg.share("vnn-share"),
        pg.comments("comment-vnn", "comment-item", "Bình luận"),
        '</div><div class="sidebar-right">', pg.most_read("box-most-read", "Đọc nhiều"), pg.ad("ads-right"),
        pg.newsletter("newsletter-vnn"), "</div></div>", pg.footer("footer"))


@template
def vietnamplus(pg):
    def photo(src, alt, cap):
        return (f'<figure class="picture"><img class="cms-photo" src="{src}" alt="{alt}" data-photo-original-src="{src}">'
                f'<figcaption class="caption"><em>{cap}</em></figcaption></figure>')
    return pg.doc(
        "article-page", ".details__headline{font-size:32px}.details__summary{font-weight:700}",
        f'<header class="header">{pg.menu("main-menu", "menu")}</header>', pg.ad("ads-header"),
        '<div class="container"><div class="col-left"><div class="article">',
        pg.breadcrumb("breadcrumb", "»"),
        f'<h1 class="details__headline cms-title">{pg.esc(pg.title)}</h1>',
        f'<div class="details__meta"><div class="meta">{pg.date("time")}</div>'
        + pg.opt('<div class="details__author"><span class="name cms-author">{}</span></div>', pg.author) + "</div>",
        pg.opt('<div class="details__summary cms-desc">{}</div>', pg.lead),
        '<div class="article__body zce-content-body cms-body" itemprop="articleBody">',
        pg.body(photo, related=("story--related", "Xem thêm"), ad="ads-inpage"),
        "</div>", pg.share("details__share"), pg.tags("details__tags", "Tags:"),
        pg.comments("details__comment", "comment-item", "Ý kiến bạn đọc"), '</div></div><div class="col-right">', pg.most_read("box-popular", "Đọc nhiều nhất", ordered=True),
        pg.newsletter("box-subscribe"), "</div></div>", pg.footer("footer"))


@template
def baoquocte(pg):
    def photo(src, alt, cap):
        return (f'<table class="picture" align="center"><tbody><tr><td class="pic"><img src="{src}" alt="{alt}"></td></tr>'
                f'<tr><td class="caption"><p>{cap}</p></td></tr></tbody></table>')
    related = "".join(f'<li><a href="{pg.link(a["title"])}">{pg.esc(a["title"])}</a></li>' for a in pg.others(pg.rng.randint(3, 6)))
    return pg.doc(
        "detail", ".article-detail-title{font-size:28px}",
        f'<div id="header">{pg.menu("main-menu", "menu-list")}</div>', pg.ad("banner-top"),
        '<div class="container"><div class="main-column">', pg.breadcrumb("breadcrumbs", "›"),
        '<div class="article-detail">', f'<h1 class="article-detail-title">{pg.esc(pg.title)}</h1>',
        f'<div class="article-detail-date"><span class="ico-clock"></span> {pg.date("date")}</div>',
        pg.opt('<div class="article-detail-desc">{}</div>', pg.lead),
        '<div class="article-detail-content __MASTERCMS_CONTENT">',
        pg.body(photo, author=lambda a: f'<p style="text-align: right;"><strong>{a}</strong></p>', ad="ads-center"),
        "</div>", pg.share("article-detail-share"), pg.tags("article-detail-tags", "Tags:"), "</div>",
        f'<div class="article-same-category"><h3>Tin cùng chuyên mục</h3><ul>{related}</ul></div>',
        pg.comments("box-comment", "comment-item", "Ý kiến bạn đọc"), '</div><div class="sidebar">',
        pg.most_read("box-hot-news", "Tin nổi bật"), pg.newsletter("box-newsletter"), "</div></div>", pg.footer("footer"))


@template
def nhandan(pg):
    def photo(src, alt, cap):
        return f'<figure class="image"><img src="{src}" alt="{alt}"><figcaption class="caption">{cap}</figcaption></figure>'
    return pg.doc(
        "article-detail", ".article__title{font-size:30px}.article__sapo{font-weight:700}",
        f'<header class="header">{pg.menu("header__nav", "nav-list")}</header>', pg.ad("ads-top"),
        '<div class="main-content"><div class="article article--detail">', pg.breadcrumb("box-breadcrumb"),
        f'<h1 class="article__title cms-title">{pg.esc(pg.title)}</h1>',
        f'<div class="article__meta">{pg.date("time")}</div>',
        pg.opt('<div class="article__sapo cms-desc">{}</div>', pg.lead),
        '<div class="article__body cms-body">',
        pg.body(photo, author=lambda a: f'<p class="article__author cms-author"><strong>{a}</strong></p>',
                related=("box-related", "Bài liên quan"), ad="ads-in-body"),
        "</div>", pg.tags("article__tag", "Từ khóa"), pg.share("article__social"),
        pg.comments("article__comment", "comment", "Bình luận"), "</div>",
        '<div class="sidebar">', pg.most_read("box-most-read", "Đọc nhiều"), pg.newsletter("box-newsletter"),
        "</div></div>", pg.footer("footer"))


@template
def znews(pg):
    def photo(src, alt, cap):
        return (f'<table class="picture" align="center"><tbody><tr><td class="pic"><img src="{src}" alt="{alt}" '
                f'data-src="{src}"></td></tr><tr><td class="pCaption caption"><p>{cap}</p></td></tr></tbody></table>')
    return pg.doc(
        "article-page", ".the-article-title{font-size:32px}.the-article-summary{font-weight:700}",
        f'<header id="zheader">{pg.menu("site-nav", "category-nav")}</header>', pg.ad("ads-leaderboard"),
        '<div class="page-wrapper"><article class="the-article"><header class="the-article-header">',
        pg.breadcrumb("the-article-category", "›"), f'<h1 class="the-article-title">{pg.esc(pg.title)}</h1>',
        '<ul class="the-article-meta">'
        + pg.opt('<li class="the-article-author"><a href="/tac-gia.html">{}</a></li>', pg.author)
        + f'<li class="the-article-publish">{pg.date("")}</li></ul></header>',
        '<section class="main">', pg.opt('<p class="the-article-summary">{}</p>', pg.lead),
        '<div class="the-article-body">', pg.body(photo, related=("inner-article", "Đọc thêm"), ad="ads-inread"),
        "</div></section>", pg.tags("the-article-tags", "Tags:"), pg.share("the-article-social"), "</article>",
        pg.comments("article-comment", "comment", "Bình luận"),
        '<aside class="sidebar">', pg.most_read("most-read", "Đọc nhiều", ordered=True), pg.newsletter("newsletter"), "</aside></div>",
        pg.footer("site-footer"))


@template
def laodong(pg):
    def photo(src, alt, cap):
        return f'<figure class="insert-center-image"><img src="{src}" alt="{alt}"><figcaption>{cap}</figcaption></figure>'
    return pg.doc(
        "article", ".title{font-size:30px}.chappeau{font-weight:700}",
        f'<div class="header">{pg.menu("menu", "main-menu")}</div>', pg.ad("ads-top"),
        '<div class="wrapper">', pg.breadcrumb("breadcrumbs", "»"),
        '<div class="article-detail"><div class="detail-content">', f'<h1 class="title">{pg.esc(pg.title)}</h1>',
        '<div class="meta">' + pg.opt('<div class="author"><span>{}</span></div>', pg.author) + f'<span class="time">{pg.date("")}</span></div>',
        pg.opt('<div class="chappeau"><p>{}</p></div>', pg.lead),
        '<div class="art-body">', pg.body(photo, related=("related-news", "Tin liên quan"), ad="ads-art"), "</div>",
        pg.tags("tags", "Tags:"), pg.share("social"),
        pg.comments("comment-box", "comment-item", "Bình luận"), "</div></div>",
        '<div class="sidebar">', pg.most_read("list-most-read", "Tin đọc nhiều"), pg.newsletter("newsletter"),
        "</div></div>", pg.footer("footer"))


@template
def cafef(pg):
    def photo(src, alt, cap):
        return (f'<div class="VCSortableInPreviewMode" type="Photo"><div><a href="{src}"><img src="{src}" alt="{alt}"></a></div>'
                f'<div class="PhotoCMS_Caption"><p data-placeholder="[nhập chú thích]">{cap}</p></div></div>')
    same = "".join(f'<li><a href="{pg.link(a["title"])}">{pg.esc(a["title"])}</a></li>' for a in pg.others(pg.rng.randint(3, 6)))
    return pg.doc(
        "detail", ".title{font-size:28px}.sapo{font-weight:700}",
        f'<div class="header">{pg.menu("menu_cate", "menu")}</div>', pg.ad("adm-top"),
        '<div class="left_cate totalcontentdetail">',
        f'<div class="dateandcat"><a class="cat" href="/{slug(pg.cat)}.chn">{pg.cat}</a> {pg.date("pdate")}</div>',
        f'<h1 class="title" data-role="title">{pg.esc(pg.title)}</h1>',
        pg.opt('<h2 class="sapo" data-role="sapo">{}</h2>', pg.lead),
        '<div class="contentdetail"><div id="mainContent" class="detail-content afcbc-body" data-role="content">',
        pg.body(photo, related=("VCSortableInPreviewMode link-content-footer", "Xem thêm"), ad="adm-inpage"),
        "</div></div>", pg.opt('<p class="author">{}</p>', pg.author),
        pg.tags("tagdetail", "Từ khóa:"), pg.share("social-share"),
        f'<div class="boxtinlienquan"><h3>Tin cùng chuyên mục</h3><ul>{same}</ul></div>',
        pg.comments("box-comment", "item", "Ý kiến"), "</div>",
        '<div class="right_cate">', pg.most_read("box-doc-nhieu", "Đọc nhiều"), pg.newsletter("box-newsletter"), "</div>", pg.footer("footer"))


@template
def wordpress(pg):
    def photo(src, alt, cap):
        if pg.rng.random() < 0.5:
            return (f'<figure class="wp-block-image size-large"><img loading="lazy" src="{src}" alt="{alt}" class="wp-image-{pg.rng.randrange(9999)}">'
                    f'<figcaption class="wp-element-caption">{cap}</figcaption></figure>')
        return (f'<div class="wp-caption aligncenter" style="width: 810px"><img class="size-full" src="{src}" alt="{alt}" width="800">'
                f'<p class="wp-caption-text">{cap}</p></div>')
    n = pg.rng.randrange(1000, 99999)
    byline = pg.opt(' <span class="byline">bởi <span class="author vcard"><a class="url fn n" href="/author/">{}</a></span></span>', pg.author)
    crumbs = f'<nav class="breadcrumbs"><a href="/">Trang chủ</a> » <a href="/{slug(pg.cat)}/">{pg.cat}</a> » <span class="breadcrumb_last">{pg.esc(pg.title)}</span></nav>'
    return pg.doc(
        f"post-template-default single single-post postid-{n} single-format-standard", ".entry-title{font-size:2em}",
        '<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding">'
        f'<p class="site-title"><a href="/" rel="home">{pg.o.name}</a></p><p class="site-description">Tin tức cập nhật 24/7</p></div>'
        f'{pg.menu("main-navigation", "menu")}</header>',
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">', crumbs,
        f'<article id="post-{n}" class="post-{n} post type-post status-publish format-standard has-post-thumbnail hentry category-{slug(pg.cat)}">',
        f'<header class="entry-header"><h1 class="entry-title">{pg.esc(pg.title)}</h1><div class="entry-meta">'
        f'<span class="posted-on"><a href="{pg.url}" rel="bookmark">{pg.date("entry-date published")}</a></span>{byline}</div></header>',
        '<div class="entry-content">', pg.opt('<p class="sapo"><strong>{}</strong></p>', pg.lead),
        pg.body(photo, related=("jp-relatedposts", "Bài viết liên quan"), ad="code-block code-block-2"),
        pg.share("sharedaddy sd-sharing-enabled"), "</div>",
        pg.tags("entry-footer", "Thẻ:"), "</article>",
        pg.comments("comments-area", "comment-body", "bình luận"), "</main></div>",
        '<aside id="secondary" class="widget-area">', pg.most_read("widget widget_recent_entries", "Bài viết mới"),
        pg.newsletter("widget widget_newsletter"), pg.ad("widget widget_custom_html"), "</aside></div>", pg.footer("site-footer", "footer"), "</div>")


def read_zst(path):
    try:
        import zstandard
    except ImportError:
        return subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout.decode("utf-8")
    with open(path, "rb") as f:
        return zstandard.ZstdDecompressor().stream_reader(f, read_across_frames=True).read().decode("utf-8")


def load(path):
    """The corpus's articles that have a title and 3 or more body paragraphs, whitespace collapsed."""
    arts = []
    for line in read_zst(path).split("\n"):  # not splitlines(): the texts hold U+2028
        if not line.strip():
            continue
        a = json.loads(line)
        paras = [" ".join(p.split()) for p in (a.get("body") or "").split("\n")]
        paras = [p for p in paras if p]
        title = " ".join((a.get("title") or "").split())
        if title and len(paras) >= 3:
            arts.append({"id": a["id"], "title": title, "lead": " ".join((a.get("lead") or "").split()),
                         "paras": paras, "date": a.get("date"), "category": a.get("category")})
    return arts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    out, repo = Path(args.out_dir).resolve(), Path(__file__).resolve().parents[2]
    if out == repo or repo in out.parents:
        sys.exit(f"make_pages: {out} is inside the repository; the pages hold corpus text, write them elsewhere")

    corpora = [load(Path(args.corpus_dir) / f"{name}.jsonl.zst") for name in ("dantri", "vnds")]
    rng = random.Random(args.seed)
    picks = rng.sample(corpora[0], args.n // 2) + rng.sample(corpora[1], args.n - args.n // 2)
    rng.shuffle(picks)
    pool = corpora[0] + corpora[1]

    pages = out / "pages"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    names, size = sorted(TEMPLATES), 0
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        for i, art in enumerate(picks):
            name = names[i % len(names)]
            pg = Page(art, name, pool, random.Random(f"{args.seed}:{i}"))
            page = TEMPLATES[name](pg)
            file = f"{i:04d}.html"
            size += (pages / file).write_bytes(page.encode("utf-8"))
            truth.write(json.dumps({
                "file": file, "id": art["id"], "template": name, "title": pg.title, "lead": pg.lead,
                "body": pg.paras, "captions": pg.captions, "date": pg.when.date().isoformat(),
                "url": pg.url if pg.meta & {"og", "canonical", "jsonld"} else None,
                "source": pg.o.name, "author": pg.author}, ensure_ascii=False) + "\n")
    print(f"make_pages: {len(picks)} pages ({size / 1e6:.1f} MB, {len(names)} templates) in {pages}", file=sys.stderr)


if __name__ == "__main__":
    main()
