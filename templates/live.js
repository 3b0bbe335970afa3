// The page side of `mixdown serve` (served at /__mixdown/live.js, never copied into a built site):
// reload, keeping the scroll position, when the version the server sends changes; reconnect if
// the server restarts.
(function () {
  var key = "mixdown-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { window.addEventListener("load", function () { window.scrollTo(0, +saved); }); sessionStorage.removeItem(key); }
  var version = null;
  function connect() {
    var socket = new WebSocket("ws://" + location.host + "/__mixdown/ws");
    socket.onmessage = function (event) {
      if (version !== null && event.data !== version) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
        return;
      }
      version = event.data;
    };
    socket.onclose = function () { setTimeout(connect, 1000); };
  }
  connect();
})();
