// Progressive enhancement of the bundle builder: refresh the price as the choice changes.
// The form works without this script (it is a GET form the server prices).
(function () {
  "use strict";
  var form = document.getElementById("bundle-form");
  var price = document.getElementById("bundle-price");
  if (!form || !price || !window.fetch) { return; }
  function yuan(money) {
    var fen = money.fen, sign = fen < 0 ? "-" : "";
    fen = Math.abs(fen);
    return sign + "¥" + Math.floor(fen / 100) + "." + String(fen % 100).padStart(2, "0");
  }
  function refresh() {
    var packs = [];
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      if (input.value) { packs.push(input.value); }
    });
    fetch("/api/v1/catalog/bundles/price", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ combo_code: form.dataset.combo, packs: packs })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      price.textContent = answer.ok ? yuan(answer.body.price.price) : "—";
      price.title = answer.ok ? "" : answer.body.detail;
    }).catch(function () { price.textContent = "—"; });
  }
  var handle = document.getElementById("bundle-handle");
  // The 办理 link carries the choice to the bundle change's form (/handling/bundle).
  function relink() {
    if (!handle) { return; }
    var query = new URLSearchParams();
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      if (input.value) { query.append(input.name, input.value); }
    });
    var text = query.toString();
    handle.href = "/handling/bundle" + (text ? "?" + text : "");
  }
  form.addEventListener("change", refresh);
  form.addEventListener("change", relink);
}());
