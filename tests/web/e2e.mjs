// End-to-end test of the web page as a person uses it, in headless Chromium:
// ingest the seeds, search "dam phan nga my" typed without diacritics, open an article, see its
// entities highlighted at the right places, open its story, see the timeline.
// Usage: node tests/web/e2e.mjs BANTIN_BINARY SEEDS_DIR WEB_DIR OUT_DIR
// Exit 0: passed; 1: failed; 77: skipped (no Chromium or no seeds).
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const [bantin, seeds, web, out] = process.argv.slice(2);
const chromium = "/usr/bin/chromium";
if (!existsSync(chromium)) { console.log("SKIP: /usr/bin/chromium not installed"); process.exit(77); }
if (!existsSync(seeds)) { console.log(`SKIP: ${seeds} not present`); process.exit(77); }
let chromiumApi;
try { chromiumApi = (await import("playwright-core")).chromium; } catch {
  console.log("SKIP: playwright-core not installed (npm install --prefix tests/web)"); process.exit(77);
}

const db = join(out, "db");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(bantin, ["ingest", "--quiet", "--db", db, "--date", "2025-04-10", seeds]);
// A web page (written for the tests in an outlet's markup): its hits link to the original.
execFileSync(bantin, ["ingest", "--quiet", "--db", db, join(web, "..", "src", "web", "testdata", "pages", "vnexpress.html")]);

const server = spawn(bantin, ["serve", "--db", db, "--port", "0", "--web", web], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise((resolve, reject) => {
  let err = "";
  server.stderr.on("data", (d) => {
    err += d;
    const m = err.match(/on (http:\/\/[\d.]+:\d+)\//);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`bantin serve exited (${code}): ${err}`)));
});

const check = (ok, what) => { if (!ok) throw new Error("FAILED: " + what); console.log("ok - " + what); };
const browser = await chromiumApi.launch({ executablePath: chromium, args: ["--no-sandbox"] });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/");

  // Search as you type, without diacritics.
  await page.locator("#q").pressSequentially("dam phan nga my", { delay: 30 });
  await page.locator(".hit").first().waitFor();
  const hits = await page.locator(".hit").count();
  check(hits === 2, `typing "dam phan nga my" lists both seeds (${hits} hits)`);
  check((await page.locator(".hit mark").count()) > 0, "snippets highlight the matched words");
  await page.screenshot({ path: join(out, "1-search.png"), fullPage: true });

  // Open the article about the Istanbul talks; its entities are highlighted where they stand.
  await page.locator(".hit h3 a", { hasText: "di sản độc hại" }).click();
  await page.locator("article.full .ent").first().waitFor();
  const ents = await page.locator("article.full .ent").evaluateAll((els) => els.map((e) => ({ text: e.textContent, type: e.dataset.type, title: e.title })));
  check(ents.length >= 10, `the article shows its entities (${ents.length})`);
  check(ents.some((e) => e.type === "LOC" && e.text === "Istanbul"), "Istanbul is highlighted as a place");
  check(ents.some((e) => e.type === "PER" && e.text === "Maria Zakharova"), "Maria Zakharova is highlighted as a person");
  check(ents.some((e) => e.text === "Nga" && e.title === "LOC · Nga"), "places carry their canonical names");
  check(!ents.some((e) => /Russia|United States|Moscow/.test(e.title)), "canonical names are Vietnamese, not English");
  check((await page.locator("article.full .date").count()) > 0, "dates are highlighted");
  const text = await page.locator("article.full").textContent();
  check(text.includes("Các phái đoàn ngoại giao của Nga và Mỹ đã gặp nhau tại Istanbul"), "the article's text is whole");
  await page.screenshot({ path: join(out, "2-article.png"), fullPage: true });

  // Its story: both seeds, the timeline drawn as a picture and listed in date order.
  await page.locator("a", { hasText: "Theo dòng sự kiện" }).click();
  await page.locator("svg.timeline").waitFor();
  const marks = await page.locator("svg.timeline circle").count();
  check(marks >= 5, `the timeline picture has its marks (${marks})`);
  const items = await page.locator("ol.timeline-list li").allTextContents();
  const at = (d, w) => items.findIndex((t) => t.startsWith(d) && t.includes(w));
  const order = [at("2025-02-27", "27/2"), at("2025-04-10", "Istanbul"), at("2025-11-11", "giữa tháng 11"), at("2025-12-02", "Kremlin"), at("2025-12-19", "19/12")];
  check(order.every((i) => i >= 0), `the timeline lists 27/2, 10/4, mid-November, 2/12 and 19/12 (${order})`);
  check(order.every((v, i) => i === 0 || order[i - 1] < v), "… in date order");
  await page.screenshot({ path: join(out, "3-story.png"), fullPage: true });

  // An entity page: who appears with whom.
  await page.locator(".chips a", { hasText: /^Nga \(/ }).first().click();
  await page.locator("h2", { hasText: /^Nga$/ }).waitFor();
  check((await page.locator(".chips a").count()) > 0, "the entity page lists partners");
  check((await page.locator(".aliases").textContent()).includes("Russia"), "the entity page names its other names");
  // Any of its names opens the same page: the English one, or typed without diacritics.
  await page.goto(`${base}/#/entity/${encodeURIComponent("United States")}`);
  await page.locator("h2", { hasText: "Mỹ" }).waitFor();
  check((await page.locator(".hit").count()) > 0, "an entity named in English finds the articles of \"Mỹ\"");
  await page.screenshot({ path: join(out, "4-entity.png"), fullPage: true });

  // An article read from a web page links to its original, in the hit and in the article.
  const original = "https://vnexpress.net/ha-noi-mo-them-12-tuyen-xe-buyt-dien-ket-noi-ga-duong-sat-do-thi-4981234.html";
  await page.goto(base + "/#/search/" + encodeURIComponent("xe buyt dien"));
  await page.locator(".hit").first().waitFor();
  check(await page.locator(".hit .original").first().getAttribute("href") === original, "a hit from a web page links to the original page");
  await page.locator(".hit h3 a").first().click();
  await page.locator("article.full").waitFor();
  check(await page.locator(".meta .original").first().getAttribute("href") === original, "the article links to the original page");
  check((await page.locator("p.meta").first().textContent()).includes("2025-12-24 14:30"), "the article shows its publication time");
  await page.screenshot({ path: join(out, "5-web-article.png"), fullPage: true });
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} catch (e) {
  failed = true;
  console.log(e.message);
} finally {
  await browser.close();
  server.kill();
}
console.log(failed ? "e2e: FAILED" : `e2e: passed; screenshots in ${out}`);
process.exit(failed ? 1 : 0);
