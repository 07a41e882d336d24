// Hearth's own script: no inline code anywhere (Content Security Policy).
document.addEventListener("change", (event) => {
  // A language switcher that submits itself when JavaScript runs; the button stays for when not.
  if (event.target.id === "language-select") event.target.form.submit();
});

// Text limits (issue 12 §2) ------------------------------------------------------------------
// A text area with data-limit (hearth/templates/django/forms/widgets/textarea.html, or the
// {% text_limit %} tag) gets a counter beside it: "120 of 2,000 characters", in the reader's
// language and number format. It is read out politely only near the limit, and says so when
// the text is too long; the server refuses it with its own message, and nothing is cut off.
function textLimits(root) {
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  root.querySelectorAll("textarea[data-limit]").forEach((area) => {
    if (area.dataset.limitCounter) return;
    const limit = Number(area.dataset.limit);
    const counter = document.createElement("small");
    counter.className = "text-limit";
    counter.id = `${area.id || area.name}-limit`;
    area.dataset.limitCounter = counter.id;
    area.insertAdjacentElement("afterend", counter);
    const described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
    const show = () => {
      // Characters as the server counts them: a line break is sent as two (CR LF).
      const text = area.value;
      const count = [...text].length + (text.match(/\n/g) || []).length;
      const over = count > limit;
      const words = over ? area.dataset.limitOver : area.dataset.limitText;
      counter.textContent = words
        .replace("{count}", numbers.format(count))
        .replace("{limit}", numbers.format(limit));
      counter.classList.toggle("text-limit-over", over);
      if (count >= limit * 0.9) counter.setAttribute("aria-live", "polite");
      else counter.removeAttribute("aria-live");
    };
    area.addEventListener("input", show);
    show();
  });
}
textLimits(document);
document.addEventListener("htmx:load", (event) => textLimits(event.detail.elt));
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

// --- The meeting board, one person at a time (issue 12 §6) ------------------------------------
// meetings/board.html: every person's card (.board-row) in one form. On a phone the board
// shows one card at a time with Previous / Next, the position ("3 of 24") announced, and a list
// to jump to anyone; "Everyone" shows the whole list (the default on a desktop). Cards that are
// not shown stay in the form, so saving keeps every line.
function initBoardPager() {
  const board = document.querySelector("form.board");
  const pager = board && board.querySelector(".board-pager");
  const rows = board ? Array.from(board.querySelectorAll(".board-row")) : [];
  if (!pager || rows.length === 0) return;
  const status = pager.querySelector(".board-status");
  const jump = pager.querySelector(".board-jump");
  const previous = pager.querySelector("[data-board='previous']");
  const next = pager.querySelector("[data-board='next']");
  const everyone = pager.querySelector("[data-board='everyone']");
  let current = Math.max(0, rows.findIndex((row) => `#${row.id}` === location.hash));
  let oneAtATime = window.matchMedia("(max-width: 1023px)").matches;

  // remember: put the shown card in the address (#row-…), so a reload or the return after
  // saving comes back to it. Not on opening: the browser would then scroll to it.
  const show = (remember = false) => {
    board.classList.toggle("one-at-a-time", oneAtATime);
    rows.forEach((row, index) => {
      row.hidden = oneAtATime && index !== current;
    });
    previous.disabled = !oneAtATime || current === 0;
    next.disabled = !oneAtATime || current === rows.length - 1;
    jump.disabled = !oneAtATime;
    jump.value = rows[current].id;
    everyone.setAttribute("aria-pressed", String(!oneAtATime));
    if (oneAtATime) {
      const row = rows[current];
      status.textContent = `${row.dataset.position} · ${row.dataset.name}`;
      if (remember) history.replaceState(null, "", `#${row.id}`);
    } else {
      status.textContent = "";
    }
  };
  const goTo = (index) => {
    current = Math.min(Math.max(index, 0), rows.length - 1);
    show(true);
    pager.scrollIntoView({ block: "nearest" });
  };
  previous.addEventListener("click", () => goTo(current - 1));
  next.addEventListener("click", () => goTo(current + 1));
  jump.addEventListener("change", () => goTo(rows.findIndex((row) => row.id === jump.value)));
  everyone.addEventListener("click", () => {
    oneAtATime = !oneAtATime;
    show();
  });
  pager.hidden = false;
  show();
}

// --- Form errors where the person is looking (issue 12 §6) ------------------------------------
// includes/form.html puts a summary of the errors (.error-summary) at the top of a form that
// failed: it takes the focus when the page opens, and each of its links moves the focus to its
// field (the first control inside, for a group of radio buttons or checkboxes).
function initErrorSummary() {
  const summary = document.querySelector(".error-summary");
  if (!summary) return;
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const target = link && openAround(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    const control = target.matches("input, select, textarea, button")
      ? target
      : target.querySelector("input, select, textarea, button");
    (control || target).focus();
    (control || target).scrollIntoView({ block: "center" });
  });
  summary.focus();
  summary.scrollIntoView({ block: "start" });
}

initMainMenu();
initFolds();
initBoardPager();
initErrorSummary();
