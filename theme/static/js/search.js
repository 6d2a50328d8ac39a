// The search page: results as you type, filters, keyboard use, shareable ?q= URLs.
// Uses Pagefind's JS API from our own bundle; nothing is fetched from another host.
const input = document.getElementById("search-query");
const list = document.getElementById("search-results");
const status = document.getElementById("search-status");
const empty = document.getElementById("search-empty");
const filterBox = document.querySelector(".search-filters");
const selects = [...document.querySelectorAll("select[data-filter]")];
const MAX_RESULTS = 20;

const pagefind = await import(new URL(input.dataset.bundle, document.baseURI).href);
await pagefind.options({ baseUrl: new URL(input.dataset.base, document.baseURI).pathname });
await pagefind.init();

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
const available = await pagefind.filters();
for (const select of selects) {
  const values = Object.keys(available[select.dataset.filter] || {}).sort();
  for (const value of values) select.add(new Option(value, value));
  select.value = values.includes(params.get(select.name)) ? params.get(select.name) : "";
}
filterBox.hidden = false;

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

function resultItem(data) {
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
  const topic = matchedTopicLine(data.excerpt);
  if (topic === null || !data.meta.summary) {
    // Pagefind escapes the page text and adds only <mark> around matched words.
    excerpt.innerHTML = data.excerpt;
    markCut(excerpt);
    return item;
  }
  // The match is in the article's topic line, not its text: show what the article is
  // about, and which of its topics matched.
  excerpt.textContent = data.meta.summary;
  const note = document.createElement("p");
  note.className = "search-result__topic";
  note.innerHTML = topic;
  item.append(note);
  return item;
}

// The "Filed under <topic>: <aliases>." sentence (written by the topics plugin's
// filed_under) holding a match, if the excerpt quotes one. Still Pagefind's escaped HTML:
// only split, never built from page text.
function matchedTopicLine(html) {
  const line = html.split(/(?=Filed under )/).find((part) => part.startsWith("Filed under ") && part.includes("<mark>"));
  if (line === undefined) return null;
  const end = line.indexOf(". ");
  return end === -1 ? line.trim() : line.slice(0, end + 1);
}

// An excerpt is a window on the page: say so where it cuts into a sentence.
function markCut(excerpt) {
  const text = excerpt.textContent.trim();
  if (!text) return;
  if (!/^[\p{Lu}\p{N}"'“‘(]/u.test(text)) excerpt.prepend("…");
  if (!/[.!?…"”’)]$/u.test(text)) excerpt.append("…");
}

let latest = 0;
let shownFor = null;
async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const key = JSON.stringify([query, filters]);
  if (key === shownFor) return; // re-rendering would drop the reader's focus
  remember();
  const ticket = ++latest;
  if (!query && !Object.keys(filters).length) {
    shownFor = key;
    list.replaceChildren();
    status.textContent = "";
    empty.hidden = true;
    return;
  }
  const search = await pagefind.debouncedSearch(query || null, { filters }, 120);
  if (search === null || ticket !== latest) return;
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket !== latest) return;
  shownFor = key;
  list.replaceChildren(...shown.map(resultItem));
  const count = search.results.length;
  status.textContent = count ? `${count} result${count === 1 ? "" : "s"}` : "";
  empty.hidden = count > 0;
  document.getElementById("search-empty-query").textContent = query;
}

function links() {
  return [...list.querySelectorAll(".search-result__title")];
}

input.addEventListener("input", run);
for (const select of selects) select.addEventListener("change", run);
input.closest("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const first = links()[0];
  if (first) first.click();
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const all = links();
  const at = all.indexOf(document.activeElement);
  if (document.activeElement !== input && at === -1) return;
  event.preventDefault();
  if (event.key === "ArrowDown") (all[at + 1] || all[at] || input).focus();
  else (at <= 0 ? input : all[at - 1]).focus();
});
run();
