// Crier reader pages: progressive enhancement only; every page reads fully without it.
// 1. Registers /sw.js, which keeps the last pages read available offline.
// 2. Fills the "N new announcements, show" box by asking /api/announcements every
//    minute and when the window regains focus. It only counts: nothing on the page
//    moves or refreshes until the reader follows the link.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});

  var slot = document.querySelector(".live-slot");
  if (!slot || !window.fetch) return;
  var data = slot.dataset;
  var shown = {};
  (data.shown || "").split(" ").forEach(function (id) { if (id) shown[id] = true; });
  var url = "/api/announcements?limit=50" + (data.account ? "&account=" + encodeURIComponent(data.account) : "");
  var lastCount = 0;
  var busy = false;

  function show(count) {
    if (count === lastCount) return;
    lastCount = count;
    slot.textContent = "";
    if (count === 0) return;
    var link = document.createElement("a");
    link.className = "button-link";
    link.href = data.href || "/";
    link.textContent = count === 1 ? data.one : (data.other || "").replace("{count}", String(count));
    slot.appendChild(link);
  }

  function check() {
    if (busy || document.visibilityState === "hidden") return;
    busy = true;
    fetch(url, { headers: { accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (body) {
        var count = (body.items || []).filter(function (item) {
          return !shown[item.id] && (!data.newest || item.published > data.newest);
        }).length;
        show(count);
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  check();
  setInterval(check, 60000);
  window.addEventListener("focus", check);
  document.addEventListener("visibilitychange", check);
})();
