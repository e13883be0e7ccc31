// eventwire UI. Every string from the database goes into the page as a text node (never as
// HTML), so article text containing markup stays inert.
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NONE"];
const COLOURS = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8ab17d", "#6a4c93",
  "#1982c4", "#ff595e", "#8d99ae", "#bc6c25", "#606c38", "#d62828", "#003049", "#fcbf49", "#5e548e", "#999"];
const PAGE = 25;
const SVGNS = "http://www.w3.org/2000/svg";
const state = { offset: 0, total: 0, selected: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

async function getJSON(path, params) {
  const query = params ? "?" + params.toString() : "";
  const response = await fetch(path + query);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || JSON.stringify(body.detail));
  return body;
}

function filterParams() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form).entries()) {
    if (name === "desc") continue;
    const v = String(value).trim();
    if (v) params.set(name, ["actor", "country"].includes(name) ? v.toUpperCase() : v);
  }
  return params;
}

function showError(message) { document.getElementById("error").textContent = message || ""; }

async function loadEvents() {
  const params = filterParams();
  params.delete("sort");
  const sort = document.querySelector("#filters [name=sort]").value;
  if (sort) params.set("sort", sort);
  if (document.querySelector("#filters [name=desc]").checked) params.set("order", "desc");
  params.set("limit", PAGE);
  params.set("offset", state.offset);
  let page;
  try { page = await getJSON("/events", params); } catch (err) { showError(err.message); return; }
  showError("");
  state.total = page.total;
  const body = document.querySelector("#event-table tbody");
  body.replaceChildren();
  for (const e of page.items) {
    const row = el("tr", { "data-event": e.event_id },
      el("td", {}, e.date || "–"),
      el("td", { title: e.source_text || "" }, e.source_code || "–"),
      el("td", {}, e.trigger_text),
      el("td", { title: e.cameo_name }, e.cameo),
      el("td", {}, e.plover_type),
      el("td", {}, String(e.quad_class)),
      el("td", { title: e.target_text || "" }, e.target_code || "–"),
      el("td", {}, e.place_name || "–"));
    row.addEventListener("click", () => openEvent(e, row));
    body.append(row);
  }
  const last = Math.min(state.offset + PAGE, state.total);
  document.getElementById("page").textContent =
    state.total ? `${state.offset + 1}–${last} of ${state.total}` : "no events";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= state.total;
}

async function openEvent(event, row) {
  document.querySelectorAll("#event-table tr.selected").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  let article;
  try { article = await getJSON("/articles/" + encodeURIComponent(event.article_id)); }
  catch (err) { showError(err.message); return; }
  const full = article.events.find((e) => e.event_id === event.event_id) || event;
  renderArticle(article, full);
}

function evidenceRow(kind, label, words, why) {
  return el("tr", { "data-field": kind }, el("th", {}, el("span", { class: "sw " + kind }), label),
    el("td", {}, words || "–"), el("td", { class: "meta" }, why || ""));
}

function span(text, start, end) {
  return start === null || start === undefined ? "" : `“${text.slice(start, end)}” [${start}–${end}]`;
}

function renderArticle(article, e) {
  const text = article.text;
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-title").textContent = article.title || article.article_id;
  document.getElementById("detail-meta").textContent =
    `${article.article_id} · ${article.date || "no date"} · ${article.source || ""}`;
  const evidence = document.querySelector("#evidence tbody");
  evidence.replaceChildren(
    evidenceRow("source", "source", `${e.source_code || "–"} ${span(text, e.source_start, e.source_end)}`,
      `${e.source_name || ""} ${e.source_rule ? "· " + e.source_rule : ""}`),
    evidenceRow("trigger", "action", `${e.cameo} ${e.cameo_name} ${span(text, e.trigger_start, e.trigger_end)}`,
      `${e.plover_type}${e.plover_mode ? "/" + e.plover_mode : ""} · ${e.modality}${e.negated ? " · negated" : ""}` +
      `${e.mentions > 1 ? ` · ${e.mentions} mentions` : ""}${e.mention_of && e.mention_of !== e.event_id ? " · a repeat" : ""} · ${e.rule}`),
    evidenceRow("target", "target", `${e.target_code || "–"} ${span(text, e.target_start, e.target_end)}`,
      `${e.target_name || ""} ${e.target_rule ? "· " + e.target_rule : ""}`),
    evidenceRow("date", "date", (e.date || "–") + (e.date_granularity && e.date_granularity !== "day"
      ? ` (${e.date_granularity}: ${e.date_start} – ${e.date_end})` : ""), e.date_reason),
    evidenceRow("place", "place", `${e.place_name || "–"} ${span(text, e.place_start, e.place_end)}`,
      `${e.place_country || ""} ${e.place_reason ? "· " + e.place_reason : ""}`));
  const marks = [
    ["ev-source", e.source_start, e.source_end], ["ev-target", e.target_start, e.target_end],
    ["ev-trigger", e.trigger_start, e.trigger_end], ["ev-place", e.place_start, e.place_end],
  ].filter((m) => m[1] !== null && m[1] !== undefined);
  const container = document.getElementById("article-text");
  container.replaceChildren(
    document.createTextNode(text.slice(0, e.sentence_start)),
    markSentence(text, e.sentence_start, e.sentence_end, marks),
    document.createTextNode(text.slice(e.sentence_end)));
  container.querySelector("mark.sentence").scrollIntoView({ block: "nearest" });
}

function markSentence(text, start, end, marks) {
  const mark = el("mark", { class: "sentence" });
  const cuts = new Set([start, end]);
  for (const [, s, t] of marks) { if (s >= start && t <= end) { cuts.add(s); cuts.add(t); } }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const classes = marks.filter(([, s, t]) => s <= a && b <= t).map(([c]) => c);
    const piece = text.slice(a, b);
    mark.append(classes.length ? el("span", { class: classes.join(" ") }, piece) : document.createTextNode(piece));
  }
  return mark;
}

async function loadTimeline() {
  const params = filterParams();
  params.delete("sort");
  params.set("by", document.getElementById("timeline-by").value);
  const chart = document.getElementById("timeline-chart");
  let data;
  try { data = await getJSON("/timeline", params); } catch (err) { chart.textContent = err.message; return; }
  document.getElementById("undated").textContent = data.undated ? `${data.undated} undated events not shown.` : "";
  const dates = [...new Set(data.series.map((r) => r.date))].sort();
  const groups = [...new Set(data.series.map((r) => r.grp))].sort();
  const totals = Object.fromEntries(dates.map((d) => [d, 0]));
  data.series.forEach((r) => { totals[r.date] += r.n; });
  const max = Math.max(1, ...Object.values(totals));
  const [W, H, left, bottom] = [Math.max(400, 60 * dates.length + 80), 260, 40, 60];
  const bar = Math.min(40, (W - left - 20) / Math.max(1, dates.length) - 8);
  const root = svg("svg", { width: W, height: H + 40, role: "img", "aria-label": "event timeline" });
  root.append(svg("line", { x1: left, y1: H - bottom, x2: W - 10, y2: H - bottom, stroke: "#999" }));
  for (let t = 0; t <= max; t += Math.max(1, Math.ceil(max / 5))) {
    const y = H - bottom - (t / max) * (H - bottom - 20);
    root.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, String(t)));
  }
  dates.forEach((d, i) => {
    const x = left + 10 + i * (bar + 8);
    let y = H - bottom;
    groups.forEach((g, j) => {
      const row = data.series.find((r) => r.date === d && r.grp === g);
      if (!row) return;
      const h = (row.n / max) * (H - bottom - 20);
      y -= h;
      const rect = svg("rect", { x, y, width: bar, height: h, fill: COLOURS[j % COLOURS.length] });
      rect.append(svg("title", {}, `${d} ${g}: ${row.n}`));
      root.append(rect);
    });
    root.append(svg("text", { x: x + bar / 2, y: H - bottom + 12, transform: `rotate(45 ${x + bar / 2} ${H - bottom + 12})` }, d));
  });
  groups.forEach((g, j) => {
    const x = left + (j % 6) * 110, y = H + 10 + Math.floor(j / 6) * 14;
    root.append(svg("rect", { x, y: y - 9, width: 10, height: 10, fill: COLOURS[j % COLOURS.length] }));
    root.append(svg("text", { x: x + 14, y }, g));
  });
  chart.replaceChildren(root);
}

async function loadNetwork() {
  const params = filterParams();
  params.delete("sort");
  params.set("min_weight", document.getElementById("min-weight").value || "1");
  const chart = document.getElementById("network-chart");
  let data;
  try { data = await getJSON("/network", params); } catch (err) { chart.textContent = err.message; return; }
  const [W, H] = [640, 520];
  const R = Math.min(W, H) / 2 - 70;
  const pos = {};
  data.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, data.nodes.length) - Math.PI / 2;
    pos[n] = [W / 2 + R * Math.cos(a), H / 2 + R * Math.sin(a), a];
  });
  const root = svg("svg", { width: W, height: H, role: "img", "aria-label": "actor network" });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }));
  defs.append(marker);
  root.append(defs);
  const maxW = Math.max(1, ...data.edges.map((e) => e.weight));
  for (const e of data.edges) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const colour = e.goldstein < 0 ? "#d62828" : "#2a9d8f";
    const line = svg("line", { x1, y1, x2, y2, stroke: colour, "stroke-opacity": 0.7,
      "stroke-width": 1 + (4 * e.weight) / maxW, "marker-end": "url(#arrow)" });
    line.append(svg("title", {}, `${e.source} → ${e.target}: ${e.weight} events, mean Goldstein ${e.goldstein.toFixed(1)}`));
    root.append(line);
  }
  for (const n of data.nodes) {
    const [x, y, a] = pos[n];
    root.append(svg("circle", { cx: x, cy: y, r: 6, fill: "#1d3557" }));
    const right = Math.cos(a) >= 0;
    root.append(svg("text", { x: x + (right ? 9 : -9), y: y + 4, "text-anchor": right ? "start" : "end" }, n));
  }
  if (!data.nodes.length) root.append(svg("text", { x: 20, y: 30 }, "no edges"));
  chart.replaceChildren(root);
}

function quoteKind(q) {
  const how = (q.partial ? "partial " : "") + (q.direct ? "direct" : "reported");
  return q.kind === "quote" ? how : `${how} (${q.kind})`;
}

async function loadQuotes(speaker, kind) {
  const params = new URLSearchParams({ limit: "200", kind: kind || "quote" });
  if (speaker) params.set("speaker", speaker);
  const body = document.querySelector("#quote-table tbody");
  let page;
  try { page = await getJSON("/quotes", params); } catch (err) { body.replaceChildren(el("tr", {}, el("td", {}, err.message))); return; }
  body.replaceChildren(...page.items.map((q) => el("tr", {},
    el("td", {}, q.speaker_name || q.speaker_text || "unattributed"), el("td", {}, q.speaker_code || "–"),
    el("td", {}, quoteKind(q)), el("td", {}, q.text), el("td", {}, q.article_id))));
}

async function loadStats() {
  try {
    const s = await getJSON("/stats");
    document.getElementById("stats").textContent =
      `${s.counts.articles} articles · ${s.counts.events} events · ${s.counts.quotes} quotes`;
  } catch (err) { showError(err.message); }
}

function showTab(name) {
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".tab").forEach((s) => s.classList.toggle("active", s.id === name));
  if (name === "timeline") loadTimeline();
  if (name === "network") loadNetwork();
  if (name === "quotes") {
    const form = new FormData(document.getElementById("quote-form"));
    loadQuotes(form.get("speaker").trim(), form.get("kind"));
  }
}

function init() {
  const select = document.querySelector("#filters [name=plover]");
  PLOVER.forEach((p) => select.append(el("option", {}, p)));
  document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; loadEvents(); });
  document.getElementById("filters").addEventListener("reset", () => setTimeout(() => { state.offset = 0; loadEvents(); }));
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  document.getElementById("timeline-by").addEventListener("change", loadTimeline);
  document.getElementById("min-weight").addEventListener("change", loadNetwork);
  document.getElementById("quote-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    loadQuotes(form.get("speaker").trim(), form.get("kind"));
  });
  loadStats();
  loadEvents();
}

document.addEventListener("DOMContentLoaded", init);
