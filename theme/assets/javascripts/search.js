/* The search page (/search/): runs the search its address asks for.

   The words and filters come from the address (/search/?q=...&kind=...),
   which the page's form and the header's form both send by GET, so a
   search can be shared as a link and the Back button works. The index is
   the site's own (search-index/, written by
   generator/engine/search_index.py): this script fetches its metadata, one
   file per word asked for, the filter files a search uses and, for each
   result shown, its page's file and the stretch of its text the words first
   appear in, and nothing else. Results are a list under a
   heading that says how many there are; the heading is a polite live
   region, so a screen reader hears the count when it arrives. Loaded on
   the search page only (theme/main.html). */
(function () {
  "use strict";
  var FILTERS = ["kind", "inspection", "status", "year"];
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 30;
  var WORD = /[\p{L}\p{N}]+/gu;
  var WORD_AS_WRITTEN = /[\p{L}\p{N}\p{M}]+/gu;

  /* The words of a text as the index keeps them: generator/engine/search_text.py
     makes them the same way (fold, stem, terms), and a test holds the two to
     agreement on every indexed page. */
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function stem(word) {
    if (Array.from(word).length <= 3 || !/^\p{L}+$/u.test(word)) return word;  // characters, as Python counts them
    if (/ies$/.test(word) && !/[ea]ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/es$/.test(word) && !/[aeo]es$/.test(word)) return word.slice(0, -1);
    if (/s$/.test(word) && !/(us|ss)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function terms(text) {
    return (fold(text).match(WORD) || []).map(stem);
  }

  window.siteSearch = { terms: terms };

  /* The index under the site's root: search(words, filters) gives the
     results in order, best first, each with data() for what it shows. */
  function searchIndex(root) {
    var folder = new URL("search-index/", root);
    var meta = fetch(new URL("meta.json", folder), { cache: "no-cache" }).then(json);
    var files = {};

    function json(response) {
      if (!response.ok) throw new Error(response.url + ": " + response.status);
      return response.json();
    }

    function file(path) {
      if (!files[path]) {
        files[path] = meta.then(function (index) {
          return fetch(new URL(path + "?v=" + index.version, folder)).then(json);
        });
      }
      return files[path];
    }

    /* The word file that holds a term: the last whose first term is not after it. */
    function wordFile(firsts, term) {
      var low = 0, high = firsts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (firsts[middle] <= term) low = middle; else high = middle - 1;
      }
      return "words/" + low + ".json";
    }

    function scores(term, index) {
      return file(wordFile(index.words, term)).then(function (words) {
        var written = words[term] || [];
        var found = new Map(), page = 0;
        for (var i = 0; i < written.length; i += 3) {
          page += written[i];
          found.set(page, { score: written[i + 1] / 10, passage: written[i + 2] });
        }
        return found;
      });
    }

    function filtered(name, value, index) {
      if (index.filters.indexOf(name) < 0) return Promise.resolve(new Set());
      return file("filters/" + name + ".json").then(function (values) {
        var found = new Set(), page = 0;
        (values[value] || []).forEach(function (gap) { page += gap; found.add(page); });
        return found;
      });
    }

    function search(query, filters) {
      var wanted = Array.from(new Set(terms(query)));
      if (!wanted.length && !Object.keys(filters).length) return Promise.resolve({ results: [] });  // only punctuation: nothing asked
      return meta.then(function (index) {
        return Promise.all([
          Promise.all(wanted.map(function (term) { return scores(term, index); })),
          Promise.all(Object.keys(filters).map(function (name) { return filtered(name, filters[name], index); }))
        ]).then(function (found) {
          var ranked = rank(found[0], found[1], index.pages);
          return { results: ranked.map(function (hit) { return result(hit, wanted); }) };
        });
      });
    }

    /* Pages with every word and every filter, best score first, then in
       the order of their addresses. */
    function rank(wordScores, filterSets, pageCount) {
      var hits = [];
      var candidates = wordScores.length ? wordScores[0].keys() : Array.from({ length: pageCount }, function (_, page) { return page; });
      for (var page of candidates) {
        var score = 0, kept = true, passages = [];
        wordScores.forEach(function (found) {
          var hit = found.get(page);
          kept = kept && hit !== undefined;
          if (hit) { score += hit.score; passages.push(hit.passage); }
        });
        filterSets.forEach(function (found) { kept = kept && found.has(page); });
        if (kept) hits.push({ page: page, score: score, passage: commonest(passages) });
      }
      return hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    }

    /* The stretch of text where most of the words first appear (the first such, on a tie). */
    function commonest(passages) {
      var best = 0, most = 0;
      passages.forEach(function (passage) {
        var count = passages.filter(function (other) { return other === passage; }).length;
        if (count > most || (count === most && passage < best)) { best = passage; most = count; }
      });
      return best;
    }

    function result(hit, wanted) {
      return {
        data: function () {
          var stretch = hit.passage ? file("pages/" + hit.page + "/" + hit.passage + ".json") : null;
          return Promise.all([file("pages/" + hit.page + ".json"), stretch]).then(function (found) {
            var shown = found[0], text = hit.passage ? found[1] : shown.text;
            return { url: shown.url, title: shown.title, where: shown.meta.where || "", excerpt: excerpt(text, new Set(wanted), hit.passage > 0, hit.passage < shown.passages - 1) };
          });
        }
      };
    }

    return { search: search };
  }

  /* The 30 words of a stretch of a page's text with the most of the words
     asked for, in parts, those words marked; "…" where the page's text goes
     on before or after them. */
  function excerpt(text, wanted, textBefore, textAfter) {
    var words = [];
    var match;
    WORD_AS_WRITTEN.lastIndex = 0;
    while ((match = WORD_AS_WRITTEN.exec(text))) {
      words.push({ start: match.index, end: match.index + match[0].length, hit: terms(match[0]).some(function (term) { return wanted.has(term); }) });
    }
    if (!words.length) return [{ text: text, mark: false }];
    var best = 0, bestHits = -1, hits = 0;
    for (var i = 0; i < words.length; i++) {
      hits += words[i].hit ? 1 : 0;
      if (i >= EXCERPT_WORDS) hits -= words[i - EXCERPT_WORDS].hit ? 1 : 0;
      var first = Math.max(0, i - EXCERPT_WORDS + 1);
      if (hits > bestHits) { best = first; bestHits = hits; }
    }
    var shown = words.slice(best, best + EXCERPT_WORDS);
    var parts = [], at = shown[0].start;
    if (best > 0 || textBefore) parts.push({ text: "… ", mark: false });
    shown.forEach(function (word) {
      if (!word.hit) return;
      parts.push({ text: text.slice(at, word.start), mark: false }, { text: text.slice(word.start, word.end), mark: true });
      at = word.end;
    });
    var last = shown[shown.length - 1];
    parts.push({ text: text.slice(at, last.end) + (best + EXCERPT_WORDS < words.length || textAfter ? " …" : ""), mark: false });
    return parts;
  }

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

  searchIndex(root).search(asked.query, asked.filters)
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
    link.href = new URL(page.url, root).href;
    link.textContent = page.title || page.url;
    title.appendChild(link);
    item.appendChild(title);
    if (page.where) item.appendChild(paragraph("search-result__where", [document.createTextNode(page.where)]));
    item.appendChild(paragraph("search-result__excerpt", page.excerpt.map(function (part) {
      if (!part.mark) return document.createTextNode(part.text);
      var mark = document.createElement("mark");
      mark.textContent = part.text;
      return mark;
    })));
    return item;
  }

  function paragraph(className, nodes) {
    var element = document.createElement("p");
    element.className = className;
    nodes.forEach(function (node) { element.appendChild(node); });
    return element;
  }
})();
