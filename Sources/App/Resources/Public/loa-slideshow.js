// Slideshow buttons: previous / next, and "n / total" announced politely. Nothing moves by itself.
(function () {
  "use strict";
  document.querySelectorAll("[data-slideshow]").forEach(function (show) {
    var list = show.querySelector(".slides");
    var slides = show.querySelectorAll(".slide");
    if (!list || slides.length < 2) return;
    var current = 0;
    var controls = document.createElement("div");
    controls.className = "slideshow-controls";
    var status = document.createElement("p");
    status.setAttribute("aria-live", "polite");
    function button(label, step) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", function () { go(current + step); });
      return b;
    }
    function go(index) {
      current = (index + slides.length) % slides.length;
      list.scrollTo({ left: slides[current].offsetLeft - list.offsetLeft, top: 0 });
      status.textContent = "Ảnh " + (current + 1) + " / " + slides.length;
    }
    controls.appendChild(button("‹ Ảnh trước", -1));
    controls.appendChild(button("Ảnh sau ›", 1));
    controls.appendChild(status);
    show.appendChild(controls);
    status.textContent = "Ảnh 1 / " + slides.length;
    list.addEventListener("scroll", function () {
      var index = Math.round(list.scrollLeft / Math.max(1, list.clientWidth));
      if (index !== current && index < slides.length) {
        current = index;
        status.textContent = "Ảnh " + (current + 1) + " / " + slides.length;
      }
    }, { passive: true });
  });
})();
