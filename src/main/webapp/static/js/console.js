// The console's small live parts: payment states that change while the page is open, and
// countdowns to deadlines. No framework; every page works without this script too.
(function () {
  "use strict";

  function label(table, status, prefix) {
    var key = (prefix || "label") + status.charAt(0).toUpperCase() + status.slice(1);
    return (table && table.dataset[key]) || status;
  }

  // Rows and fields marked data-payment-id follow the stream of payment changes.
  var live = document.querySelector("[data-live]");
  if (live && window.EventSource) {
    var source = null;
    var open = function () {
      source = new EventSource(live.dataset.live);
      source.addEventListener("payment", onChange);
    };
    // give the connection back when the page goes (browsers allow only a few per host)
    window.addEventListener("pagehide", function () {
      if (source) {
        source.close();
      }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        open();
      }
    });
    open();
  }

  // The payment page itself: when the payment's status or Klarna state moves, the page is drawn
  // again from the server, so its actions, timeline, ids and deadlines follow the state.
  var page = document.querySelector("main[data-payment-id], main[data-redraw]");
  var redrawing = false;
  function redraw() {
    if (redrawing || !window.fetch || !window.DOMParser) {
      return;
    }
    redrawing = true;
    fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
          if (fresh) {
            page.innerHTML = fresh.innerHTML;
            bindCopy(page);
            clocks = document.querySelectorAll("[data-deadline]");
            tick();
          }
        }
      })
      .finally(function () {
        redrawing = false;
      });
  }

  // A list opened on its first page counts payments created since it was drawn and offers them.
  var hint = document.querySelector("[data-new-payments]");
  var opened = live && live.dataset.openedAt ? Date.parse(live.dataset.openedAt) : null;
  var fresh = {};
  function newPayment(change) {
    if (!hint || opened === null || !change.created_at || Date.parse(change.created_at) <= opened
        || document.querySelector('[data-payment-id="' + change.id + '"]')) {
      return;
    }
    fresh[change.id] = true;
    var n = Object.keys(fresh).length;
    hint.querySelector("[data-count]").textContent =
        n === 1 ? hint.dataset.one : hint.dataset.many.replace("{0}", n);
    hint.hidden = false;
  }

  function onChange(event) {
    var change = JSON.parse(event.data);
    newPayment(change);
    if (page && page.dataset.redraw !== undefined
        && !document.querySelector('[data-payment-id="' + change.id + '"]')) {
      redraw(); // a page of what is current (the tills): a payment it does not show may belong
      return;
    }
    if (page && page.dataset.paymentId === change.id) {
      var shown = page.querySelector("[data-field=status]");
      var shownState = page.querySelector("[data-field=state]");
      var shownMoney = page.querySelector("[data-field=money-status]");
      if ((shown && shown.dataset.value !== change.status)
          || (shownState && change.state && shownState.textContent.trim() !== change.state)
          || (shownMoney && change.money_status && shownMoney.dataset.value !== change.money_status)) {
        // a capture, refund or release moves the money badge and amounts, not the status
        redraw();
        return;
      }
    }
    document.querySelectorAll('[data-payment-id="' + change.id + '"]').forEach(function (el) {
      var status = el.querySelector("[data-field=status]");
      if (status && status.dataset.value !== change.status) {
        status.dataset.value = change.status;
        status.className = "status " + change.status.toUpperCase();
        status.textContent = label(live, change.status);
      }
      var money = el.querySelector("[data-field=money-status]");
      if (money && change.money_status && money.dataset.value !== change.money_status) {
        money.dataset.value = change.money_status;
        money.className = "money " + change.money_status;
        money.textContent = label(live, change.money_status, "money");
      }
      var state = el.querySelector("[data-field=state]");
      if (state && change.state) {
        state.textContent = change.state;
      }
      el.classList.add("changed");
    });
  }

  // <time data-deadline="ISO"> shows the time left, and "passed" after it.
  var clocks = document.querySelectorAll("[data-deadline]");
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var left = Math.round((Date.parse(el.dataset.deadline) - now) / 1000);
      var out = el.parentElement.querySelector("[data-countdown]");
      if (!out) {
        return;
      }
      if (left <= 0) {
        out.textContent = out.dataset.passed || "passed";
        return;
      }
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      out.textContent = (h > 0 ? h + " h " : "") + m + " min " + (s < 10 ? "0" : "") + s + " s";
    });
  }
  tick();
  setInterval(tick, 1000);

  // The new-store form shows the fields of the chosen store type only (all of them without script).
  var typeSwitch = document.querySelector("select[data-type-switch]");
  function showType() {
    document.querySelectorAll("[data-for-type]").forEach(function (group) {
      group.hidden = group.dataset.forType !== typeSwitch.value;
    });
  }
  if (typeSwitch) {
    typeSwitch.addEventListener("change", showType);
    showType();
  }

  // Copy buttons: shown only where the clipboard can be written; they say when it is done.
  function bindCopy(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) {
        return;
      }
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var source = document.querySelector(button.dataset.copy);
        var text = source ? (source.value || source.textContent).trim() : "";
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = button.dataset.copied || "Copied";
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }
  bindCopy(document);
})();

// A dispute's file upload: the type and size are checked here before anything is sent (the server
// checks again), then the file goes as it is, with the session's CSRF header.
(function () {
  var form = document.querySelector('form[data-testid="upload-form"]');
  if (!form) {
    return;
  }
  var problem = form.querySelector('[data-testid="upload-problem"]');
  var types = ['pdf', 'jpg', 'jpeg', 'png', 'docx'];
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = form.querySelector('input[type="file"]').files[0];
    var say = function (text) {
      problem.textContent = text;
      problem.hidden = false;
    };
    if (!file || file.size === 0) {
      return say(form.dataset.empty);
    }
    var extension = file.name.split('.').pop().toLowerCase();
    if (types.indexOf(extension) < 0) {
      return say(form.dataset.badType);
    }
    if (file.size > Number(form.dataset.maxBytes)) {
      return say(form.dataset.tooLarge);
    }
    var headers = {'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name)};
    headers[form.dataset.csrfName] = form.dataset.csrfToken;
    fetch(form.action, {method: 'POST', headers: headers, body: file, credentials: 'same-origin'})
      .then(function (r) {
        if (r.ok) {
          window.location.assign(form.dataset.done);
        } else {
          r.text().then(say);
        }
      })
      .catch(function () { say(form.dataset.badType); });
  });
})();
