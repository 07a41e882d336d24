// Hearth's own script: no inline code anywhere (Content Security Policy).
document.addEventListener("change", (event) => {
  // A language switcher that submits itself when JavaScript runs; the button stays for when not.
  if (event.target.id === "language-select") event.target.form.submit();
});
