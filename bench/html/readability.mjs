// Mozilla Readability, the anchor of the HTML reader benchmark: reads every page of PAGES_DIR
// and writes one JSON line per page: file, title, text (the article's text, one paragraph a
// line), published (Readability's publishedTime), byline and ms (parse + extraction time).
// Usage: node readability.mjs PAGES_DIR OUT.jsonl
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";

// Elements whose boundaries end a line of text (textContent alone would glue their words).
const BLOCKS = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "CAPTION", "DD", "DIV", "DL",
  "DT", "FIGCAPTION", "FIGURE", "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN",
  "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL"]);

function paragraphs(root) {
  const parts = [];
  (function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) parts.push(child.data.replace(/\s+/g, " "));
      if (child.nodeType !== 1) continue;
      const block = BLOCKS.has(child.tagName);
      if (block) parts.push("\n");
      walk(child);
      if (block) parts.push("\n");
    }
  })(root);
  return parts.join("").split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n");
}

function canonical(html) {
  const link = html.match(/<link\b[^>]*\brel=["']?canonical\b[^>]*>/i);
  return link?.[0].match(/\bhref=["']([^"']+)["']/i)?.[1];
}

const [pagesDir, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node readability.mjs PAGES_DIR OUT.jsonl");
  process.exit(2);
}
const quiet = new VirtualConsole(); // pages' CSS and script noise is not ours to print
const lines = [];
for (const file of readdirSync(pagesDir).filter((f) => f.endsWith(".html")).sort()) {
  const html = readFileSync(join(pagesDir, file), "utf8");
  const start = performance.now();
  const dom = new JSDOM(html, { url: canonical(html) ?? `https://example.com/${file}`, virtualConsole: quiet });
  const article = new Readability(dom.window.document, { serializer: (el) => el }).parse();
  const text = article ? paragraphs(article.content) : "";
  const ms = performance.now() - start;
  lines.push(JSON.stringify({ file, title: article?.title ?? null, text, published: article?.publishedTime ?? null,
    byline: article?.byline ?? null, ms: Math.round(ms * 100) / 100 }));
  dom.window.close();
}
writeFileSync(outPath, lines.join("\n") + "\n");
