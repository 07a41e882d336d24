// The person signs on the worker's phone (signature_pad, loaded before this file): a plan's
// agreement, a consent, a document's acknowledgement — markup in includes/signature_pad.html.
// Without JavaScript the pads stay hidden and the other ways (on paper, aloud before a
// witness) still work.
(function () {
  if (typeof SignaturePad === "undefined") return;

  function bind(box) {
    box.dataset.bound = "true"; // each pad's markup loads this file: bind a pad once
    const form = box.closest("form");
    const canvas = box.querySelector("canvas");
    const input = box.previousElementSibling; // the hidden input[data-signature-value]
    const status = box.querySelector("[data-signature-status]");
    const pad = new SignaturePad(canvas, { backgroundColor: "rgb(255, 255, 255)" });
    // "way=signed_screen": shown only while that choice is checked (a plan's agreement).
    const [whenName, whenValue] = (box.dataset.signatureWhen || "").split("=");
    // "given_how": a drawn signature replaces those choices (a consent, an acknowledgement).
    const insteadOf = box.dataset.signatureInsteadOf || "";
    let restored = input.value; // the drawing sent with a form that came back with an error

    function drawn() {
      return !pad.isEmpty();
    }

    function show() {
      status.textContent = drawn() ? status.dataset.signed : status.dataset.empty;
    }

    function draw(strokes) {
      // What was sent back with the form first, then the strokes drawn since.
      pad.clear();
      if (!restored) {
        pad.fromData(strokes);
        show();
        return;
      }
      const size = { width: canvas.offsetWidth, height: canvas.offsetHeight };
      pad.fromDataURL(restored, size).then(() => {
        pad.fromData(strokes, { clear: false });
        show();
      });
    }

    function resize() {
      // Match the canvas to its size on screen and the pixel density, keeping what is drawn.
      if (!canvas.offsetWidth) return;
      const strokes = pad.toData();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      draw(strokes);
    }

    function chosen(name) {
      const checked = form.querySelector(`input[name="${name}"]:checked`);
      return checked ? checked.value : "";
    }

    function toggle() {
      if (whenName) box.hidden = chosen(whenName) !== whenValue;
      resize();
    }

    function forget() {
      restored = "";
      pad.clear();
      input.value = "";
      show();
    }

    box.querySelector("[data-signature-clear]").addEventListener("click", forget);
    box.querySelector("[data-signature-undo]").addEventListener("click", () => {
      const strokes = pad.toData();
      if (strokes.length) strokes.pop();
      else restored = "";
      draw(strokes);
    });
    pad.addEventListener("endStroke", () => {
      if (insteadOf) {
        form.querySelectorAll(`input[name="${insteadOf}"]`).forEach((choice) => {
          choice.checked = false;
        });
      }
      show();
    });
    form.addEventListener("change", (event) => {
      if (whenName && event.target.name === whenName) toggle();
      if (insteadOf && event.target.name === insteadOf && event.target.checked) forget();
    });
    form.addEventListener("submit", () => {
      const wanted = !whenName || chosen(whenName) === whenValue;
      input.value = wanted && drawn() ? pad.toDataURL("image/png") : "";
    });
    window.addEventListener("resize", resize);
    box.hidden = false;
    toggle();
  }

  document.querySelectorAll("[data-signature-pad]:not([data-bound])").forEach(bind);
})();
