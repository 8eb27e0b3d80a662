// Progressive enhancement of the contest's question page (issue #12): an answer is saved in the
// background as soon as it is chosen, with retries and a visible state; the timer is announced to
// screen readers at a few moments only. Without this script the form's buttons save the answer.
(function () {
  var form = document.querySelector("form[data-contest-answer]");
  if (!form) return;
  var state = form.querySelector("[data-save-state]");
  function save(attempt) {
    state.textContent = "Đang lưu…";
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) { state.textContent = "Đã lưu"; return; }
        state.textContent = body.message || "Chưa lưu được";
      });
    }).catch(function () {
      if (attempt < 5) {
        state.textContent = "Mất kết nối, đang thử lại…";
        setTimeout(function () { save(attempt + 1); }, 1000 * Math.pow(2, attempt));
      } else {
        state.textContent = "Chưa lưu được; vui lòng bấm nút Lưu.";
      }
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "option") save(0);
  });
  var timer = document.getElementById("han-nop");
  var shown = document.getElementById("con-lai");
  var spoken = document.getElementById("bao-gio");
  if (!timer || !shown || !spoken) return;
  var end = Date.now() + 1000 * parseInt(timer.getAttribute("data-remaining") || "0", 10);
  var announced = {};
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var text = left > 0 ? " — còn " + Math.floor(left / 60) + " phút " + (left % 60) + " giây" : " — đã hết giờ làm bài";
    shown.textContent = text;
    // Screen readers hear the time at 5 and 1 minutes left and at the end, never every second.
    [300, 60, 0].forEach(function (mark) {
      if (left <= mark && !announced[mark]) {
        announced[mark] = true;
        spoken.textContent = left > 0 ? "Còn " + Math.ceil(left / 60) + " phút làm bài." : "Đã hết giờ làm bài.";
      }
    });
    if (left > 0) setTimeout(tick, 1000);
  }
  tick();
})();
