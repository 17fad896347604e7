// "Bewaar" works without this script: a plain form, a POST and a redirect back to the page.
// With it the same POST is sent with fetch, asking for JSON, and the button changes in
// place (its text, aria-pressed, and the state the next click asks for). When the server
// cannot be reached or answers anything else, the form is sent the ordinary way, so the
// visitor ends up where they would have without the script (a sign-in page, an error).
(function () {
  "use strict";

  function show(form, saved, labels) {
    var button = form.querySelector("button[type=submit]");
    var wanted = form.querySelector("input[name=save]");
    if (!button || !wanted) {
      return;
    }
    wanted.value = saved ? "0" : "1";
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.textContent =
      (labels && labels[saved ? "saved" : "unsaved"]) ||
      button.getAttribute(saved ? "data-label-saved" : "data-label-unsaved");
  }

  function sameItem(form) {
    var kind = form.querySelector("input[name=kind]").value;
    var id = form.querySelector("input[name=id]").value;
    return Array.prototype.filter.call(
      document.querySelectorAll("form[data-save-form]"),
      function (other) {
        return (
          other.querySelector("input[name=kind]").value === kind &&
          other.querySelector("input[name=id]").value === id
        );
      }
    );
  }

  function enhance(form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData || form.getAttribute("data-busy")) {
        return;
      }
      event.preventDefault();
      form.setAttribute("data-busy", "1");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok || type.indexOf("application/json") === -1) {
            throw new Error("not saved");
          }
          return response.json();
        })
        .then(function (answer) {
          form.removeAttribute("data-busy");
          // The same event or session may stand on the page more than once (a session
          // held in two rounds on Mijn programma): every button of it shows the new state.
          sameItem(form).forEach(function (other) {
            show(other, answer.saved, answer.labels);
          });
        })
        .catch(function () {
          // The ordinary way: submit() sends the form without this listener.
          form.submit();
        });
    });
  }

  document.querySelectorAll("form[data-save-form]").forEach(enhance);
})();
