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
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      document.getElementById(closer.dataset.closeDialog).close();
    }
  });

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
})();
