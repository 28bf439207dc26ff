// The number pool page (号码随心搜): tick down the countdown of each reservation every
// second (mm:ss left until its end, then 00:00). Text is set with textContent only. The
// page works without this script: the end time is printed beside the countdown.
(function () {
  "use strict";
  var clocks = document.querySelectorAll(".countdown[data-until]");
  if (!clocks.length) { return; }
  function pad(n) { return String(n).padStart(2, "0"); }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (clock) {
      var left = Math.max(0, Math.floor((Date.parse(clock.dataset.until) - now) / 1000));
      clock.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    });
  }
  tick();
  window.setInterval(tick, 1000);
}());
