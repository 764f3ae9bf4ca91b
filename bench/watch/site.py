#!/usr/bin/env python3
"""A local news site for the watcher benchmark: FEEDS RSS feeds of ITEMS pages each, on any
loopback address (127.0.0.K are K hosts to the watcher). Feeds carry an ETag and answer 304 to
a matching If-None-Match unless --no-etag (then every poll gets the whole feed again).
Usage: site.py PORT FEEDS ITEMS [--no-etag]"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, FEEDS, ITEMS = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ETAG = "--no-etag" not in sys.argv
WORDS = ("cảng biển đón thêm tàu hàng lượng hàng qua cảng tăng so với cùng kỳ năm trước "
         "ban quản lý cho biết sẽ mở rộng bến trong năm tới vốn đầu tư hơn trăm tỷ đồng").split()


def page(feed, item, host):
    body = " ".join(WORDS[(feed * 7 + item * 3 + i) % len(WORDS)] for i in range(120))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Tin {feed}-{item}</title>"
            f"<meta property='article:published_time' content='2025-12-24T08:00:00+07:00'>"
            f"<link rel='canonical' href='http://{host}/p/{feed}-{item}.html'></head><body><nav>Trang chủ</nav>"
            f"<h1>Tin số {item} của chuyên mục {feed}</h1><div class='article-body'><p>Bài {feed}-{item}: {body}.</p>"
            f"<p>Đoạn hai của bài {feed}-{item}, {body[:200]}.</p></div></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        host = self.headers.get("Host", "")
        if self.path == "/robots.txt":
            return self.send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if self.path.startswith("/feed/"):
            feed = int(self.path[6:].split(".")[0])
            tag = f'"feed-{feed}-v1"'
            if ETAG and self.headers.get("If-None-Match") == tag:
                return self.send(304)
            items = "".join(f"<item><title>Tin {feed}-{i}</title><link>http://{host}/p/{feed}-{i}.html</link>"
                            f"<pubDate>Wed, 24 Dec 2025 08:00:00 +0700</pubDate></item>" for i in range(ITEMS))
            body = f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Mục {feed}</title>{items}</channel></rss>"
            return self.send(200, body.encode(), "application/rss+xml", [("ETag", tag)] if ETAG else [])
        if self.path.startswith("/p/"):
            feed, item = self.path[3:].split(".")[0].split("-")
            return self.send(200, page(int(feed), int(item), host))
        self.send(404)


ThreadingHTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
