"""What WordPress does to the HTML of an oEmbed provider it does not know.

A re-implementation, for tests, of the rules in WordPress's `wp_filter_oembed_result`
(wp-includes/embed.php): `wp_kses` keeps only `a[href]`, `blockquote` and an iframe with
src, width, height, frameborder, marginwidth, marginheight, scrolling, title and class;
then only the first blockquote and the iframe after it are kept; the iframe is hidden until
it posts a message, sandboxed with `allow-scripts`, and its address gets `#?secret=...`,
which the host script compares with the secret of every message.
"""

import re
from html import escape
from html.parser import HTMLParser

ALLOWED = {
    "a": {"href"},
    "blockquote": set(),
    "iframe": {
        "src",
        "width",
        "height",
        "frameborder",
        "marginwidth",
        "marginheight",
        "scrolling",
        "title",
        "class",
    },
}


class Kses(HTMLParser):
    """Drops elements and attributes outside ALLOWED (an element's text stays), and records
    what it dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.dropped = []
        self.iframes = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.dropped.append(tag)
            return
        kept = [(name, value) for name, value in attrs if name in ALLOWED[tag]]
        self.dropped += [f"{tag}[{name}]" for name, _value in attrs if name not in ALLOWED[tag]]
        if tag == "iframe":
            self.iframes.append(dict(attrs))
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in kept)
        self.out.append(f"<{tag}{rendered}>")

    def handle_endtag(self, tag):
        if tag in ALLOWED:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def kses(html):
    parser = Kses()
    parser.feed(html)
    parser.close()
    return "".join(parser.out), parser


def filter_oembed_result(html, secret):
    """The HTML WordPress would put in the post, or None when it would show a plain link."""
    kept, _parser = kses(html)
    match = re.search(r"(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)", kept, re.S)
    if not match or not match.group(2):
        return None
    blockquote, iframe = match.group(1) or "", match.group(2)
    result = blockquote + iframe
    if blockquote:
        result = result.replace(
            "<iframe", '<iframe style="position: absolute; visibility: hidden;"', 1
        )
    result = result.replace("<iframe", '<iframe sandbox="allow-scripts" security="restricted"', 1)
    src = re.search(r""" src=['"]([^'"]*)['"]""", result)
    if src:
        result = result.replace(
            src.group(0), f' src="{src.group(1)}#?secret={secret}" data-secret="{secret}"', 1
        )
        result = result.replace("<blockquote", f'<blockquote data-secret="{secret}"', 1)
    return result


# WordPress's host script (wp-embed.js), in our own words: hide the fallback once the frame
# speaks, resize it (clamped to 200-1000 px) and follow links to the frame's own host.
HOST_SCRIPT = """
window.received = [];
window.addEventListener("message", function (event) {
  var data = event.data;
  window.received.push({ origin: event.origin, data: data });
  if (!data || !data.secret || /[^a-zA-Z0-9]/.test(data.secret)) { return; }
  document.querySelectorAll('blockquote[data-secret="' + data.secret + '"]')
    .forEach(function (quote) { quote.style.display = "none"; });
  document.querySelectorAll('iframe[data-secret="' + data.secret + '"]').forEach(function (frame) {
    if (event.source !== frame.contentWindow) { return; }
    frame.removeAttribute("style");
    if (data.message === "height") {
      var height = parseInt(data.value, 10);
      frame.height = Math.min(1000, Math.max(200, height || 0));
    } else if (data.message === "link") {
      var source = new URL(frame.getAttribute("src")), target = new URL(data.value);
      if (/^https?:$/i.test(target.protocol) && target.host === source.host
          && document.activeElement === frame) {
        window.top.location.href = data.value;
      }
    }
  });
});
window.addEventListener("load", function () {
  document.querySelectorAll("iframe[data-secret]").forEach(function (frame) {
    frame.contentWindow.postMessage({ message: "ready", secret: frame.dataset.secret }, "*");
  });
});
"""
