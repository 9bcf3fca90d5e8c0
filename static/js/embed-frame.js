/*
 * Inside the embed frame: tell the host page how tall we are, and open links on our site.
 *
 * Works inside sandbox="allow-scripts" (WordPress): no cookies, no storage, no popups. Height
 * is posted on load and on every resize in WordPress's format ({message, value, secret}, the
 * secret read from the frame address's "#?secret=") and in our own ({type, event, height}),
 * which static/embed.js reads. In a sandboxed frame a link can neither open a window nor
 * navigate the host page, so a click asks the host to do it ("link" message); WordPress
 * does so for addresses on the frame's own host. Unsandboxed, links open in a new tab.
 */
(function () {
  "use strict";

  var TYPE = "zhanaozen-embed";
  var framed = window.parent !== window;
  var secretMatch = /[#&?]secret=([A-Za-z0-9]{1,64})/.exec(window.location.hash);
  var secret = secretMatch ? secretMatch[1] : null;
  // A sandbox without allow-same-origin gives the frame an opaque origin, "null".
  var sandboxed = window.origin === "null";
  var lastHeight = 0;

  function post(message) {
    window.parent.postMessage(message, "*");
  }

  function sendHeight(force) {
    if (!framed) {
      return;
    }
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (!force && height === lastHeight) {
      return;
    }
    lastHeight = height;
    post({ type: TYPE, event: "height", height: height });
    if (secret) {
      post({ message: "height", value: height, secret: secret });
    }
  }

  function followLink(event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !framed || !sandboxed) {
      return;
    }
    event.preventDefault();
    post({ type: TYPE, event: "link", url: link.href });
    if (secret) {
      post({ message: "link", value: link.href, secret: secret });
    }
  }

  function answerHost(event) {
    var data = event.data;
    if (event.source !== window.parent || !data) {
      return;
    }
    var ours = data.type === TYPE && data.event === "ready";
    var wordpress = data.message === "ready" && secret && data.secret === secret;
    if (ours || wordpress) {
      sendHeight(true);
    }
  }

  function start() {
    sendHeight(true);
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        sendHeight(false);
      }).observe(document.body);
    } else {
      window.addEventListener("resize", function () {
        sendHeight(false);
      });
    }
  }

  document.addEventListener("click", followLink);
  window.addEventListener("message", answerHost);
  window.addEventListener("load", function () {
    sendHeight(true);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
