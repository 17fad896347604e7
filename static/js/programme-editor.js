// The programme editor works without this script; with it, "add a row" needs no reload.
// Each formset has a <template> of an empty row whose names hold "__prefix__".
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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset]").forEach(addButton);
  });
})();
