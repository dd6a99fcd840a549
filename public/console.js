// Crier console (/admin): live updates, as progressive enhancement only. Without this
// script the console is the same server-rendered page of plain forms.
//
// It listens to the public event stream (/api/events: only what is shown publicly, and
// it carries nothing more for the console) and, on any announcement or screen event, fetches this
// page again (the signed-in console, with the same filters) and merges each section's
// fresh HTML into the one on screen, element by element: a node that is still there is
// kept, so focus, a half-typed reason, an open "Settings" and a playing audio player stay
// as they are, and the page does not move. What changed is said once, in the page's one
// polite live region (#console-live). Hidden posts, archived replies and approval queues
// come only from the console's own authenticated page, never from the stream.
(function () {
  "use strict";
  var live = document.getElementById("console-live");
  if (!live || !window.EventSource || !window.fetch || !window.DOMParser) return;

  var SECTIONS = ["announcements", "approvals", "accounts", "screens", "emergencies", "audit"];
  var EVENTS = ["announcement.created", "announcement.updated", "announcement.deleted", "screen.changed", "reset"];
  var MAX_SAID = 3;
  var RETRY_MS = 60000;
  // The same list as the page shows (its filters), without a one-time notice code.
  var here = new URLSearchParams(location.search);
  var wanted = new URLSearchParams();
  ["state", "account"].forEach(function (name) {
    if (here.get(name)) wanted.set(name, here.get(name));
  });
  var pageUrl = "/admin" + (wanted.toString() ? "?" + wanted.toString() : "");

  var timer = null;
  var isFetching = false;
  var isDueAgain = false;
  var isStopped = false;
  var stream = null;
  // After the page has loaded: Next's own script has hydrated by then, and a merge never races it.
  if (document.readyState === "complete") connect();
  else window.addEventListener("load", connect, { once: true });

  function connect() {
    if (isStopped) return;
    stream = new EventSource("/api/events");
    EVENTS.forEach(function (type) {
      stream.addEventListener(type, schedule);
    });
    // On every (re)connection, catch up on what happened while there was none: since
    // this page was drawn, or while the connection was down.
    stream.addEventListener("open", schedule);
    // The browser reconnects by itself after a dropped connection, but not after a refusal
    // (a server at its SSE_MAX_STREAMS answers 503): try again in a minute.
    stream.addEventListener("error", function () {
      if (stream.readyState === EventSource.CLOSED) setTimeout(connect, RETRY_MS);
    });
  }

  // Events come in bursts (a thread, a backfill): one fetch for each burst.
  function schedule() {
    if (timer === null) timer = setTimeout(function () {
      timer = null;
      refresh();
    }, 300);
  }

  function refresh() {
    if (isFetching) {
      isDueAgain = true;
      return;
    }
    isFetching = true;
    fetch(pageUrl, { credentials: "same-origin", cache: "no-store", headers: { accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        apply(new DOMParser().parseFromString(html, "text/html"));
      })
      .catch(function () {})
      .then(function () {
        isFetching = false;
        if (isDueAgain) {
          isDueAgain = false;
          schedule();
        }
      });
  }

  function apply(fresh) {
    if (!fresh.getElementById("announcements")) {
      // The sign-in form came back: the session ended. Stop, and say so once.
      isStopped = true;
      stream.close();
      say("Live updates stopped: your session ended. Reload the page to sign in again.");
      return;
    }
    var before = summarise();
    var focused = document.activeElement;
    var focusPath = focused && focused !== document.body ? ancestorsOf(focused) : [];
    var anchor = pickAnchor(focused);
    var anchorTop = anchor ? anchor.getBoundingClientRect().top : 0;
    SECTIONS.forEach(function (id) {
      var current = document.getElementById(id);
      var next = fresh.getElementById(id);
      if (current && next) morph(current, next);
    });
    // Browsers with scroll anchoring have already kept the view still; this is for the rest.
    if (anchor && anchor.isConnected) {
      var moved = anchor.getBoundingClientRect().top - anchorTop;
      if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
    }
    if (focusPath.length > 0 && !focusPath[0].isConnected) refocus(focusPath);
    var said = describe(before, summarise());
    if (said) say(said);
  }

  /** Keeps the keyboard where it was: what held focus went, so its nearest surviving item (or section) takes it, without scrolling. */
  function refocus(path) {
    for (var i = 1; i < path.length; i++) {
      var node = path[i];
      if (!node.isConnected || !(node.hasAttribute("data-key") || node.tagName === "SECTION")) continue;
      if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
      node.focus({ preventScroll: true });
      return;
    }
  }

  function ancestorsOf(node) {
    var path = [];
    for (; node && node !== document.body; node = node.parentElement) path.push(node);
    return path;
  }

  /** The element whose place on screen must not move: the focused one if in view, else the first item in view. */
  function pickAnchor(focused) {
    if (focused && focused !== document.body && isInView(focused)) return focused;
    var items = document.querySelectorAll("main [data-key]");
    for (var i = 0; i < items.length; i++) if (isInView(items[i])) return items[i];
    return null;
  }

  function isInView(element) {
    var box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.top < window.innerHeight;
  }

  // --- Merging fresh HTML into the page ---------------------------------------------

  function keyOf(node) {
    return node.nodeType === 1 ? node.getAttribute("data-key") || node.id || null : null;
  }

  function morph(current, next) {
    syncAttributes(current, next);
    // A textarea's children are its default value: set that, never what the person typed.
    if (current.tagName === "TEXTAREA") {
      if (current.defaultValue !== next.defaultValue) current.defaultValue = next.defaultValue;
      return;
    }
    morphChildren(current, next);
  }

  // Attributes only, never properties: a field the person has edited keeps its value
  // (its dirty flag), and an option or checkbox they changed keeps their choice.
  function syncAttributes(current, next) {
    var i;
    for (i = 0; i < next.attributes.length; i++) {
      var attribute = next.attributes[i];
      if (current.tagName === "DETAILS" && attribute.name === "open") continue;
      if (current.getAttribute(attribute.name) !== attribute.value) current.setAttribute(attribute.name, attribute.value);
    }
    for (i = current.attributes.length - 1; i >= 0; i--) {
      var name = current.attributes[i].name;
      if (next.hasAttribute(name)) continue;
      // An open <details> stays open; an item that took focus keeps the tabindex that lets it hold it.
      if ((current.tagName === "DETAILS" && name === "open") || (name === "tabindex" && current === document.activeElement)) continue;
      current.removeAttribute(name);
    }
  }

  function morphChildren(current, next) {
    var keysWanted = {};
    for (var child = next.firstChild; child; child = child.nextSibling) {
      var key = keyOf(child);
      if (key) keysWanted[key] = true;
    }
    var cursor = current.firstChild;
    var incoming = next.firstChild;
    while (incoming) {
      var following = incoming.nextSibling;
      var match = findMatch(cursor, incoming);
      if (match) {
        // Nodes before the match that are leaving go; moving the match instead would blur it.
        while (cursor && cursor !== match && !(keyOf(cursor) && keysWanted[keyOf(cursor)])) {
          var leaving = cursor;
          cursor = cursor.nextSibling;
          leaving.remove();
        }
        if (cursor === match) cursor = cursor.nextSibling;
        else current.insertBefore(match, cursor);
        if (match.nodeType === 1) morph(match, incoming);
        else if (match.nodeValue !== incoming.nodeValue) match.nodeValue = incoming.nodeValue;
      } else {
        current.insertBefore(incoming, cursor);
      }
      incoming = following;
    }
    while (cursor) {
      var rest = cursor.nextSibling;
      cursor.remove();
      cursor = rest;
    }
  }

  /** The node on the page that `incoming` updates: the same key among the rest, else the next node when it is of the same kind. */
  function findMatch(cursor, incoming) {
    var key = keyOf(incoming);
    if (key) {
      for (var node = cursor; node; node = node.nextSibling) if (keyOf(node) === key) return node;
      return null;
    }
    return cursor && keyOf(cursor) === null && cursor.nodeName === incoming.nodeName ? cursor : null;
  }

  // --- Saying what changed -------------------------------------------------------------

  function textOf(root, selector) {
    var element = root.querySelector(selector);
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /** The announcements and the approval queues as they read now, by key. */
  function summarise() {
    var items = {};
    document.querySelectorAll("#announcements li[data-key]").forEach(function (item) {
      items["a " + item.getAttribute("data-key")] = { name: textOf(item, ".console-meta strong"), state: textOf(item, ".console-state"), text: textOf(item, ".console-text") };
    });
    document.querySelectorAll("#approvals section[data-key] li[data-key]").forEach(function (item) {
      var screen = item.closest("section[data-key]").getAttribute("data-key");
      items["w " + screen + " " + item.getAttribute("data-key")] = { name: textOf(item, ".console-meta strong"), screen: screen };
    });
    return items;
  }

  function describe(before, after) {
    var said = [];
    Object.keys(after).forEach(function (key) {
      var now = after[key];
      var was = before[key];
      if (key.charAt(0) === "w") {
        if (!was) said.push("Waiting for approval on " + now.screen + ": " + now.name + ".");
      } else if (!was) {
        said.push("New: " + now.name + ", " + now.state + ".");
      } else if (was.state !== now.state) {
        said.push(now.name + ": " + now.state + ".");
      } else if (was.text !== now.text) {
        said.push(now.name + ": announcement changed.");
      }
    });
    Object.keys(before).forEach(function (key) {
      if (key.charAt(0) === "a" && !after[key]) said.push(before[key].name + ": an announcement left this list.");
    });
    if (said.length > MAX_SAID) said = said.slice(0, MAX_SAID).concat(["And " + (said.length - MAX_SAID) + " more changes."]);
    return said.join(" ");
  }

  // Emptied first, so the same sentence twice is still said twice.
  function say(text) {
    live.textContent = "";
    setTimeout(function () {
      live.textContent = text;
    }, 100);
  }
})();
