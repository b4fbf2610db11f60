// The customer-facing display: asks every second what to show, and shows only that.
(function () {
  "use strict";
  var url = document.body.dataset.stateUrl;
  var shown = null;

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
    if (state.view === "qr") {
      document.querySelector("[data-view=qr] img").src = state.qr_image_url;
    }
    if (state.view === "result") {
      var el = document.querySelector("[data-testid=display-result-text]");
      el.textContent = el.dataset[state.result] || state.result;
      document.body.dataset.result = state.result;
    }
  }

  function poll() {
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { view: "idle" }; })
      .then(show)
      .catch(function () { /* offline for a moment: keep what is shown */ })
      .finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
