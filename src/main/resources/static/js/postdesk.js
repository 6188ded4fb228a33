// Postdesk dashboard behaviour: CSRF for htmx, dialogs, Ctrl/Cmd+Enter to send, the five-file limit.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Polling only while the tab is shown. Done here rather than as an hx-trigger filter, which htmx evaluates
  // with eval and the dashboard's CSP (script-src 'self') rightly refuses.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (document.visibilityState !== "visible" && elt.hasAttribute && elt.hasAttribute("data-poll-when-visible")) {
      event.preventDefault();
    }
  });

  // Validation answers (422) carry the form with its messages, and a stale sidebar (409) its fresh state and a
  // notice: swap them in like a success.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422
        || (event.detail.xhr.status === 409 && event.detail.xhr.getResponseHeader("X-Postdesk-Stale"))) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.dataset.openDialog);
      // data-dialog-field/-value: the opener fills one field of the dialog (the message a split takes).
      if (opener.dataset.dialogField) {
        document.getElementById(opener.dataset.dialogField).value = opener.dataset.dialogValue || "";
      }
      dialog.showModal();
      var first = dialog.querySelector("input, textarea, select");
      if (first) { first.focus(); }
    }
    var copier = event.target.closest("[data-copy]");
    if (copier) {
      var field = document.getElementById(copier.dataset.copy);
      field.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(function () { copier.textContent = "Copied"; });
      }
    }
    var toggle = event.target.closest("[data-toggle-properties]");
    if (toggle) {
      var collapsed = !document.querySelector("main.detail").classList.contains("properties-collapsed");
      try { window.localStorage.setItem("postdesk.propertiesCollapsed", collapsed ? "1" : "0"); } catch (e) { /* private mode */ }
      applyProperties();
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      document.getElementById(closer.dataset.closeDialog).close();
    }
  });

  // The ticket page's properties panel: collapsed or not, as this browser last chose; re-applied after each swap.
  function applyProperties() {
    var detail = document.querySelector("main.detail");
    var toggle = document.getElementById("properties-toggle");
    if (!detail || !toggle) {
      return;
    }
    var collapsed = false;
    try { collapsed = window.localStorage.getItem("postdesk.propertiesCollapsed") === "1"; } catch (e) { /* private mode */ }
    detail.classList.toggle("properties-collapsed", collapsed);
    toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
    toggle.textContent = collapsed ? "Show properties" : "Hide properties";
  }
  document.addEventListener("DOMContentLoaded", applyProperties);
  document.addEventListener("htmx:afterSettle", applyProperties);

  // Times come from the server in UTC (marked so); shown in the viewer's own zone, with the exact time on hover.
  function localTimes(root) {
    root.querySelectorAll("time[data-local][datetime]").forEach(function (element) {
      var at = new Date(element.getAttribute("datetime"));
      if (isNaN(at.getTime())) {
        return;
      }
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      var exact = at.getFullYear() + "-" + pad(at.getMonth() + 1) + "-" + pad(at.getDate()) + " "
          + pad(at.getHours()) + ":" + pad(at.getMinutes());
      // data-local="relative": "5 min ago" in the cell, the exact local time on hover.
      element.textContent = element.getAttribute("data-local") === "relative" ? relative(at) : exact;
      element.title = element.getAttribute("data-local") === "relative" ? exact + " (" + at.toString() + ")" : at.toString();
    });
  }
  function relative(at) {
    var seconds = Math.round((Date.now() - at.getTime()) / 1000);
    var units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
    var format = typeof Intl !== "undefined" && Intl.RelativeTimeFormat
        ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }) : null;
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1]) {
        var n = Math.round(seconds / units[i][1]);
        return format ? format.format(-n, units[i][0]) : n + " " + units[i][0] + (n === 1 ? "" : "s") + " ago";
      }
    }
    return format ? format.format(0, "minute") : "just now";
  }
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
  document.addEventListener("htmx:afterSettle", function () { localTimes(document); });

  // A dialog's form starts afresh each time it is opened: no messages or values left from the last try.
  document.addEventListener("close", function (event) {
    var dialog = event.target;
    if (!dialog.matches || !dialog.matches("dialog")) {
      return;
    }
    dialog.querySelectorAll("form").forEach(function (form) {
      form.reset();
      form.querySelectorAll(".error, .field-error").forEach(function (message) { message.remove(); });
      form.querySelectorAll("[aria-invalid]").forEach(function (field) {
        field.removeAttribute("aria-invalid");
        field.removeAttribute("aria-describedby");
      });
    });
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.id === "reply-body") {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-max-files]")) {
      var max = parseInt(input.dataset.maxFiles, 10);
      input.setCustomValidity(input.files.length > max ? "At most " + max + " files per reply." : "");
      input.reportValidity();
    }
  });

  // After a reply is sent, empty the composer for the next one; a refused one says why, under the composer.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form.id !== "composer") {
      return;
    }
    var error = document.getElementById("composer-error");
    if (event.detail.successful) {
      form.reset();
      error.hidden = true;
      error.textContent = "";
      return;
    }
    error.textContent = "Not sent: " + refusal(event.detail.xhr);
    error.hidden = false;
  });

  // The reason in an error answer: the error page's message, a problem detail, or the status. Read as text only.
  function refusal(xhr) {
    if (!xhr || xhr.status === 0) {
      return "the server could not be reached.";
    }
    var type = xhr.getResponseHeader("Content-Type") || "";
    try {
      if (type.indexOf("json") >= 0) {
        var problem = JSON.parse(xhr.responseText);
        if (problem.detail || problem.message) {
          return problem.detail || problem.message;
        }
      } else {
        var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var message = page.querySelector("[data-error-message]") || page.querySelector("main h1");
        if (message && message.textContent.trim()) {
          return message.textContent.trim();
        }
      }
    } catch (ignored) {
      // fall through to the status
    }
    return xhr.status === 413 ? "the files are too large." : "the server answered " + xhr.status + ".";
  }
  // AI Suggest: stream a draft into the reply box (newline-delimited JSON read with fetch; never sent by itself).
  // Alt+S starts it, Stop aborts it; whatever arrived stays in the box for the agent to edit.
  var suggestion = null;

  function startSuggestion() {
    var box = document.getElementById("ai-suggest");
    var body = document.getElementById("reply-body");
    if (!box || !body || suggestion) {
      return;
    }
    var start = document.getElementById("ai-suggest-start");
    var stop = document.getElementById("ai-suggest-stop");
    var source = document.getElementById("ai-suggest-source");
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    var headers = {"Content-Type": "application/x-www-form-urlencoded"};
    if (token && header) {
      headers[header.content] = token.content;
    }
    suggestion = new AbortController();
    start.hidden = true;
    stop.hidden = false;
    source.textContent = "Drafting…";
    body.value = "";
    var done = function (text) {
      suggestion = null;
      start.hidden = false;
      stop.hidden = true;
      source.textContent = text;
    };
    var includeNotes = document.getElementById("ai-include-notes").checked;
    fetch(box.dataset.url, {method: "POST", headers: headers, body: "includeNotes=" + includeNotes,
                            signal: suggestion.signal, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok || !response.body) {
          throw new Error("the server answered " + response.status + ".");
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var pending = "";
        var read = function () {
          return reader.read().then(function (part) {
            pending += decoder.decode(part.value || new Uint8Array(), {stream: !part.done});
            var lines = pending.split("\n");
            pending = part.done ? "" : lines.pop();
            lines.forEach(function (line) {
              if (!line.trim()) {
                return;
              }
              var event = JSON.parse(line);
              if (event.chunk !== undefined) {
                body.value += event.chunk;
              } else if (event.error) {
                done("AI Suggest failed: " + event.error);
              } else if (event.done) {
                done(event.reason ? event.reason : sourceLine(event));
              }
            });
            return part.done ? null : read();
          });
        };
        return read();
      })
      .catch(function (error) {
        done(error.name === "AbortError" ? "Stopped." : "AI Suggest failed: " + error.message);
      });
  }

  function sourceLine(event) {
    if (event.provider === "openai") {
      return "Draft by model " + event.model + (event.sources.length ? ", with tickets "
        + event.sources.map(function (s) { return "#" + s.ticketId; }).join(", ") + " as context" : "")
        + ". Review before sending.";
    }
    return "From ticket" + (event.sources.length > 1 ? "s " : " ")
      + event.sources.map(function (s) { return "#" + s.ticketId; }).join(", ") + ". Review before sending.";
  }

  document.addEventListener("click", function (event) {
    if (event.target.id === "ai-suggest-start") {
      startSuggestion();
    } else if (event.target.id === "ai-suggest-stop" && suggestion) {
      suggestion.abort();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === "s" || event.key === "S" || event.code === "KeyS")) {
      if (document.getElementById("ai-suggest")) {
        event.preventDefault();
        startSuggestion();
      }
    }
  });


  // Keyboard shortcuts: one registry, keyed by the page (body[data-page]) or "any". A page adds its keys with
  // Postdesk.shortcuts.add(page, key, label, handler); a key without a handler is only listed in the ? dialog.
  // Keys are ignored while typing in a field, with Ctrl/Alt/Meta held, or while a dialog is open.
  var shortcuts = [];
  var pageNames = { any: "Everywhere", list: "Ticket list", ticket: "Ticket page" };
  window.Postdesk = window.Postdesk || {};
  window.Postdesk.shortcuts = {
    add: function (page, key, label, handler) {
      var existing = shortcuts.filter(function (s) { return s.page === page && s.key === key; })[0];
      if (existing) {
        existing.label = label || existing.label;
        existing.handler = handler || existing.handler;
      } else {
        shortcuts.push({ page: page, key: key, label: label, handler: handler });
      }
    }
  };
  function typing(target) {
    // A ticked checkbox keeps focus, but is not typing: j/k/x go on working after a click on one.
    return target && target.closest
        && target.closest("input:not([type=checkbox]), textarea, select, [contenteditable]") !== null;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || typing(event.target)
        || document.querySelector("dialog[open]")) {
      return;
    }
    var page = document.body.getAttribute("data-page");
    var match = shortcuts.filter(function (s) {
      return s.key === event.key && s.handler && (s.page === page || s.page === "any");
    })[0];
    // A handler that returns false left the key alone (the browser's own action goes ahead).
    if (match && match.handler(event) !== false) {
      event.preventDefault();
    }
  });

  function showShortcuts() {
    var dialog = document.getElementById("shortcuts-dialog");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "shortcuts-dialog";
      dialog.setAttribute("aria-labelledby", "shortcuts-title");
      var title = document.createElement("h2");
      title.id = "shortcuts-title";
      title.textContent = "Keyboard shortcuts";
      dialog.appendChild(title);
      ["list", "ticket", "any"].forEach(function (page) {
        var keys = shortcuts.filter(function (s) { return s.page === page; });
        if (!keys.length) {
          return;
        }
        var heading = document.createElement("h3");
        heading.textContent = pageNames[page] || page;
        var list = document.createElement("dl");
        list.className = "shortcuts";
        keys.forEach(function (s) {
          var dt = document.createElement("dt");
          var kbd = document.createElement("kbd");
          kbd.textContent = s.key === "Enter" ? "Enter" : s.key;
          dt.appendChild(kbd);
          var dd = document.createElement("dd");
          dd.textContent = s.label;
          list.appendChild(dt);
          list.appendChild(dd);
        });
        dialog.appendChild(heading);
        dialog.appendChild(list);
      });
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close";
      close.addEventListener("click", function () { dialog.close(); });
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(close);
      dialog.appendChild(actions);
      document.body.appendChild(dialog);
    }
    dialog.showModal();
  }
  window.Postdesk.shortcuts.add("any", "?", "Show this list", showShortcuts);

  // The list: j/k move a highlight over the rows (kept across the 30 s refresh by ticket id), Enter opens.
  var currentTicket = null;
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table.tickets tbody tr[data-ticket]"));
  }
  function highlight(row) {
    rows().forEach(function (r) { r.classList.remove("current"); });
    if (row) {
      row.classList.add("current");
      currentTicket = row.getAttribute("data-ticket");
      var link = row.querySelector("td.subject a");
      if (link) {
        link.focus();
      }
    }
  }
  function move(step) {
    var all = rows();
    if (!all.length) {
      return;
    }
    var at = all.findIndex(function (r) { return r.getAttribute("data-ticket") === currentTicket; });
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step));
    highlight(all[next]);
  }
  document.addEventListener("htmx:afterSettle", function () {
    var again = rows().filter(function (r) { return r.getAttribute("data-ticket") === currentTicket; })[0];
    if (again) {
      again.classList.add("current");
    }
  });
  window.Postdesk.shortcuts.add("list", "j", "Next ticket", function () { move(1); });
  window.Postdesk.shortcuts.add("list", "k", "Previous ticket", function () { move(-1); });
  window.Postdesk.shortcuts.add("list", "Enter", "Open the highlighted ticket", function (event) {
    var row = rows().filter(function (r) { return r.getAttribute("data-ticket") === currentTicket; })[0];
    var link = row && row.querySelector("td.subject a");
    // Enter on another link or a button keeps its own meaning.
    if (!link || (event.target !== document.body && !row.contains(event.target))) {
      return false;
    }
    window.location.assign(link.getAttribute("href"));
  });
  // The ticket page's keys; the ticket page script adds their handlers with the same call.
  window.Postdesk.shortcuts.add("ticket", "r", "Reply");
  window.Postdesk.shortcuts.add("ticket", "n", "Add an internal note");
  window.Postdesk.shortcuts.add("ticket", "a", "Assign to me");
  window.Postdesk.shortcuts.add("ticket", "e", "Close the ticket");
  // Alt+S is handled by AI Suggest above (the registry ignores keys with Alt held); listed here for the ? dialog.
  window.Postdesk.shortcuts.add("ticket", "Alt+S", "AI Suggest: draft a reply");

  // Bulk selection on the list: select-all for the page, a count in the bar, x toggles the highlighted row. The 30 s
  // refresh would redraw the rows and drop the ticks, so it waits while anything is selected.
  function selectedBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll("#bulk input[name=ids]:checked"));
  }
  function updateBulkCount() {
    var count = document.getElementById("bulk-count");
    var all = document.getElementById("select-all");
    if (!count) {
      return;
    }
    var n = selectedBoxes().length;
    var boxes = document.querySelectorAll("#bulk input[name=ids]").length;
    count.textContent = n ? n + (n === 1 ? " ticket selected" : " tickets selected")
        : "Select tickets to act on several at once";
    if (all) {
      all.checked = n > 0 && n === boxes;
      all.indeterminate = n > 0 && n < boxes;
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "select-all") {
      document.querySelectorAll("#bulk input[name=ids]").forEach(function (box) { box.checked = event.target.checked; });
    }
    if (event.target.closest && event.target.closest("#bulk")) {
      updateBulkCount();
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === "bulk" && !selectedBoxes().length) {
      event.preventDefault();
      document.getElementById("bulk-count").textContent = "Select at least one ticket first.";
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.id === "results" && selectedBoxes().length) {
      event.preventDefault();
    }
  });
  window.Postdesk.shortcuts.add("list", "x", "Select the highlighted ticket", function () {
    var row = rows().filter(function (r) { return r.getAttribute("data-ticket") === currentTicket; })[0];
    var box = row && row.querySelector("input[name=ids]");
    if (!box) {
      return false;
    }
    box.checked = !box.checked;
    updateBulkCount();
  });

  // Toasts: a postdesk:toast event (from an HX-Trigger header) shown in the layout's role="status" region, with an
  // Undo button that posts the previous value back to the sidebar. Built with textContent only.
  document.addEventListener("postdesk:toast", function (event) {
    var region = document.getElementById("toasts");
    var detail = event.detail || {};
    if (!region || !detail.message) {
      return;
    }
    region.textContent = "";
    var toast = document.createElement("p");
    toast.className = "toast";
    toast.appendChild(document.createTextNode(detail.message + " "));
    if (detail.undo && detail.undo.url && detail.undo.url.charAt(0) === "/" && window.htmx) {
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "link";
      undo.id = "toast-undo";
      undo.textContent = "Undo";
      undo.addEventListener("click", function () {
        var values = Object.assign({}, detail.undo.fields || {});
        var seen = document.getElementById("seen");
        if (seen) {
          values.seen = seen.value;
        }
        region.textContent = "";
        window.htmx.ajax("POST", detail.undo.url, { target: "#sidebar", swap: "outerHTML", values: values });
      });
      toast.appendChild(undo);
    }
    region.appendChild(toast);
  });
})();
