// The search page: results as you type, filters, keyboard use, shareable ?q= URLs.
// Uses Pagefind's JS API from our own bundle; nothing is fetched from another host.
//
// Pagefind matches words, not meanings, so the query is widened here before Pagefind sees
// it: each synonym group the owner listed (synonyms.json, written beside the bundle by the
// pagefind_search plugin) and each topic's name and aliases give alternative wordings, all
// searched, and a page keeps its best score. Widening the query rather than the index keeps
// every excerpt quoting words that are really on the page.
const input = document.getElementById("search-query");
const list = document.getElementById("search-results");
const filed = document.getElementById("search-filed");
const filedList = document.getElementById("search-filed-results");
const filedLabel = document.getElementById("search-filed-label");
const status = document.getElementById("search-status");
const empty = document.getElementById("search-empty");
const filterBox = document.querySelector(".search-filters");
const form = input.closest("form");
const selects = [...document.querySelectorAll("select[data-filter]")];
const MAX_RESULTS = 20;
const MAX_WORDINGS = 12;
const MAX_LOADED = 30; // results whose data is fetched, per set of wordings
const OWN_TEXT_WEIGHT = 1; // the page's text; its hidden topic line and comments weigh less

const bundle = new URL(input.dataset.bundle, document.baseURI);
const pagefind = await import(bundle.href);
await pagefind.options({ baseUrl: new URL(input.dataset.base, document.baseURI).pathname });
await pagefind.init();
const [synonyms, available] = await Promise.all([
  loadSynonyms(new URL("synonyms.json", bundle)),
  pagefind.filters(),
]);
const topics = [...document.querySelectorAll("#search-topics li")].map((item) => ({
  name: item.textContent.trim(),
  path: new URL(item.dataset.url, document.baseURI).pathname,
  names: item.dataset.names.split("|").map((n) => n.trim().toLowerCase()).filter(Boolean),
}));

async function loadSynonyms(url) {
  try {
    const response = await fetch(url);
    return response.ok ? (await response.json()).groups : [];
  } catch {
    return []; // an older bundle without the file: plain search still works
  }
}

const params = new URLSearchParams(location.search);
// What the reader typed while Pagefind was loading wins over the address's query.
input.value = input.value || params.get("q") || "";
// Arriving from the header's box or an example search, the reader has chosen a search
// already: take them to the results.
let focusResults = ["header", "start"].includes(params.get("from"));
for (const select of selects) {
  const values = Object.keys(available[select.dataset.filter] || {}).sort();
  for (const value of values) select.add(new Option(value, value));
  select.value = values.includes(params.get(select.name)) ? params.get(select.name) : "";
}

function chosenFilters() {
  const chosen = {};
  for (const select of selects) if (select.value) chosen[select.dataset.filter] = select.value;
  return chosen;
}

function remember() {
  const next = new URLSearchParams();
  if (input.value.trim()) next.set("q", input.value.trim());
  for (const select of selects) if (select.value) next.set(select.name, select.value);
  history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
}

// Where `phrase` stands in `text` as whole words, or -1. One pattern for every call: a
// pattern of Unicode classes built per phrase cost a slow phone ~0.2 s of a search's first
// frame (every topic name against every wording).
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
function wordAt(text, phrase) {
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const before = [...text.slice(Math.max(0, at - 2), at)].pop() || "";
    const after = String.fromCodePoint(text.codePointAt(at + phrase.length) ?? 32);
    if (!LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(after)) return at;
  }
  return -1;
}

// The reader's query with the other wordings the synonyms give it ("asked"), and the topics
// one of these names (by name or alias), each with its names.
function wordings(query) {
  const asked = [query.toLowerCase().replace(/\s+/g, " ").trim()];
  for (const group of synonyms) asked.push(...swapped(asked[0], group));
  const named = topics.filter((topic) =>
    asked.some((text) => topic.names.some((name) => wordAt(text, name) !== -1)),
  );
  // A topic's names alone: Pagefind wants every word of a query, so the reader's other
  // words would hide the hub and the pages filed under it.
  // Pagefind ignores case, and a wording already searched as the reader's finds nothing new:
  // each search left out is one less pass over the index on the reader's main thread.
  const searched = unique(asked);
  const byTopic = named.map((topic) => ({
    topic,
    texts: unique([topic.name, ...topic.names].map((text) => text.toLowerCase())).filter(
      (text) => !searched.includes(text),
    ),
  }));
  return { asked: searched, byTopic };
}

// `text` with the first phrase of `group` it holds replaced by each other phrase of it.
function swapped(text, group) {
  for (const term of group) {
    const at = wordAt(text, term);
    if (at === -1) continue;
    const others = group.filter((other) => other !== term);
    return others.map((other) => text.slice(0, at) + other + text.slice(at + term.length));
  }
  return [];
}

function unique(texts) {
  return [...new Set(texts)].slice(0, MAX_WORDINGS);
}

// Every wording searched: for each page, its best match on its own text if any, else its
// best match at all, and which kinds of wording found it (in its text or not).
async function searchAll(texts, kind, filters, pages) {
  const searches = await Promise.all(texts.map((text) => pagefind.search(text, { filters })));
  const byPage = new Map();
  for (const result of searches.flatMap((search) => search.results.slice(0, MAX_LOADED))) {
    byPage.set(result.id, [...(byPage.get(result.id) || []), result]);
  }
  // Pagefind hands every match of a page the same data object, rewritten by each `data()`:
  // load one match per page at a time, and copy what it says before loading the next.
  const rounds = Math.max(0, ...[...byPage.values()].map((results) => results.length));
  for (let round = 0; round < rounds; round++) {
    const batch = [...byPage.values()].map((results) => results[round]).filter(Boolean);
    const loaded = await Promise.all(batch.map((result) => result.data()));
    batch.forEach((result, at) => keepBest(pages, result, { ...loaded[at] }, kind));
  }
}

function keepBest(pages, result, data, kind) {
  const own = matchesOwnText(data);
  const page = pages.get(result.id) || { data, score: -1, own: false, kinds: new Set() };
  page.kinds.add(own ? `${kind} text` : kind);
  if ((own && !page.own) || (own === page.own && result.score > page.score)) {
    Object.assign(page, { data, own, score: result.score });
  }
  pages.set(result.id, page);
}

// A page whose own text matched, as opposed to only its hidden topic line (or comments).
function matchesOwnText(data) {
  return data.weighted_locations.some((place) => place.weight >= OWN_TEXT_WEIGHT);
}

function pathOf(data) {
  return new URL(data.url, location.href).pathname;
}

// In order: the hubs of the topics the query names; pages filed under one of them whose own
// text matches (in the reader's words or the topic's), those filed first under it before the
// others; other pages whose own text matches
// the reader's words. Apart, under one label: pages matched only through their topics. A
// page that merely uses a topic's name, unfiled under it, is not what the reader asked for.
// A hub goes first when the query is the topic's name or an alias; when the query only
// contains one ("rescuing is not helping"), after the best match, which may be a title.
async function find(query, filters) {
  const { asked, byTopic } = wordings(query);
  const pages = new Map();
  await searchAll(asked, "asked", filters, pages);
  for (const { texts } of byTopic) await searchAll(texts, "topic", filters, pages);
  const named = byTopic.map(({ topic }) => topic);
  const isHub = (page) => named.some((topic) => pathOf(page.data) === topic.path);
  const isFiled = (page) =>
    named.some((topic) => (page.data.filters.topic || []).includes(topic.name));
  const all = [...pages.values()].sort((a, b) => b.score - a.score);
  const isExactly = (page) =>
    named.some((topic) => pathOf(page.data) === topic.path && asked.some((text) => topic.names.includes(text)));
  // A page filed first under a named topic is about it; one filed there among others, less.
  const isMainly = (page) =>
    named.some((topic) => (page.data.filters.topic || [])[0] === topic.name);
  const matched = [
    ...all.filter((page) => !isHub(page) && page.own && isFiled(page) && isMainly(page)),
    ...all.filter((page) => !isHub(page) && page.own && isFiled(page) && !isMainly(page)),
    ...all.filter((page) => !isHub(page) && !isFiled(page) && page.kinds.has("asked text")),
  ];
  const hubs = all.filter(isHub);
  const lead = hubs.some(isExactly) ? [] : matched.slice(0, 1);
  const first = [...lead, ...hubs, ...matched.slice(lead.length)];
  const filed = all.filter((page) => !first.includes(page) && (isFiled(page) || !page.own));
  return {
    count: first.length + filed.length,
    first: first.map((page) => page.data),
    filed: filed.map((page) => page.data),
    named,
  };
}

// Filters alone (no words): every page they let through.
async function findFiltered(filters) {
  const pages = new Map();
  await searchAll([null], "asked", filters, pages);
  return { count: pages.size, first: [...pages.values()].map((page) => page.data), filed: [], named: [] };
}

function resultItem(data, { summaryOnly = false } = {}) {
  const item = document.createElement("li");
  item.className = "search-result";
  const link = document.createElement("a");
  link.className = "search-result__title";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const facts = document.createElement("p");
  facts.className = "search-result__meta";
  facts.textContent = [data.meta.type, data.meta.author, data.meta.date].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  item.append(link, facts, excerpt);
  if (summaryOnly && data.meta.summary) {
    // The match is in the article's topics, not its text: show what the article is about.
    excerpt.textContent = data.meta.summary;
  } else {
    // Pagefind escapes the page text and adds only <mark> around matched words.
    excerpt.innerHTML = data.excerpt;
    markCut(excerpt);
  }
  return item;
}

// An excerpt is a window on the page: say so where it cuts into a sentence.
function markCut(excerpt) {
  const text = excerpt.textContent.trim();
  if (!text) return;
  if (!/^[\p{Lu}\p{N}"'“‘(]/u.test(text)) excerpt.prepend("…");
  if (!/[.!?…"”’)]$/u.test(text)) excerpt.append("…");
}

// The page's words, in its language (search.html writes them; no English here).
const words = { ...status.dataset, ...filedLabel.dataset };
const plural = pluralRules(document.documentElement.lang);

// A tag the browser does not know ("pt_br") must not stop the search: English counts then.
function pluralRules(lang) {
  try {
    return new Intl.PluralRules((lang || "en").replace(/_/g, "-"));
  } catch {
    return new Intl.PluralRules("en");
  }
}

function filedUnder(named) {
  if (!named.length) return words.throughTopics;
  const names = named.map((topic) => topic.name).join(` ${words.or} `);
  return words.filedUnder.replace("{topics}", () => names);
}

function saidFor(count, query) {
  // Replaced through functions: a string replacement reads "$&" in the query as a pattern.
  if (!count) return words.foundNone.replace("{query}", () => query);
  const form = plural.select(count) === "one" ? words.foundOne : words.foundOther;
  return form.replace("{count}", count).replace("{query}", () => query);
}

let latest = 0;
let shownFor = null;
async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const key = JSON.stringify([query, filters]);
  if (key === shownFor) return settle(); // re-rendering would drop the reader's focus
  remember();
  const ticket = ++latest;
  if (!query && !Object.keys(filters).length) {
    shownFor = key;
    show([], [], "", "");
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 120)); // let a typist finish the word
  if (ticket !== latest) return;
  const found = query ? await find(query, filters) : await findFiltered(filters);
  if (ticket !== latest) return;
  shownFor = key;
  const kept = found.first.slice(0, MAX_RESULTS);
  const said = saidFor(found.count, query);
  show(kept, found.filed.slice(0, MAX_RESULTS - kept.length), said, filedUnder(found.named));
  settle();
}

function show(first, onlyTopics, said, label) {
  list.replaceChildren(...first.map((data) => resultItem(data)));
  filedList.replaceChildren(...onlyTopics.map((data) => resultItem(data, { summaryOnly: true })));
  filedLabel.textContent = label;
  filed.hidden = onlyTopics.length === 0;
  status.textContent = said;
  empty.hidden = !said || first.length + onlyTopics.length > 0;
  // A search shown (results or "nothing matched") replaces the ways to start (see site.css);
  // the filters come with the first one and stay, so a select never vanishes under focus.
  document.documentElement.dataset.search = said ? "results" : "start";
  if (said) filterBox.hidden = false;
}

// After Enter (or arriving from the header's box), once the results are in: focus their
// count, which a screen reader reads, and which closes a phone's keyboard.
function settle() {
  if (!focusResults || !status.textContent) return;
  focusResults = false;
  status.focus();
}

function links() {
  return [...document.querySelectorAll(".search-result__title")];
}

input.addEventListener("input", run);
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => {
  event.preventDefault(); // Enter keeps the results; opening one is a second step
  focusResults = true;
  run();
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const all = links();
  const at = all.indexOf(document.activeElement);
  const fromBox = document.activeElement === input || document.activeElement === status;
  if (!fromBox && at === -1) return;
  event.preventDefault();
  if (event.key === "ArrowDown") (all[at + 1] || all[at] || input).focus();
  else (at <= 0 ? input : all[at - 1]).focus();
});
form.dataset.ready = ""; // Pagefind is loaded and the box is listened to (the tests wait for it)
run();
