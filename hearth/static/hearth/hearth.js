// Hearth's own script: no inline code anywhere (Content Security Policy).
document.addEventListener("change", (event) => {
  // A language switcher that submits itself when JavaScript runs; the button stays for when not.
  if (event.target.id === "language-select") event.target.form.submit();
});

// --- The main menu on a phone (issue 12 §6) -------------------------------------------------
// base.html: the Menu button (.menu-toggle, aria-controls the list) stays hidden without
// JavaScript, and then every link shows. With it, on a phone only "My caseload" (li.quick) and
// the button show; the button opens and closes the rest. Escape or a click elsewhere closes it.
function initMainMenu() {
  const toggle = document.querySelector(".menu-toggle");
  const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;
  const header = toggle.closest(".topbar");
  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  };
  toggle.hidden = false;
  header.classList.add("menu-ready");
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (isOpen() && !header.contains(event.target)) setOpen(false);
  });
}

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

initMainMenu();
initFolds();
