// The search page, before it draws what is under the box: a search in the address (a shared
// link, the header's box, an example) opens on its results, so the ways to start never flash
// up first; and the parts of the start that need script (the examples) may show.
// A plain script, not a module: it runs where it stands, before the rest is parsed.
{
  const params = new URLSearchParams(location.search);
  const asked = ["q", "type", "author", "topic"].some((name) => params.get(name)?.trim());
  document.documentElement.dataset.search = asked ? "results" : "start";
}
