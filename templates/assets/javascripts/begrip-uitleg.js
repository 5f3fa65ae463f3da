/* Wijkkompas: the glossary explanations (generator/markdown_abbr.py).
   The stylesheet shows an explanation on hover and focus; this script adds what
   WCAG 1.4.13 asks beyond that: Escape closes it without moving focus or pointer,
   and an explanation that would run off the window moves back into it. */
(function () {
  "use strict";
  function place(begrip) {
    // Keep the explanation inside the window: move it left as far as needed.
    var uitleg = begrip.querySelector(":scope > [role=tooltip]");
    if (!uitleg) return;
    uitleg.style.left = "";
    var rect = uitleg.getBoundingClientRect();
    if (!rect.width) return;
    var width = document.documentElement.clientWidth, margin = 8, shift = 0;
    if (rect.right > width - margin) shift = width - margin - rect.right;
    if (rect.left + shift < margin) shift = margin - rect.left;
    if (shift) uitleg.style.left = shift + "px";
  }
  function open(event) {
    var begrip = event.target.closest && event.target.closest(".wk-begrip");
    if (!begrip) return;
    begrip.classList.remove("wk-begrip--dicht");
    place(begrip);
  }
  document.addEventListener("mouseover", open);
  document.addEventListener("focusin", open);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".wk-begrip:hover, .wk-begrip:focus-within");
    for (var i = 0; i < open.length; i++) open[i].classList.add("wk-begrip--dicht");
  });
})();
