// The programme editor works without this script: plain forms, a POST and a redirect.
// With it:
// - "add a row" needs no reload (each formset has a <template> of an empty row whose names
//   hold "__prefix__");
// - the sessions form (data-save-in-place) is saved in place: the same POST, sent with
//   fetch and asking for JSON, answered with the new messages, warnings, overview and form
//   (saved afresh, or with the errors by row). When the server cannot be reached or answers
//   anything else, the form stays as typed and a message says that nothing was saved;
// - a featured initiative picked in "Initiatief toevoegen" joins the lines above it at once.
(function () {
  "use strict";

  function addButton(container) {
    var name = container.getAttribute("data-formset");
    var template = document.querySelector('template[data-empty-row="' + name + '"]');
    var total = document.getElementById("id_" + name + "-TOTAL_FORMS");
    if (!template || !total) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button programme-editor__add";
    button.textContent = container.getAttribute("data-add-label") || "Rij toevoegen";
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var before = container.children.length;
      container.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      // A row may be more than one element (a slot's speakers have a line of their own).
      var added = container.children[before];
      var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
    var anchor = container.closest("table") || container;
    anchor.insertAdjacentElement("afterend", button);
  }

  function setUp(root) {
    root.querySelectorAll("[data-formset]").forEach(addButton);
  }

  // Saving in place ----------------------------------------------------------------------

  // Beside the save button too: the messages stand above the forms, out of sight after a
  // save at the foot of a long programme.
  function showStatus(form, text) {
    var status = form.querySelector("[data-save-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function say(form, text, level) {
    showStatus(form, text);
    var holder = document.getElementById("programme-editor-messages");
    if (!holder) {
      return;
    }
    var list = document.createElement("ul");
    list.className = "messagelist";
    var item = document.createElement("li");
    item.className = level;
    item.textContent = text;
    list.appendChild(item);
    holder.replaceChildren(list);
  }

  function replaceInner(id, html) {
    var holder = document.getElementById(id);
    if (holder) {
      holder.innerHTML = html;
    }
  }

  function apply(form, answer, focused) {
    replaceInner("programme-editor-messages", answer.messages);
    replaceInner("programme-editor-warnings", answer.warnings);
    replaceInner("programme-editor-overview", answer.overview);
    var parsed = document.createElement("template");
    parsed.innerHTML = answer.sessions.trim();
    var fresh = parsed.content.querySelector("form");
    form.replaceWith(fresh);
    setUp(fresh);
    var messages = document.getElementById("programme-editor-messages");
    showStatus(fresh, messages ? messages.textContent.replace(/\s+/g, " ").trim() : "");
    var error = fresh.querySelector(".errorlist");
    if (!answer.saved && error) {
      error.scrollIntoView({ block: "center" });
      var field = error.parentElement.querySelector("input:not([type=hidden]), select, textarea");
      if (field) {
        field.focus({ preventScroll: true });
      }
    } else if (focused && document.getElementById(focused)) {
      document.getElementById(focused).focus({ preventScroll: true });
    }
  }

  function saveInPlace(form) {
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    var focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : "";
    var data = new FormData(form);
    // Nothing can be typed while the save is on its way: the answer replaces the form.
    form.setAttribute("aria-busy", "true");
    form.inert = true;
    say(form, form.getAttribute("data-saving"), "info");
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      // A login page reached by a redirect is no answer to a save.
      redirect: "manual",
    })
      .then(
        function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (response.type === "opaqueredirect" || type.indexOf("application/json") !== 0) {
            throw new Error("answer");
          }
          return response.json().then(function (answer) {
            if (typeof answer.sessions !== "string") {
              throw new Error("answer");
            }
            apply(form, answer, focused);
          });
        },
        function () {
          throw new Error("network");
        }
      )
      .catch(function (error) {
        // What was typed stays: the form is only replaced by an answer the server made for it.
        var network = error && error.message === "network";
        say(form, form.getAttribute(network ? "data-failed-network" : "data-failed-answer"), "error");
        form.removeAttribute("aria-busy");
        form.inert = false;
        if (focused && document.getElementById(focused)) {
          document.getElementById(focused).focus({ preventScroll: true });
        }
      });
  }

  // Featured initiatives -----------------------------------------------------------------

  function addInitiative(box) {
    var name = box.value.trim();
    var lines = document.getElementById(box.getAttribute("data-initiatives-for"));
    if (!name || !lines) {
      return;
    }
    var names = lines.value.split(/\r?\n/).map(function (line) {
      return line.trim();
    }).filter(Boolean);
    var known = names.some(function (line) {
      return line.toLowerCase() === name.toLowerCase();
    });
    if (!known) {
      names.push(name);
    }
    lines.value = names.join("\n");
    box.value = "";
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Enter" && box.matches && box.matches("[data-initiatives-for]")) {
      // Enter adds the name rather than sending the form.
      event.preventDefault();
      addInitiative(box);
    }
  });

  document.addEventListener("input", function (event) {
    var box = event.target;
    // A suggestion picked from the list (not a name being typed letter by letter).
    var picked = !(event instanceof InputEvent) || event.inputType === "insertReplacementText";
    if (box.matches && box.matches("[data-initiatives-for]") && picked) {
      addInitiative(box);
    }
  });

  if (window.fetch && window.FormData) {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches && form.matches("form[data-save-in-place]")) {
        event.preventDefault();
        saveInPlace(form);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUp(document);
  });
})();
