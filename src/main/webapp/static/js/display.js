// The customer-facing display: asks every second what to show, and shows only that. A link that
// was replaced or revoked answers 404: the screen says it was disconnected instead of looking idle.
(function () {
  "use strict";
  var url = document.body.dataset.stateUrl;
  var shown = null;
  var expiresAt = null;
  // no answer for a while: what is on the screen may be stale (an outcome, a QR code); say so
  var lastContact = Date.now();
  var reconnectingAfter = Number(document.body.dataset.reconnectingAfter) || 5000;
  var askAfter = Number(document.body.dataset.askAfter) || 30000;

  function show(state) {
    if (state.key === shown && state.view !== "idle") {
      return;
    }
    shown = state.key || state.view;
    document.querySelectorAll("section[data-view]").forEach(function (section) {
      section.hidden = section.dataset.view !== state.view;
    });
    document.body.dataset.view = state.view;
    document.querySelectorAll("[data-field=amount]").forEach(function (el) {
      el.textContent = state.amount || "";
    });
    // the real time left, as the gateway counts it (expires_in_seconds, from Klarna's expires_at):
    // the screen's own clock may be wrong, and the journey may last 15 minutes or 48 hours
    expiresAt = null;
    if (state.view === "qr" && typeof state.expires_in_seconds === "number" && state.expires_in_seconds >= 0) {
      expiresAt = Date.now() + state.expires_in_seconds * 1000;
    } else if (state.view === "qr" && state.expires_at) {
      expiresAt = Date.parse(state.expires_at);
    }
    document.querySelector("[data-testid=display-qr-timeout]").hidden = expiresAt === null;
    tick();
    if (state.view === "qr") {
      document.querySelector("[data-view=qr] img").src = state.qr_image_url;
    }
    if (state.view === "result") {
      var el = document.querySelector("[data-testid=display-result-text]");
      el.textContent = el.dataset[state.result] || state.result;
      var icon = document.querySelector("[data-testid=display-result-icon]");
      icon.textContent = icon.dataset[state.result] || "";
      document.body.dataset.result = state.result;
    }
  }

  function offline() {
    var silent = Date.now() - lastContact;
    if (shown === "disconnected" || silent < reconnectingAfter) {
      return;
    }
    document.querySelectorAll("section[data-view]").forEach(function (section) {
      section.hidden = section.dataset.view !== "offline";
    });
    document.body.dataset.view = "offline";
    var text = document.querySelector("[data-testid=display-offline-text]");
    text.textContent = silent >= askAfter ? text.dataset.ask : text.dataset.reconnecting;
    shown = "offline"; // shown again in full once the gateway answers
  }
  setInterval(offline, 1000);

  function tick() {
    if (expiresAt === null) {
      return;
    }
    var box = document.querySelector("[data-testid=display-qr-timeout]");
    var left = Math.round((expiresAt - Date.now()) / 1000);
    if (left <= 0) {
      box.querySelector("[data-times-out]").textContent = box.dataset.passed;
      box.querySelector("[data-left]").textContent = "";
      return;
    }
    box.querySelector("[data-left]").textContent = clockText(left);
  }
  setInterval(tick, 1000);

  // 14:59, or 47:59:59 for a journey of hours
  function clockText(left) {
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    var mm = h > 0 && m < 10 ? "0" + m : String(m);
    return (h > 0 ? h + ":" + mm : mm) + ":" + (s < 10 ? "0" : "") + s;
  }

  function poll() {
    fetch(url, { cache: "no-store" })
      .then(function (r) {
        if (r.status === 404 || r.status === 410) {
          return { view: "disconnected" };
        }
        return r.ok ? r.json() : null;
      })
      .then(function (state) {
        if (state) {
          lastContact = Date.now();
          show(state);
        }
      })
      .catch(function () { /* offline for a moment: keep what is shown */ })
      .finally(function () {
        if (shown !== "disconnected") {
          setTimeout(poll, 1000);
        } else {
          setTimeout(poll, 15000); // paired again under the same link is impossible; look rarely
        }
      });
  }
  poll();
})();
