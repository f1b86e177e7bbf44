// Each range input shows its value in the <output> tied to it while it moves (the what-if sliders).
document.addEventListener("input", function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "range") return;
  var output = document.querySelector('output[for="' + input.id + '"]');
  if (output) output.textContent = input.value + "%";
});
