// The collision notice, browser half: the presence poll (#presence, every few seconds) says whether this agent is
// typing in the composer. Typing sends one early poll at once (debounced) so colleagues see "replying" quickly.
(function () {
  "use strict";

  var REPLYING_FOR_MS = 15000; // after the last keystroke, an agent counts as replying this long
  var lastTyped = 0;
  var reported = "viewing";
  var pending = null;

  function state() {
    return Date.now() - lastTyped < REPLYING_FOR_MS ? "replying" : "viewing";
  }

  function pollNow() {
    var element = document.getElementById("presence");
    if (element && window.htmx) {
      window.htmx.trigger(element, "presence-now");
    }
  }

  document.addEventListener("input", function (event) {
    if (event.target.id !== "reply-body") {
      return;
    }
    lastTyped = Date.now();
    if (reported !== "replying" && pending === null) {
      pending = window.setTimeout(function () { pending = null; pollNow(); }, 300);
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id === "presence") {
      reported = state();
      event.detail.parameters.state = reported;
    }
  });

  // A sent reply ends "replying" at once.
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt.id === "composer" && event.detail.successful) {
      lastTyped = 0;
      pollNow();
    }
  });
})();
