// Hearth's own script: no inline code anywhere (Content Security Policy).
document.addEventListener("change", (event) => {
  // A language switcher that submits itself when JavaScript runs; the button stays for when not.
  if (event.target.id === "language-select") event.target.form.submit();
});

// --- Folded sections reachable in one tap (issue 12 §6) ---------------------------------------
// The person page folds its sections in <details>; a link to a section, or to anything inside
// one (#housing, #case-3-todos), opens every <details> around its target before the browser
// scrolls there — on a click, on arriving with the address's #fragment, and on hashchange.
function openAround(id) {
  const target = id && document.getElementById(decodeURIComponent(id));
  if (!target) return null;
  for (let node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  return target;
}

function initFolds() {
  if (!document.querySelector("details.fold")) return;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (link) openAround(link.getAttribute("href").slice(1));
  });
  window.addEventListener("hashchange", () => openAround(location.hash.slice(1)));
  const target = openAround(location.hash.slice(1));
  if (target) target.scrollIntoView();
}

initFolds();
