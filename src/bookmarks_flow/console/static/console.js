// The local console's only script (the Content-Security-Policy allows no inline code).
// On an execution page it keeps a running execution up to date by polling the live endpoint and replacing the
// fragments whose version changed, and it selects states in place when a graph node or a state link is clicked.
// On the start form it says whether the input is valid JSON while it is typed (the server checks again).
(function () {
  "use strict";

  var input = document.getElementById("input");
  var inputCheck = document.getElementById("input-check");
  if (input && inputCheck) {
    var checkInput = function () {
      try {
        JSON.parse(input.value);
        inputCheck.textContent = "Valid JSON.";
        inputCheck.className = "hint ok";
      } catch (error) {
        inputCheck.textContent = "Not valid JSON: " + error.message;
        inputCheck.className = "hint bad";
      }
    };
    input.addEventListener("input", checkInput);
    checkInput();
  }

  // A state machine's own graph: a readable size, scrolled to its start.
  document.querySelectorAll(".graph.plain").forEach(function (container) {
    var svg = container.querySelector("svg");
    var start = container.querySelector("g.node.kind-start");
    if (svg && svg.viewBox && svg.viewBox.baseVal) {
      svg.setAttribute("width", String(Math.round(svg.viewBox.baseVal.width * (4 / 3) * 0.8)));
      svg.removeAttribute("height");
    }
    if (start) {
      var startBox = start.getBoundingClientRect();
      var containerBox = container.getBoundingClientRect();
      container.scrollLeft += startBox.left + startBox.width / 2 - (containerBox.left + containerBox.width / 2);
    }
  });

  var page = document.getElementById("execution-page");
  if (!page) {
    return;
  }
  var liveUrl = page.dataset.liveUrl;
  var selected = page.dataset.selected || "";
  // A state chosen by the person stays selected; one the server chose (needs attention) follows the execution.
  var pinned = new URLSearchParams(window.location.search).has("state");
  var timer = null;
  var sequence = 0;
  var POLL_MS = 2000;
  var RETRY_MS = 5000;
  var ZOOMS = [0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5];
  var FIT = 0;
  var PX_PER_PT = 4 / 3;
  var zoom = Number(window.sessionStorage.getItem("console-graph-zoom") || "0.8");

  function graphBox() {
    return document.querySelector("#graph .graph");
  }

  function applyZoom() {
    var svg = document.querySelector("#graph svg");
    var controls = document.querySelector(".zoom");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) {
      return;
    }
    var box = svg.viewBox.baseVal;
    svg.setAttribute("width", zoom === FIT ? "100%" : String(Math.round(box.width * PX_PER_PT * zoom)));
    svg.removeAttribute("height");
    if (controls) {
      controls.hidden = false;
      controls.querySelector(".zoom-level").textContent = zoom === FIT ? "fit" : Math.round(zoom * 100) + "%";
    }
  }

  function showStart() {
    var container = graphBox();
    var start = document.querySelector("#graph g.node.kind-start");
    if (!container || !start) {
      return;
    }
    var startBox = start.getBoundingClientRect();
    var containerBox = container.getBoundingClientRect();
    container.scrollLeft += startBox.left + startBox.width / 2 - (containerBox.left + containerBox.width / 2);
  }

  function setZoom(direction) {
    if (direction === "fit") {
      zoom = FIT;
    } else {
      var current = zoom === FIT ? 0.4 : zoom;
      var index = ZOOMS.indexOf(current);
      if (index < 0) {
        index = 4;
      }
      index = Math.max(0, Math.min(ZOOMS.length - 1, index + (direction === "in" ? 1 : -1)));
      zoom = ZOOMS[index];
    }
    window.sessionStorage.setItem("console-graph-zoom", String(zoom));
    applyZoom();
    centerOn(selected);
  }

  function centerOn(name) {
    var container = graphBox();
    var node = name && document.querySelector('#graph g.node[data-state="' + CSS.escape(name) + '"]');
    if (!container || !node) {
      return;
    }
    var nodeBox = node.getBoundingClientRect();
    var containerBox = container.getBoundingClientRect();
    container.scrollLeft += nodeBox.left + nodeBox.width / 2 - (containerBox.left + containerBox.width / 2);
    container.scrollTop += nodeBox.top + nodeBox.height / 2 - (containerBox.top + containerBox.height / 2);
  }

  function query() {
    var params = new URLSearchParams(window.location.search);
    if (pinned && selected) {
      params.set("state", selected);
    }
    return params;
  }

  function markSelected() {
    document.querySelectorAll("#graph g.node[data-state]").forEach(function (node) {
      node.classList.toggle("selected", node.dataset.state === selected);
    });
    document.querySelectorAll("tr.state-row").forEach(function (row) {
      row.classList.toggle("selected", row.dataset.state === selected);
    });
  }

  function apply(data) {
    Object.keys(data.fragments).forEach(function (id) {
      var fragment = data.fragments[id];
      var element = document.getElementById(id);
      if (!element || element.dataset.version === fragment.version) {
        return;
      }
      var container = id === "graph" ? graphBox() : null;
      var scroll = container ? [container.scrollLeft, container.scrollTop] : null;
      element.innerHTML = fragment.html;
      element.dataset.version = fragment.version;
      if (id === "graph") {
        applyZoom();
        if (scroll && graphBox()) {
          graphBox().scrollLeft = scroll[0];
          graphBox().scrollTop = scroll[1];
        }
      }
    });
    document.title = data.title + " · Step Functions local console";
    if (!pinned && data.selected !== undefined) {
      selected = data.selected || "";
    }
    page.dataset.running = data.running ? "true" : "false";
    markSelected();
  }

  function refresh() {
    var mine = ++sequence;
    return fetch(liveUrl + "?" + query().toString(), {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    }).then(function (data) {
      if (mine === sequence) {
        apply(data);
      }
      return data;
    });
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    if (page.dataset.running === "true") {
      timer = window.setTimeout(poll, delay);
    }
  }

  function poll() {
    refresh().then(function () { schedule(POLL_MS); }, function () { schedule(RETRY_MS); });
  }

  function remember() {
    var params = query();
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString() + window.location.hash);
  }

  function select(name, fromGraph) {
    selected = name;
    pinned = true;
    remember();
    markSelected();
    if (!fromGraph) {
      centerOn(name);
    }
    refresh().then(function () {
      var panel = document.getElementById("detail-section");
      if (panel) {
        panel.scrollIntoView({ block: "nearest" });
      }
    }, function () {
      window.location.assign(window.location.pathname + "?" + query().toString() + "#detail");
    });
  }

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var zoomButton = event.target.closest("[data-zoom]");
    if (zoomButton) {
      setZoom(zoomButton.dataset.zoom);
      return;
    }
    var link = event.target.closest("[data-select]");
    var node = event.target.closest("#graph g.node[data-state]");
    if (!link && !node) {
      return;
    }
    event.preventDefault();
    select(link ? link.dataset.select : node.dataset.state, !link);
  });

  document.addEventListener("keydown", function (event) {
    var node = event.target.closest && event.target.closest("#graph g.node[data-state]");
    if (node && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(node.dataset.state, true);
    }
  });

  applyZoom();
  markSelected();
  if (selected) {
    centerOn(selected);
  } else {
    showStart();
  }
  schedule(POLL_MS);
})();

// The map run page: while the map run runs, its status, counts and child executions follow it without a reload.
(function () {
  var page = document.getElementById("map-run-page");
  if (!page || page.dataset.running !== "true") {
    return;
  }
  var POLL_MS = 2000;
  var RETRY_MS = 5000;
  var PARTS = ["map-run-status", "map-run-details", "map-run-counts", "child-executions-list"];

  function poll() {
    fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("map run page answered " + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html");
        PARTS.forEach(function (id) {
          var current = document.getElementById(id);
          var replacement = fresh.getElementById(id);
          if (current && replacement) {
            current.replaceWith(document.importNode(replacement, true));
          }
        });
        var freshPage = fresh.getElementById("map-run-page");
        if (freshPage && freshPage.dataset.running === "true") {
          window.setTimeout(poll, POLL_MS);
        }
      })
      .catch(function () {
        window.setTimeout(poll, RETRY_MS);
      });
  }

  window.setTimeout(poll, POLL_MS);
})();
