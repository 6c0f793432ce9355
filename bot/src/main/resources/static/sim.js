// PeerLoop chat simulator. Talks to the pinned API:
//   POST /api/v1/sim/{user}/messages  {"text"|"payload", "id"}  -> 202 {"accepted": true} | 4xx {"error"}
//   GET  /api/v1/sim/{user}/messages?after={seq}&wait={s}      -> 200 {"messages": [...]}
//   a bot message may carry "file": {"name", "url"}: a download link (GET url serves the file)
//   GET  /api/v1/sim                                            -> 200 {"demo": {"codes": [...]} | null}
// The transcript is drawn only from GET answers (the person's own messages come back there too).
(function () {
  "use strict";

  var NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
  var STORE_KEY = "peerloop.sim.user";
  var WAIT = 25; // seconds the server may hold a poll
  var POLL_TIMEOUT_MS = (WAIT + 15) * 1000; // give up on a poll that hangs past that
  var BACKOFF_MIN_MS = 1000;
  var BACKOFF_MAX_MS = 15000;
  var POST_TRIES = 3;

  var $ = function (id) { return document.getElementById(id); };
  var el = {
    setup: $("setup"), nameForm: $("name-form"), nameInput: $("name-input"), nameError: $("name-error"),
    chat: $("chat"), who: $("who"), whoName: $("who-name"), switchLink: $("switch"),
    status: $("status"), messages: $("messages"), error: $("error"), errorText: $("error-text"),
    errorClose: $("error-close"), composer: $("composer"), input: $("message-input"), send: $("send"),
    notes: $("notes"), tryIt: $("try")
  };

  var state = {
    user: null,
    lastSeq: 0,
    follow: false, // the person just sent something: show what comes next
    generation: 0, // bumped on every switch: an old poll loop sees it and stops
    abort: null
  };

  // ---- small helpers ----

  function newId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") {
      try { return c.randomUUID(); } catch (e) { /* insecure context: fall through */ }
    }
    var b = new Uint8Array(16);
    if (c && typeof c.getRandomValues === "function") {
      c.getRandomValues(b);
    } else {
      for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  function storeGet() { try { return window.localStorage.getItem(STORE_KEY); } catch (e) { return null; } }
  function storeSet(v) { try { window.localStorage.setItem(STORE_KEY, v); } catch (e) { /* private mode */ } }
  function storeDel() { try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* private mode */ } }

  function api(user) { return "api/v1/sim/" + encodeURIComponent(user) + "/messages"; }

  // The server names a file by its absolute path; the page asks relative to itself (like api()),
  // so it keeps working behind a path prefix. Nothing else becomes a link.
  function fileHref(url) {
    return typeof url === "string" && url.indexOf("/api/v1/sim/") === 0 ? url.slice(1) : null;
  }

  // The server's {"error": "..."} when there is one, else the status line.
  function errorOf(response) {
    return response.text().then(function (body) {
      try {
        var parsed = JSON.parse(body);
        if (parsed && typeof parsed.error === "string" && parsed.error) return parsed.error;
      } catch (e) { /* not JSON */ }
      if (response.status === 404) return "the simulator is not available on this server (404)";
      return "the server answered " + response.status + (response.statusText ? " " + response.statusText : "");
    }, function () { return "the server answered " + response.status; });
  }

  // ---- name ----

  function suggestName(raw) {
    var s = raw.trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\s.]+/g, "-").replace(/[^a-z0-9_-]/g, "").replace(/^[-_]+/, "").slice(0, 32);
    return NAME.test(s) ? s : null;
  }

  function nameProblem(raw) {
    if (raw === "") return "Please type a name first.";
    if (NAME.test(raw)) return null;
    var hint = raw.length > 32 ? "That name is too long (at most 32 characters)."
      : /^[-_]/.test(raw) ? "A name must start with a letter or a digit."
        : "A name can only use lowercase letters, digits, - and _.";
    var s = suggestName(raw);
    return s && s !== raw ? hint + " How about \u201c" + s + "\u201d?" : hint;
  }

  function showNameError(message) {
    el.nameError.textContent = message || "";
    el.nameError.hidden = !message;
    if (message) el.nameInput.setAttribute("aria-invalid", "true");
    else el.nameInput.removeAttribute("aria-invalid");
  }

  // ---- screens ----

  function showSetup(prefill, message) {
    state.generation++;
    if (state.abort) state.abort.abort();
    state.user = null;
    el.chat.hidden = true;
    el.who.hidden = true;
    el.setup.hidden = false;
    el.nameInput.value = prefill || "";
    showNameError(message);
    document.title = "PeerLoop chat simulator";
    el.nameInput.focus();
  }

  function startChat(user) {
    state.generation++;
    if (state.abort) state.abort.abort();
    state.user = user;
    state.lastSeq = 0;
    el.messages.textContent = "";
    showEmptyHint();
    hideError();
    setReconnecting(false);
    el.whoName.textContent = user;
    el.who.hidden = false;
    el.setup.hidden = true;
    el.chat.hidden = false;
    document.title = user + " \u2013 PeerLoop chat simulator";
    el.input.value = "";
    autosize();
    el.input.focus();
    pollLoop(state.generation);
  }

  function showEmptyHint() {
    var li = document.createElement("li");
    li.className = "empty";
    li.id = "empty";
    li.textContent = "Say hello to start. The bot\u2019s answers appear here.";
    el.messages.appendChild(li);
  }

  // ---- status and errors ----

  function setReconnecting(on) {
    el.status.textContent = on ? "Reconnecting\u2026" : "";
    el.status.hidden = !on;
  }

  function showError(message) {
    el.errorText.textContent = message;
    el.error.hidden = false;
  }

  function hideError() {
    el.error.hidden = true;
    el.errorText.textContent = "";
  }

  // ---- transcript ----

  function nearBottom() {
    var m = el.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
  }

  function scrollDown() { el.messages.scrollTop = el.messages.scrollHeight; }

  // Only the newest message's buttons can be tapped; older keyboards stay visible, disabled.
  function retireButtons() {
    var live = el.messages.querySelectorAll("button.reply:not([data-retired])");
    for (var i = 0; i < live.length; i++) {
      live[i].disabled = true;
      live[i].setAttribute("data-retired", "true");
    }
  }

  function render(message) {
    var empty = $("empty");
    if (empty) empty.remove();
    retireButtons();

    var from = message.from === "user" ? "user" : "bot";
    var li = document.createElement("li");
    li.className = "bubble";
    li.setAttribute("data-testid", "bubble");
    li.setAttribute("data-from", from);
    li.setAttribute("data-seq", String(message.seq));

    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = from === "user" ? "You: " : "PeerLoop: ";
    li.appendChild(who);

    var text = document.createElement("span");
    text.className = "text";
    text.setAttribute("data-testid", "bubble-text");
    text.textContent = message.text == null ? "" : String(message.text);
    li.appendChild(text);

    var href = message.file ? fileHref(message.file.url) : null;
    if (href) {
      var name = message.file.name == null ? "file" : String(message.file.name);
      var link = document.createElement("a");
      link.className = "file";
      link.href = href;
      link.setAttribute("download", name);
      link.setAttribute("data-testid", "bubble-file");
      link.textContent = "\u2B07 " + name; // a download arrow, then the name
      li.appendChild(link);
    }

    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    if (buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Answers");
      var short = buttons.every(function (b) { return String(b.label).length <= 3; });
      if (short && buttons.length > 2) group.classList.add("keys");
      buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "reply";
        button.textContent = String(b.label);
        button.setAttribute("data-testid", "reply-button");
        button.setAttribute("data-payload", String(b.payload));
        button.addEventListener("click", function () { tap(button, group); });
        group.appendChild(button);
      });
      li.appendChild(group);
    }
    el.messages.appendChild(li);
  }

  function accept(messages) {
    var stick = state.follow || nearBottom();
    var added = false;
    messages.forEach(function (m) {
      if (typeof m.seq !== "number" || m.seq <= state.lastSeq) return; // de-duplicate by seq
      render(m);
      state.lastSeq = m.seq;
      added = true;
    });
    if (added && stick) scrollDown();
    if (added) state.follow = false;
  }

  // ---- long-poll ----

  function getMessages(user, after, wait, signal) {
    return fetch(api(user) + "?after=" + after + "&wait=" + wait, {
      cache: "no-store", headers: { Accept: "application/json" }, signal: signal
    });
  }

  async function pollLoop(generation) {
    var user = state.user;
    var backoff = 0;
    var recovering = false;
    while (generation === state.generation) {
      var controller = new AbortController();
      state.abort = controller;
      var timer = setTimeout(function () { controller.abort(); }, POLL_TIMEOUT_MS);
      try {
        if (recovering) await checkForReset(user, controller.signal, generation);
        var response = await getMessages(user, state.lastSeq, WAIT, controller.signal);
        if (generation !== state.generation) return;
        if (response.status === 400) {
          // The server refuses this name: back to the picker with its reason.
          var why = await errorOf(response);
          if (generation === state.generation) showSetup(user, "The server refused this name: " + why);
          return;
        }
        if (!response.ok) throw new Error(await errorOf(response));
        var body = await response.json();
        if (generation !== state.generation) return;
        if (!body || !Array.isArray(body.messages)) throw new Error("unexpected answer from the server");
        accept(body.messages);
        backoff = 0;
        recovering = false;
        setReconnecting(false);
      } catch (e) {
        if (generation !== state.generation) return;
        recovering = true;
        setReconnecting(true);
        backoff = Math.min(BACKOFF_MAX_MS, backoff ? backoff * 2 : BACKOFF_MIN_MS);
        await sleep(backoff / 2 + Math.random() * backoff / 2);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  // After an outage the server may have restarted with a fresh transcript (numbered from 1 again):
  // if everything it has is older than what we saw, start the list over.
  async function checkForReset(user, signal, generation) {
    var response = await getMessages(user, 0, 0, signal);
    if (!response.ok) throw new Error(await errorOf(response));
    var body = await response.json();
    if (generation !== state.generation || !body || !Array.isArray(body.messages)) return;
    var newest = body.messages.reduce(function (max, m) { return Math.max(max, m.seq || 0); }, 0);
    if (newest < state.lastSeq) {
      state.lastSeq = 0;
      el.messages.textContent = "";
      if (!body.messages.length) showEmptyHint();
      accept(body.messages);
    }
  }

  // ---- sending ----

  // Posts with one id across retries, so a retry after a lost answer is handled once.
  async function post(body) {
    var user = state.user;
    body.id = newId();
    state.follow = true;
    var lastProblem = "could not reach the server";
    for (var attempt = 1; attempt <= POST_TRIES; attempt++) {
      try {
        var response = await fetch(api(user), {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body),
          cache: "no-store"
        });
        if (response.ok) { hideError(); return true; }
        lastProblem = await errorOf(response);
        if (response.status >= 400 && response.status < 500) {
          showError("Not sent: " + lastProblem);
          return false;
        }
      } catch (e) {
        lastProblem = "could not reach the server";
      }
      if (attempt < POST_TRIES) await sleep(500 * attempt);
    }
    showError("Not sent: " + lastProblem + ". Please try again.");
    return false;
  }

  async function sendText() {
    var text = el.input.value;
    if (!text.trim()) { el.input.focus(); return; }
    el.input.value = "";
    autosize();
    el.send.disabled = true;
    var ok = false;
    try {
      ok = await post({ text: text });
    } finally {
      el.send.disabled = false;
    }
    if (!ok && !el.input.value) { el.input.value = text; autosize(); }
    el.input.focus();
  }

  async function tap(button, group) {
    if (button.disabled) return;
    var all = group.querySelectorAll("button.reply");
    for (var i = 0; i < all.length; i++) all[i].disabled = true;
    button.classList.add("chosen");
    var ok = await post({ payload: button.getAttribute("data-payload") });
    if (!ok) {
      button.classList.remove("chosen");
      for (var j = 0; j < all.length; j++) if (!all[j].hasAttribute("data-retired")) all[j].disabled = false;
    }
  }

  function autosize() {
    el.input.style.height = "auto";
    el.input.style.height = Math.min(el.input.scrollHeight + 2, 128) + "px";
  }

  // ---- the demo's codes ----

  // "Try it: send join DEMO0000 (peer) or join DEMOFAC0 (facilitator)": in the chat each code is a
  // button that sends that text; on the name picker the same line says what to do after.
  function showDemo(demo) {
    if (!demo || !Array.isArray(demo.codes) || !demo.codes.length) return;
    el.notes.textContent = "Demo partnership: " + demo.name + ".\nAfter you pick a name, try joining it: send " +
      demo.codes.map(function (c) { return "\u201c" + c.text + "\u201d (" + c.role + ")"; }).join(" or ") + ".";
    el.notes.hidden = false;
    el.tryIt.textContent = "";
    el.tryIt.appendChild(span("Try it: send"));
    demo.codes.forEach(function (c, i) {
      if (i > 0) el.tryIt.appendChild(span("or"));
      var b = document.createElement("button");
      b.type = "button";
      b.className = "reply";
      b.textContent = c.text;
      b.setAttribute("data-testid", "try-code");
      b.setAttribute("data-text", c.text);
      b.addEventListener("click", function () { sendDemo(b, c.text); });
      var choice = span(null); // the button and its role stay together when the line wraps
      choice.appendChild(b);
      choice.appendChild(document.createTextNode(" (" + c.role + ")"));
      el.tryIt.appendChild(choice);
    });
    el.tryIt.hidden = false;
  }

  function span(text) {
    var s = document.createElement("span");
    if (text) s.textContent = text;
    return s;
  }

  async function sendDemo(button, text) {
    if (!state.user || button.disabled) return;
    button.disabled = true;
    try { await post({ text: text }); } finally { button.disabled = false; }
    el.input.focus();
  }

  function loadDemo() {
    fetch("api/v1/sim", { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body) showDemo(body.demo); })
      .catch(function () { /* no demo to show: the page works without it */ });
  }

  // ---- wiring ----

  el.nameForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var raw = el.nameInput.value.trim();
    var problem = nameProblem(raw);
    if (problem) { showNameError(problem); el.nameInput.focus(); return; }
    showNameError(null);
    storeSet(raw);
    startChat(raw);
  });

  el.nameInput.addEventListener("input", function () {
    if (!el.nameError.hidden && NAME.test(el.nameInput.value.trim())) showNameError(null);
  });

  el.switchLink.addEventListener("click", function (e) {
    e.preventDefault();
    storeDel();
    showSetup("", null);
  });

  el.composer.addEventListener("submit", function (e) { e.preventDefault(); sendText(); });

  el.input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendText();
    }
  });
  el.input.addEventListener("input", autosize);

  el.errorClose.addEventListener("click", function () { hideError(); el.input.focus(); });

  loadDemo();
  var saved = storeGet();
  if (saved && NAME.test(saved)) startChat(saved);
  else showSetup(saved ? saved : "", null);
})();
