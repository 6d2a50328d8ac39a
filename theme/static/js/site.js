// Press "/" anywhere (outside a text field) to jump to the search box.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target.closest && target.closest("input, textarea, select, [contenteditable]");
  if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const box = document.getElementById("search-query") || document.getElementById("site-search-q");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

// Forms that post to the comment inbox: send them in the background and say what happened
// where the reader is. Without script they post normally and the inbox answers with a page.
for (const form of document.querySelectorAll("form[data-inbox]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = form.querySelector(".form-result");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      result.textContent = answer.message;
      // The inbox's words may be another language's (a catalog the page's fell back to).
      if (answer.lang) result.lang = answer.lang;
      else result.removeAttribute("lang");
      if (response.ok) form.reset();
    } catch {
      result.removeAttribute("lang");
      result.textContent = form.dataset.unreachable; // in the page's language
    } finally {
      button.disabled = false;
    }
  });
}
