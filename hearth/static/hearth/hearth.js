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
