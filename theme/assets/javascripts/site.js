/* Keyboard and screen-reader fixes for Material's page furniture.
 *
 * Material 9 leaves these to the reader's mouse: its header's menu button
 * is a label that Tab cannot reach, nested navigation landmarks can have empty names, and tables with a class
 * are not put in a scroll container. Each fix is small and runs again on
 * every page Material shows (document$ is Material's page observable).
 */
(function () {
  "use strict";

  /* A label that toggles a Material checkbox, made into a real button. */
  function toggleButton(label, name) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(toggle.checked));
    });
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      /* Material clicks a focused label on Enter from its own window
         listener; stopping the event here keeps it to one toggle. */
      event.preventDefault();
      event.stopPropagation();
      label.click();
      if (toggle.checked) focusInside(label.htmlFor);
    });
  }

  /* Material's header label that toggles a checkbox (the menu),
   replaced by a real button: a label may not take the button role
   (ARIA in HTML), and a button is what keyboards and screen readers know.
   Without scripts Material's label stays and works by pointer. */
  function headerButton(label, name) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " site-header-button site-header-button--" + label.htmlFor.replace(/_/g, "");
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(toggle.checked));
    Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
    label.hidden = true;
    label.parentNode.insertBefore(button, label);
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      if (toggle.checked) focusInside(toggle.id);
    });
  }

  /* After opening by keyboard, put focus where the reader can go on. */
  function focusInside(toggleId) {
    var toggle = document.getElementById(toggleId);
    var target;
    if (toggleId === "__drawer") target = document.querySelector(".md-sidebar--primary a");
    else target = toggle.parentElement.querySelector(":scope > nav a, :scope > nav label[tabindex='0']");
    if (target) focusWhenShown(target, 10);
  }

  /* A panel that is opening may not take focus until its transition has
     made it visible, so try again for up to half a second. */
  function focusWhenShown(target, tries) {
    window.setTimeout(function () {
      target.focus();
      if (document.activeElement !== target && tries > 1) focusWhenShown(target, tries - 1);
    }, 50);
  }

  /* In the phone drawer, the labels that open a section's panel, the one
     that opens the page's table of contents, and each panel's back title
     are buttons too. Material hides them at desktop widths, where they
     are not needed; hidden elements take no focus. */
  function drawerButtons() {
    document.querySelectorAll(".md-nav--primary label.md-nav__link[for]").forEach(function (label) {
      var text = label.textContent.trim();
      var nav = label.parentElement.parentElement.querySelector(":scope > nav .md-nav__title");
      var section = nav ? nav.textContent.trim() : "";
      if (label.htmlFor === "__toc") toggleButton(label, text + ": table of contents");
      else toggleButton(label, text ? text + " (open the section)" : "Open the " + section + " section");
    });
    document.querySelectorAll(".md-nav--primary .md-nav .md-nav__title[for^='__nav'], .md-nav--primary .md-nav--secondary > .md-nav__title[for='__toc']").forEach(function (label) {
      if (label.querySelector("a")) return;
      backButton(label, label.textContent.trim() + ", back to the menu");
    });
  }

  /* A panel's title label closes the panel: Enter or Space, then focus
     returns to the label that opened it. */
  function backButton(label, name) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      label.click();
      var opener = document.querySelector(".md-nav--primary label.md-nav__link[for='" + label.htmlFor + "']");
      if (opener) focusWhenShown(opener, 10);
    });
  }

  /* Escape closes the navigation drawer and returns focus to its button. */
  function closeDrawerOnEscape() {
    document.addEventListener("keydown", function (event) {
      var drawer = document.getElementById("__drawer");
      if (event.key !== "Escape" || !drawer || !drawer.checked) return;
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change", { bubbles: true }));
      var button = document.querySelector(".site-header-button--drawer");
      if (button) button.focus();
    });
  }

  /* A nested navigation landmark whose labelling element is empty is named
     by its section title, so every landmark has a distinct name. */
  function nameNavigationLandmarks() {
    document.querySelectorAll("nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (label && !label.textContent.trim() && title) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  /* Every table sits in a labelled region that scrolls sideways on narrow
     screens; the region is focusable (so keyboard users can scroll it)
     only while it actually overflows. */
  function tableRegions() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      var region = table.closest(".md-typeset__scrollwrap, .table-region");
      if (!region) {
        region = document.createElement("div");
        region.className = "table-region";
        table.parentNode.insertBefore(region, table);
        region.appendChild(table);
      }
      var caption = table.querySelector("caption");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    });
    updateScrollable();
  }

  /* Text zoom and text spacing change a table's width without a window
     resize, so each region is watched for changes of its own size. */
  var resizes = window.ResizeObserver ? new ResizeObserver(updateScrollable) : null;

  function updateScrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap[role='region'], .table-region").forEach(function (region) {
      if (resizes && region.dataset.observed !== "yes") { region.dataset.observed = "yes"; resizes.observe(region.firstElementChild || region); }
      if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
      else region.removeAttribute("tabindex");
    });
  }

  /* Printed pages show where each link goes, as a full address. */
  function printAddresses() {
    document.querySelectorAll(".md-typeset a[href]:not(.acronym)").forEach(function (link) {
      if (link.getAttribute("href").charAt(0) !== "#") link.setAttribute("data-print-href", link.href);
    });
  }

  function onPage() {
    document.querySelectorAll("label.md-header__button[for='__drawer']:not([hidden])").forEach(function (label) {
      headerButton(label, "Open the site navigation");
    });
    drawerButtons();
    nameNavigationLandmarks();
    tableRegions();
    printAddresses();
  }

  closeDrawerOnEscape();
  window.addEventListener("resize", updateScrollable);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
