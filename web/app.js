// bantin's web page: search as you type, read an article with its entities and dates
// highlighted, follow its story on a timeline, see an entity's partners over time.
// Plain JavaScript over the JSON API (docs/http_api.md); no build step.
"use strict";

const view = document.getElementById("view");
const statusLine = document.getElementById("status");
// An event's status as the page says it; "happened" needs no word.
const STATUS = { planned: "dự kiến", denied: "phủ nhận / không xảy ra" };
const form = { q: document.getElementById("q"), from: document.getElementById("from"),
               to: document.getElementById("to"), source: document.getElementById("source") };

// A link to an article's original page: http(s) only (a stored "javascript:" URL is not a link).
const originalLink = (url) => /^https?:\/\//i.test(url || "")
  ? `<a class="original" href="${esc(url)}" rel="noopener noreferrer" target="_blank">bài gốc ↗</a>` : "";
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

// The API's offsets are bytes of UTF-8 text; JavaScript strings count UTF-16 units.
function byteSlicer(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (b, e) => dec.decode(bytes.subarray(b, e));
}

// Text with spans [{begin, end, html(inner)}] (byte offsets, not overlapping) marked up.
function markUp(text, spans, base = 0) {
  const slice = byteSlicer(text);
  const total = new TextEncoder().encode(text).length;
  let out = "", at = 0;
  for (const s of [...spans].sort((a, b) => a.begin - b.begin)) {
    const b = s.begin - base, e = s.end - base;
    if (b < at || e > total) continue;  // overlapping or outside: leave plain
    out += esc(slice(at, b)) + s.html(esc(slice(b, e)));
    at = e;
  }
  return out + esc(slice(at, total));
}

// --- search ---
let searchSeq = 0;
async function search() {
  const q = form.q.value.trim();
  if (!q) { view.innerHTML = '<p class="meta">Gõ để tìm; thử <a href="#/search/dam%20phan%20nga%20my">dam phan nga my</a>.</p>'; return; }
  const params = new URLSearchParams({ q, limit: "20" });
  if (form.from.value) params.set("from", form.from.value);
  if (form.to.value) params.set("to", form.to.value);
  if (form.source.value.trim()) params.set("source", form.source.value.trim());
  const seq = ++searchSeq;
  try {
    const r = await api("/api/search?" + params);
    if (seq !== searchSeq) return;  // a newer keystroke won
    statusLine.textContent = `${r.total_exact ? "" : "khoảng "}${r.total} bài · ${r.took_ms.toFixed(1)} ms`;
    view.innerHTML = r.hits.length ? r.hits.map(hitHtml).join("") : '<p class="meta">Không tìm thấy bài nào.</p>';
  } catch (e) {
    if (seq === searchSeq) view.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

function hitHtml(h) {
  const snippet = markUp(h.snippet.text, h.snippet.highlights.map(([b, e]) => ({ begin: b, end: e, html: (x) => `<mark>${x}</mark>` })), h.snippet.begin);
  const reports = h.reports > 1 ? `<span class="reports" title="bài đăng lại">${h.reports} bản</span>` : "";
  const meta = [esc(h.date || "không rõ ngày"), esc(h.source || "")].filter(Boolean);
  if (h.story) meta.push(`<a href="#/story/${h.story}">dòng sự kiện</a>`);
  if (originalLink(h.url)) meta.push(originalLink(h.url));
  return `<div class="hit"><h3><a href="#/article/${encodeURIComponent(h.id)}">${esc(h.title || h.id)}</a>${reports}</h3>
    <div class="meta">${meta.join(" · ")}</div>
    <p>… ${snippet} …</p></div>`;
}

let typing;
for (const input of Object.values(form)) {
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const q = form.q.value.trim();
      const target = q ? "#/search/" + encodeURIComponent(q) : "#/";
      if (location.hash !== target) history.replaceState(null, "", target);
      search();
    }, 150);
  });
}
document.getElementById("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });

// --- article ---
async function showArticle(id) {
  const a = await api("/api/articles/" + encodeURIComponent(id));
  const spans = a.entities.map((e) => ({ begin: e.begin, end: e.end,
    html: (x) => `<a class="ent ${e.type}" href="#/entity/${encodeURIComponent(e.canonical)}" title="${esc(e.type + " · " + e.canonical + (e.role ? " · " + e.role : ""))}" data-type="${e.type}">${x}</a>` }));
  for (const d of a.dates) {
    if (spans.some((s) => s.begin < d.end && d.begin < s.end)) continue;
    spans.push({ begin: d.begin, end: d.end, html: (x) => `<span class="date" title="${esc(d.value || "chưa xác định")}">${x}</span>` });
  }
  const story = a.story ? `<p><a href="#/story/${a.story}">Theo dòng sự kiện →</a></p>` : "";
  const when = (a.date || "không rõ ngày") + (a.time ? " " + a.time : "");
  const meta = [esc(when), esc(a.source || ""), esc(a.author || ""), originalLink(a.url)].filter(Boolean).join(" · ");
  view.innerHTML = `<h2>${esc(a.title || a.id)}</h2><p class="meta">${meta}</p>
    <p class="legend"><span class="ent PER">người</span><span class="ent LOC">nơi chốn</span><span class="ent ORG">tổ chức</span><span class="date">thời gian</span></p>
    ${story}<article class="full">${markUp(a.text, spans)}</article>`;
  statusLine.textContent = `${a.entities.length} thực thể · ${a.dates.length} mốc thời gian · ${a.events.length} sự kiện`;
}

// --- timeline as a picture ---
function orderKey(t) {  // an open year ("--04-10") sorts after its full-date neighbours' year
  return t.date ? t.date.slice(0, 10) : "";
}
function timelineSvg(entries) {
  const dated = entries.filter((t) => t.date && /^\d{4}-\d{2}/.test(t.date));
  if (!dated.length) return "";
  const day = (d) => Date.parse(d.length === 7 ? d + "-01" : d.slice(0, 10));
  const xs = dated.map((t) => day(t.date));
  const lo = Math.min(...xs), hi = Math.max(...xs), W = 900, H = 130, pad = 40;
  const x = (v) => pad + (hi === lo ? (W - 2 * pad) / 2 : ((v - lo) / (hi - lo)) * (W - 2 * pad));
  const lanes = { article: 40, event: 70, mention: 100 };
  let marks = "", labels = "";
  dated.forEach((t, i) => {
    marks += `<circle class="${t.kind}" cx="${x(day(t.date)).toFixed(1)}" cy="${lanes[t.kind]}" r="5"><title>${esc(t.date + " · " + (t.event ? t.event.label + ": " + t.event.source + " → " + (t.event.target || "–") : t.title))}</title></circle>`;
  });
  const ticks = [...new Set(dated.map((t) => t.date.slice(0, 7)))];
  ticks.forEach((m) => { labels += `<text x="${x(day(m)).toFixed(1)}" y="${H - 8}" text-anchor="middle">${m}</text>`; });
  return `<svg class="timeline" viewBox="0 0 ${W} ${H}" role="img" aria-label="dòng thời gian">
    <line class="axis" x1="${pad}" y1="${H - 24}" x2="${W - pad}" y2="${H - 24}"/>
    <text x="4" y="44">bài</text><text x="4" y="74">sự kiện</text><text x="4" y="104">nhắc</text>${marks}${labels}</svg>`;
}

function timelineList(entries) {
  return `<ol class="timeline-list">${entries.map((t) => {
    const when = `<b>${esc(t.date || "không rõ ngày")}</b>`;
    if (t.kind === "event") {
      const e = t.event;
      return `<li data-kind="event">${when} <span class="kind">sự kiện ${esc(e.code)}</span>${esc(e.label)}: <a href="#/entity/${encodeURIComponent(e.source)}">${esc(e.source)}</a> → ${e.target ? `<a href="#/entity/${encodeURIComponent(e.target)}">${esc(e.target)}</a>` : "–"}${e.place ? " tại " + esc(e.place) : ""}${STATUS[e.status] ? ` <span class="status">(${STATUS[e.status]})</span>` : ""}<br><q>${esc(t.sentence.text)}</q> <a class="meta" href="#/article/${encodeURIComponent(t.article)}">[bài]</a></li>`;
    }
    if (t.kind === "mention") return `<li data-kind="mention">${when} <span class="kind">nhắc đến</span><q>${esc(t.sentence.text)}</q> <a class="meta" href="#/article/${encodeURIComponent(t.article)}">[bài]</a></li>`;
    return `<li data-kind="article">${when} <span class="kind">bài</span><a href="#/article/${encodeURIComponent(t.article)}">${esc(t.title)}</a></li>`;
  }).join("")}</ol>`;
}

async function showStory(id) {
  const s = await api("/api/stories/" + encodeURIComponent(id));
  const chips = s.entities.map((e) => `<a class="ent ${e.type}" href="#/entity/${encodeURIComponent(e.canonical)}">${esc(e.canonical)} (${e.articles})</a>`).join("");
  view.innerHTML = `<h2>${esc(s.title)}</h2>
    <p class="meta">${s.articles} bài · ${s.reports} bản đăng · ${esc(s.first || "?")} → ${esc(s.last || "?")}</p>
    <p class="chips">${chips}</p>${timelineSvg(s.timeline)}${timelineList(s.timeline)}`;
  statusLine.textContent = `${s.timeline.length} mốc trên dòng thời gian`;
}

// --- entity: who appears with whom, over time ---
// `name` may be any name of the entity ("Hoa Kỳ", "United States", "hoa ky" are "Mỹ").
async function showEntity(name) {
  const [info, events, found] = await Promise.all([
    api("/api/entity?name=" + encodeURIComponent(name)).catch(() => ({ entities: [] })),
    api("/api/events?limit=500&actor=" + encodeURIComponent(name)),
    api("/api/search?limit=50&q=" + encodeURIComponent(`entity:"${name}"`)).catch(() => ({ hits: [], total: 0 })),
  ]);
  const known = new Set(info.entities.map((e) => e.canonical));
  const title = info.entities.length ? info.entities[0].canonical : name;
  const aliases = [...new Set(info.entities.flatMap((e) => e.aliases))].filter((a) => a !== title);
  const partners = new Map();
  for (const e of events.events) {
    const other = known.has(e.source) || e.source.toLowerCase() === name.toLowerCase() ? e.target : e.source;
    if (other) partners.set(other, (partners.get(other) || 0) + 1);
  }
  const chips = [...partners].sort((a, b) => b[1] - a[1]).slice(0, 20)
    .map(([p, n]) => `<a href="#/entity/${encodeURIComponent(p)}">${esc(p)} (${n})</a>`).join("");
  const timeline = events.events.map((e) => ({ date: e.date, kind: "event", event: e, title: "", article: e.article, sentence: { text: e.text } }));
  const also = aliases.length ? `<p class="meta aliases">Còn gọi là: ${aliases.slice(0, 12).map(esc).join(", ")}</p>` : "";
  view.innerHTML = `<h2>${esc(title)}</h2>${also}<p class="meta">${found.total} bài nhắc đến · ${events.events.length} sự kiện</p>
    <h3>Cùng xuất hiện trong sự kiện</h3><p class="chips">${chips || '<span class="meta">chưa có</span>'}</p>
    ${timelineSvg(timeline)}<h3>Bài viết</h3>${found.hits.map(hitHtml).join("")}`;
}

// --- routing ---
async function route() {
  const [, kind, arg] = location.hash.match(/^#\/(\w+)\/(.*)$/) || [];
  try {
    if (kind === "article") await showArticle(decodeURIComponent(arg));
    else if (kind === "story") await showStory(decodeURIComponent(arg));
    else if (kind === "entity") await showEntity(decodeURIComponent(arg));
    else {
      if (kind === "search" && form.q.value.trim() !== decodeURIComponent(arg)) form.q.value = decodeURIComponent(arg);
      await search();
    }
  } catch (e) {
    view.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}
window.addEventListener("hashchange", route);
route();
