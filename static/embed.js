/*
 * Optional script for pages that embed the Zhanaozen memorial or petition in an iframe:
 *   <script async src="https://OUR-SITE/static/embed.js"></script>
 * It sizes each of our frames to its content and, when a sandboxed frame asks for it after a
 * click, opens the linked page of our site. It trusts a message only when it comes from the
 * window of one of our own frames (event.source) and from our origin, or from the opaque
 * origin "null" that a sandbox without allow-same-origin gives the frame.
 */
(function () {
  "use strict";

  var TYPE = "zhanaozen-embed";
  var MIN_HEIGHT = 100;
  var MAX_HEIGHT = 5000;
  var script = document.currentScript;
  if (!script || window.zhanaozenEmbed) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  window.zhanaozenEmbed = { origin: origin };

  function isOurs(frame) {
    try {
      return new URL(frame.src, window.location.href).origin === origin;
    } catch (error) {
      return false;
    }
  }

  function ourFrames() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), isOurs);
  }

  function frameOf(source) {
    var frames = ourFrames();
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || data.type !== TYPE) {
      return;
    }
    if (event.origin !== origin && event.origin !== "null") {
      return;
    }
    var frame = frameOf(event.source);
    if (!frame) {
      return;
    }
    if (data.event === "height") {
      var height = parseInt(data.height, 10);
      if (height > 0) {
        height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height));
        frame.height = String(height);
        frame.style.height = height + "px";
      }
    } else if (data.event === "link" && document.activeElement === frame) {
      var target = new URL(String(data.url), origin);
      if (target.origin === origin && /^https?:$/.test(target.protocol)) {
        window.location.href = target.href;
      }
    }
  }

  function greet(frame) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ type: TYPE, event: "ready" }, "*");
    }
  }

  window.addEventListener("message", onMessage);
  // Frames that finished loading before this script ran have already sent their height.
  ourFrames().forEach(function (frame) {
    greet(frame);
    frame.addEventListener("load", function () {
      greet(frame);
    });
  });
})();
