// The share block (templates/includes/share.html): the browser's own share sheet where it
// has one, and a button that copies the page's link. Without this script the plain links
// remain and these two buttons stay hidden.
(function () {
  "use strict";

  function setUp(block) {
    var url = block.getAttribute("data-share-url");
    var title = block.getAttribute("data-share-title");
    var status = block.querySelector("[data-share-status]");
    var copy = block.querySelector("[data-share-copy]");
    var native = block.querySelector("[data-share-native]");

    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.closest("[data-share-copy-item]").hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { status.textContent = copy.getAttribute("data-copied"); },
          function () { status.textContent = copy.getAttribute("data-failed"); }
        );
      });
    }

    if (native && typeof navigator.share === "function") {
      native.closest("[data-share-native-item]").hidden = false;
      native.addEventListener("click", function () {
        // Dismissing the sheet rejects the promise; there is nothing to tell then.
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  }

  document.querySelectorAll("[data-share]").forEach(setUp);
})();
