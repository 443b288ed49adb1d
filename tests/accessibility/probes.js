/* Probes the accessibility suite runs inside the page (see audit.py).
 * Each returns plain data (lists of problem strings) for Python to assert on.
 * Loaded by executing this file, which defines window.a11yProbes.
 */
window.a11yProbes = (function () {
  "use strict";

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type='hidden']), select:not([disabled]), " +
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

  function describe(el) {
    var text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    var id = el.id ? "#" + el.id : "";
    var cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls + (text ? ' "' + text + '"' : "");
  }

  function isShown(el) {
    if (!el.getClientRects().length) return false;
    var style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  function focusables() {
    return Array.prototype.filter.call(document.querySelectorAll(FOCUSABLE), function (el) {
      return el.tabIndex >= 0 && isShown(el) && !el.closest("[inert], [hidden], [aria-hidden='true']");
    });
  }

  function focusLook(el) {
    var style = getComputedStyle(el);
    var outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 ? style.outlineStyle + style.outlineWidth + style.outlineColor : "";
    return { outline: outline, shadow: style.boxShadow === "none" ? "" : style.boxShadow, bg: style.backgroundColor, decoration: style.textDecorationLine + style.textDecorationThickness };
  }

  /* Every focusable element shows a visible change when it has focus:
     an outline or a ring (box-shadow). Call after a real Tab key press, so
     that script focus counts as keyboard focus (:focus-visible). */
  function invisibleFocus() {
    var problems = [];
    focusables().forEach(function (el) {
      el.blur();
      var before = focusLook(el);
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) return;
      var after = focusLook(el);
      var ring = (after.outline && after.outline !== before.outline) || (after.shadow && after.shadow !== before.shadow);
      if (!ring) problems.push("focus is not visible on " + describe(el));
    });
    return problems;
  }

  /* Every element Tab can reach is on screen when it has focus: nothing
     focusable hides off-canvas (a closed drawer) or behind a clip. */
  function focusOffScreen() {
    var problems = [];
    focusables().forEach(function (el) {
      el.focus();
      if (document.activeElement !== el) return;
      var box = el.getBoundingClientRect();
      var onScreen = box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight && box.width > 0;
      if (!onScreen) problems.push("focus goes off screen, to " + describe(el));
    });
    return problems;
  }

  function parseColour(value) {
    var m = value.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    if (!m) return null;
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), m[4] === undefined ? 1 : parseFloat(m[4])];
  }

  function blend(top, bottom) {
    var a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  }

  function background(el) {
    var layers = [];
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      var colour = parseColour(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] >= 1) break;
    }
    var result = [255, 255, 255, 1];
    for (var i = layers.length - 1; i >= 0; i--) result = blend(layers[i], result);
    return result;
  }

  function luminance(c) {
    var channels = c.slice(0, 3).map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(el) {
    var bg = background(el);
    var fg = blend(parseColour(getComputedStyle(el).color), bg);
    var l1 = luminance(fg), l2 = luminance(bg);
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  }

  /* Status labels (any element whose class names a status) say their
     status in words and contrast with their background by 4.5:1. */
  function statusLabels() {
    var problems = [];
    document.querySelectorAll("[class*='status']:not(table)").forEach(function (el) {
      if (el.closest("table") === el || !isShown(el) || el.children.length > 2) return;
      var text = el.textContent.trim();
      if (!/[A-Za-z]{2,}/.test(text)) problems.push("status label without words: " + describe(el));
      var ratio = contrast(el);
      if (ratio < 4.5) problems.push("status label contrast " + ratio.toFixed(2) + ":1 below 4.5:1: " + describe(el));
    });
    return problems;
  }

  function scrollsSideways(el) {
    var style = getComputedStyle(el);
    return (style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }

  function named(el) {
    var label = el.getAttribute("aria-label");
    var by = el.getAttribute("aria-labelledby");
    return Boolean((label && label.trim()) || (by && document.getElementById(by) && document.getElementById(by).textContent.trim()));
  }

  /* WCAG 1.4.10: the page does not scroll sideways; content wider than the
     viewport is only inside a scroll region a keyboard can reach and a
     screen reader can name. */
  function reflow() {
    var problems = [];
    var width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      problems.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " CSS px wide in a " + width + " px viewport");
    }
    document.querySelectorAll("body *").forEach(function (el) {
      if (!scrollsSideways(el) || !isShown(el) || el.closest(".md-sidebar")) return;
      if (el.tabIndex < 0 || el.getAttribute("role") !== "region" || !named(el)) {
        problems.push("a sideways scroll region that is not focusable, a region and named: " + describe(el));
      }
    });
    return problems;
  }

  /* Text for screen readers only (a 1 px box that clips its content) is
     meant to be off screen: it is not text cut off. */
  function visuallyHidden(el) {
    var box = el.getBoundingClientRect();
    return box.width <= 1 && box.height <= 1;
  }

  function ownText(el) {
    return Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  }

  /* Nothing with text is cut off: any element that hides its overflow
     (or any text element that overflows a box that hides it) is as big as
     its content. Elements that scroll are not cut off: they scroll. */
  function clipped() {
    var problems = [];
    document.querySelectorAll("body *").forEach(function (el) {
      if (!isShown(el) || !el.textContent.trim() || el.closest(".md-sidebar, .md-search") || visuallyHidden(el)) return;
      var style = getComputedStyle(el);
      var hidesX = style.overflowX === "hidden" || style.overflowX === "clip";
      var hidesY = style.overflowY === "hidden" || style.overflowY === "clip";
      if (hidesX && el.scrollWidth > el.clientWidth + 1) problems.push("text cut off sideways (" + el.scrollWidth + " > " + el.clientWidth + " px): " + describe(el));
      if (hidesY && el.scrollHeight > el.clientHeight + 1) problems.push("text cut off below (" + el.scrollHeight + " > " + el.clientHeight + " px): " + describe(el));
    });
    return problems.concat(overlaps());
  }

  /* Adjacent blocks of text do not overlap each other. */
  function overlaps() {
    var problems = [];
    var blocks = Array.prototype.filter.call(document.querySelectorAll(".md-content p, .md-content li, .md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content caption, .md-footer a"), function (el) {
      return isShown(el) && ownText(el);
    });
    for (var i = 1; i < blocks.length; i++) {
      var a = blocks[i - 1], b = blocks[i];
      if (a.contains(b) || b.contains(a)) continue;
      var ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      var x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      var y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (x > 2 && y > 2) problems.push("text overlaps: " + describe(a) + " and " + describe(b));
    }
    return problems;
  }

  return { focusables: function () { return focusables().map(describe); }, invisibleFocus: invisibleFocus, focusOffScreen: focusOffScreen, statusLabels: statusLabels, reflow: reflow, clipped: clipped, contrast: contrast };
})();
