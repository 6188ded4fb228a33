// The ticket page's keys: r reply, n team note, a assign to me, e close (Resolved). They go into the shortcut
// registry of postdesk.js (Postdesk.shortcuts, which also ignores keys while typing); without the registry nothing
// is installed. a and e work through the sidebar's own selects, so the post carries the CSRF token and the "seen"
// check: a ticket changed meanwhile is not saved over, the fresh sidebar comes back with a notice.
(function () {
  "use strict";

  var registry = window.Postdesk && window.Postdesk.shortcuts;
  if (!registry || document.body.getAttribute("data-page") !== "ticket") {
    return;
  }

  function compose(internal) {
    var body = document.getElementById("reply-body");
    var note = document.getElementById("internal");
    if (!body) {
      return false;
    }
    if (note) {
      note.checked = internal;
    }
    body.focus();
  }

  // Sets a sidebar select and lets htmx post it, as a change by hand would. Nothing to do when already so.
  function choose(selectId, value) {
    var select = document.getElementById(selectId);
    if (!select || !value || select.value === value) {
      return;
    }
    var before = select.value;
    select.value = value;
    if (select.value !== value) { // no such option (a deactivated agent, say)
      select.value = before;
      return;
    }
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  registry.add("ticket", "r", "Reply", function () { return compose(false); });
  registry.add("ticket", "n", "Add an internal note", function () { return compose(true); });
  registry.add("ticket", "a", "Assign to me", function () {
    choose("assignee", document.body.getAttribute("data-staff-id"));
  });
  registry.add("ticket", "e", "Close the ticket (Resolved)", function () { choose("status", "resolved"); });
  // m opens the merge dialog, as its button does (a merged or spam ticket has no button, so nothing happens).
  registry.add("ticket", "m", "Merge into another ticket", function () {
    var opener = document.getElementById("merge-open");
    if (!opener) {
      return false;
    }
    opener.click();
  });
})();
