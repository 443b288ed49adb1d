/* The search page (/search/): runs the search its address asks for.

   The words and filters come from the address (/search/?q=...&kind=...),
   which the page's form and the header's form both send by GET, so a
   search can be shared as a link and the Back button works. Pagefind's
   script (pagefind/pagefind.js, in the site) is loaded from here only, and
   fetches only the parts of the index this query needs. Results are a list
   under a heading that says how many there are; the heading is a polite
   live region, so a screen reader hears the count when it arrives. Loaded
   on the search page only (theme/main.html). */
(function () {
  "use strict";
  var FILTERS = ["kind", "inspection", "status", "year"];
  var PAGE_SIZE = 10;

  var form = document.querySelector("form.search-form");
  var section = document.querySelector(".search-results");
  if (!form || !section) return;
  var heading = section.querySelector("h2");
  var list = section.querySelector(".search-results__list");
  var more = section.querySelector(".search-results__more");
  var moreButton = more.querySelector("button");

  var asked = readAddress();
  if (!asked.query && !Object.keys(asked.filters).length) return;
  var root = new URL(form.getAttribute("data-site-root"), window.location.href);
  section.hidden = false;
  section.setAttribute("aria-busy", "true");
  heading.textContent = "Searching…";

  import(new URL("pagefind/pagefind.js", root).href)
    .then(function (pagefind) {
      return pagefind.options({ baseUrl: root.pathname }).then(function () {
        return pagefind.search(asked.query || null, { filters: asked.filters });
      });
    })
    .then(showResults)
    .catch(function () {
      heading.textContent = "Search could not be loaded. Please try again, or find the page from the lists of papers, meetings, inspections and recommendations.";
    })
    .then(function () {
      section.removeAttribute("aria-busy");
    });

  /* The words and filters in the address, also put back into the form. */
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var query = (params.get("q") || "").trim();
    var filters = {};
    form.elements.q.value = query;
    FILTERS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      var known = select && Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (value && known) {
        select.value = value;
        filters[name] = value;
      }
    });
    return { query: query, filters: filters };
  }

  function showResults(search) {
    var results = search.results;
    var shown = 0;
    heading.textContent = describe(results.length);
    document.title = heading.textContent + " - " + document.title;
    if (!results.length) return;
    function showMore(moveFocus) {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        var items = pages.map(resultItem);
        items.forEach(function (item) { list.appendChild(item); });
        more.hidden = shown >= results.length;
        if (moveFocus && items.length) items[0].querySelector("a").focus();
      });
    }
    moreButton.addEventListener("click", function () { showMore(true); });
    return showMore(false);
  }

  /* "12 results for “failure demand rate”, kind Recommendation" */
  function describe(count) {
    var text = (count === 1 ? "1 result" : count + " results");
    if (asked.query) text += " for “" + asked.query + "”";
    var chosen = FILTERS.filter(function (name) { return asked.filters[name]; }).map(function (name) {
      return form.elements[name].labels[0].textContent.toLowerCase() + " " + asked.filters[name];
    });
    if (chosen.length) text += (asked.query ? ", " : " with ") + chosen.join(", ");
    return text;
  }

  function resultItem(page) {
    var item = document.createElement("li");
    item.className = "search-result";
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    title.appendChild(link);
    item.appendChild(title);
    if (page.meta.where) item.appendChild(paragraph("search-result__where", [document.createTextNode(page.meta.where)]));
    item.appendChild(paragraph("search-result__excerpt", excerptNodes(page.excerpt)));
    return item;
  }

  function paragraph(className, nodes) {
    var element = document.createElement("p");
    element.className = className;
    nodes.forEach(function (node) { element.appendChild(node); });
    return element;
  }

  /* Pagefind's excerpt is HTML with <mark> around the words found: it is
     read as inert HTML and rebuilt from its text and marks only. */
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    var nodes = [];
    Array.prototype.forEach.call(parsed.firstChild ? parsed.firstChild.childNodes : [], function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }
})();
