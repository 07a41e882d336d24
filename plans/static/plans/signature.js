// The person signs the plan on the phone's screen (signature_pad, loaded before this file).
// Without JavaScript the pad stays hidden and the spoken, witnessed agreement still works.
(function () {
  const box = document.querySelector("[data-signature-pad]");
  if (!box || typeof SignaturePad === "undefined") return;
  const form = box.closest("form");
  const canvas = box.querySelector("canvas");
  const input = form.querySelector("input[name=signature]");
  const pad = new SignaturePad(canvas, { backgroundColor: "rgb(255, 255, 255)" });

  function resize() {
    // Match the canvas to its size on screen and the pixel density, keeping what is drawn.
    if (!canvas.offsetWidth) return;
    const strokes = pad.toData();
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  }

  function chosenWay() {
    const checked = form.querySelector("input[name=way]:checked");
    return checked ? checked.value : "";
  }

  function toggle() {
    box.hidden = chosenWay() !== "signed_screen";
    resize();
  }

  box.querySelector("[data-signature-clear]").addEventListener("click", () => {
    pad.clear();
    input.value = "";
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "way") toggle();
  });
  form.addEventListener("submit", () => {
    input.value = chosenWay() === "signed_screen" && !pad.isEmpty() ? pad.toDataURL("image/png") : "";
  });
  window.addEventListener("resize", resize);
  toggle();
})();
