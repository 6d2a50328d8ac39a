// Topic maps: while a topic is pointed at or focused, light it, its neighbours and the lines
// between them, and fade the rest. Without script the map still links every topic.
for (const map of document.querySelectorAll(".topic-map svg")) {
  const light = (node) => {
    map.classList.toggle("is-lit", Boolean(node));
    const own = node ? node.dataset.topic : "";
    const near = new Set(node ? [own, ...node.dataset.near.split(" ")] : []);
    for (const topic of map.querySelectorAll("[data-topic]")) {
      topic.classList.toggle("is-near", near.has(topic.dataset.topic));
    }
    for (const line of map.querySelectorAll("[data-ends]")) {
      line.classList.toggle("is-near", Boolean(own) && line.dataset.ends.split(" ").includes(own));
    }
  };
  map.addEventListener("pointerover", (event) => light(event.target.closest("[data-topic]")));
  map.addEventListener("pointerleave", () => light(null));
  map.addEventListener("focusin", (event) => light(event.target.closest("[data-topic]")));
  map.addEventListener("focusout", () => light(null));
}
