/*
 * "Embed this memorial": keeps the preview, the code and the WordPress address in step with
 * the options without reloading the page, and adds copy buttons. Without it, the form's
 * button reloads the page with the new options and the code can be selected by hand.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-embed-options]");
  if (!form) {
    return;
  }
  var preview = document.getElementById("embed-preview");
  var memorialCode = document.getElementById("embed-code");
  var petitionCode = document.getElementById("embed-petition-code");
  var wordpressLink = document.getElementById("embed-wordpress-link");
  var status = document.querySelector("[data-copy-status]");

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function query(withSection) {
    var params = new URLSearchParams();
    params.set("lang", form.elements.lang.value);
    params.set("theme", form.elements.theme.value);
    if (withSection) {
      params.set("section", form.elements.section.value);
    }
    return params.toString();
  }

  function withQuery(url, search) {
    return url.split("?")[0] + "?" + search;
  }

  // The code's format is the server's; only the frame's address and title change here.
  function rewrite(textarea, search, title) {
    if (!textarea) {
      return;
    }
    var code = textarea.value.replace(/src="([^"]*)"/, function (match, src) {
      return 'src="' + escapeAttribute(withQuery(src, search)) + '"';
    });
    if (title) {
      code = code.replace(/title="[^"]*"/, 'title="' + escapeAttribute(title) + '"');
    }
    textarea.value = code;
  }

  function update() {
    var language = form.elements.lang.selectedOptions[0];
    preview.src = withQuery(preview.getAttribute("src"), query(true));
    preview.title = language.dataset.title;
    rewrite(memorialCode, query(true), language.dataset.title);
    rewrite(petitionCode, query(false), language.dataset.petitionTitle);
    wordpressLink.textContent = language.dataset.link;
    window.history.replaceState(null, "", "?" + query(true));
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.querySelector("[data-embed-apply]").hidden = true;

  function say(text) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copy);
        var text = "value" in source ? source.value : source.textContent;
        navigator.clipboard.writeText(text).then(
          function () {
            say(status.dataset.copied);
          },
          function () {
            say(status.dataset.failed);
          }
        );
      });
    });
  }
})();
