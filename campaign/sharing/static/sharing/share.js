// The share box's enhancements (campaign/sharing): the browser's own share sheet where it has
// one, and a button that copies the link. Without them the plain links and the link field work.
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var data = box.dataset;
    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.parentElement.hidden = false;
      native.addEventListener("click", function () {
        // Dismissing the sheet rejects the promise; that is no error.
        navigator.share({ title: data.shareTitle, text: data.shareText, url: data.shareUrl })
          .catch(function () {});
      });
    }
    var copy = box.querySelector("[data-share-copy]");
    var field = box.querySelector("[data-share-field]");
    var status = box.querySelector("[data-share-status]");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(data.shareUrl).then(
          function () { status.textContent = copy.dataset.done; },
          function () { field.select(); status.textContent = copy.dataset.failed; }
        );
      });
    }
  });
})();
