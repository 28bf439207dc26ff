// The chat page (在线客服): poll the open conversation every two seconds and redraw the
// transcript and the queue status, so answers and an agent's replies appear by themselves.
// Text is set with textContent only. The page works without this script (plain forms).
(function () {
  "use strict";
  var chat = document.getElementById("chat");
  var list = document.getElementById("transcript");
  var status = document.getElementById("queue-status");
  if (!chat || !list || !status || !window.fetch) { return; }
  var labels = chat.dataset;
  var seen = -1;
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function stamp(iso) {
    var d = new Date(iso);
    var pad = function (n) { return String(n).padStart(2, "0"); };
    // Beijing wall time, as the server writes it.
    var b = new Date(d.getTime() + (8 * 60 + d.getTimezoneOffset()) * 60000);
    return b.getFullYear() + "-" + pad(b.getMonth() + 1) + "-" + pad(b.getDate()) + " " +
      pad(b.getHours()) + ":" + pad(b.getMinutes());
  }
  function item(m) {
    var li = document.createElement("li");
    li.className = "message " + m.author;
    li.setAttribute("data-testid", "message");
    li.dataset.author = m.author;
    var who = document.createElement("span");
    who.className = "author";
    who.textContent = labels["label" + m.author.charAt(0).toUpperCase() + m.author.slice(1)];
    var when = document.createElement("time");
    when.dateTime = m.at;
    when.textContent = stamp(m.at);
    var text = document.createElement("p");
    text.className = "text";
    text.textContent = m.text;
    li.append(who, " ", when, text);
    if (m.source_title) {
      var source = document.createElement("p");
      source.className = "source";
      source.setAttribute("data-testid", "source");
      source.dataset.source = m.source_id;
      source.textContent = fill(labels.labelSource,
        { title: m.source_title, percent: Math.round((m.confidence || 0) * 100) });
      li.append(source);
    }
    return li;
  }
  function draw(view) {
    var c = view && view.conversation;
    var messages = c ? c.messages : [];
    if (messages.length !== seen) {
      list.replaceChildren.apply(list, messages.map(item));
      seen = messages.length;
    }
    if (view && view.position) {
      status.textContent = fill(labels.labelPosition, { position: view.position });
    } else if (c && c.state === "with_agent") {
      status.textContent = fill(labels.labelAgentOn, { agent: c.agent_id });
    } else {
      status.textContent = "";
    }
  }
  function poll() {
    fetch(chat.dataset.poll, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : undefined; })
      .then(function (view) { if (view !== undefined) { draw(view); } })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () { window.setTimeout(poll, 2000); });
  }
  seen = list.children.length;
  window.setTimeout(poll, 2000);
}());
