/* Fetch the search index only when the reader starts to search.
   Material requests search/search_index.json as soon as any page loads
   (over http); the index grows with the site, so this holds that one
   request back until the search box is focused or opened, then sends it.
   Loaded before Material's bundle (theme/main.html). */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  function start() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (call) {
      send.apply(call.request, call.args);
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /(^|\/)search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.isSearchIndex && !wanted) {
      held.push({ request: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
