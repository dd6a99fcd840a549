// Crier reader pages: progressive enhancement only; every page reads fully without it.
// 1. Registers /sw.js, which keeps the last pages read available offline.
// 2. Offers "Tell me about emergencies on this device" where the browser can take push
//    messages: subscribes with Crier's VAPID key and sends the subscription to
//    /api/push/subscriptions. Without it the footer says how else to follow.
// 3. Fills the "N new announcements, show" box by asking /api/announcements every
//    minute and when the window regains focus. It only counts: nothing on the page
//    moves or refreshes until the reader follows the link.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
  offerEmergencyPush();

  function offerEmergencyPush() {
    var pushSlot = document.querySelector(".push-slot");
    if (!pushSlot || !window.fetch || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
    var labels = pushSlot.dataset;
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = labels.label;
    button.addEventListener("click", function () {
      button.disabled = true;
      Notification.requestPermission()
        .then(function (permission) {
          if (permission !== "granted") throw new Error("not allowed");
          return Promise.all([navigator.serviceWorker.ready, fetch("/api/push/key").then(function (response) { return response.json(); })]);
        })
        .then(function (both) {
          return both[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes(both[1].publicKey) });
        })
        .then(function (subscription) {
          var body = subscription.toJSON();
          body.language = labels.lang;
          return fetch("/api/push/subscriptions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        })
        .then(function (response) {
          if (!response.ok) throw new Error("refused");
          button.remove();
          status.textContent = labels.done;
        })
        .catch(function () {
          button.disabled = false;
          status.textContent = labels.failed;
        });
    });
    pushSlot.appendChild(button);
    pushSlot.appendChild(status);
  }

  function toBytes(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

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
