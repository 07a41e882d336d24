// The person's copy: a print button (no inline script: Content Security Policy).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
