/* Servicetorget: a small clickable map that fills in latitude and longitude.
 *
 * Progressive enhancement: without this script the address and coordinate
 * fields work alone. Nothing is loaded from other hosts: the map is an SVG
 * drawn here from the bounds in data-bounds (south,west,north,east) and the
 * outlines in the GeoJSON at data-geojson (same origin). Equirectangular
 * projection inside the bounds. Texts come from data-text-* attributes, so
 * they are translated with the page.
 */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var WIDTH = 600;

  function node(name, attrs, parent) {
    var element = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) {
      element.setAttribute(key, String(attrs[key]));
    });
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  function parseNumber(value) {
    var number = parseFloat(String(value || "").replace(",", ".").replace("\u2212", "-"));
    return isFinite(number) ? number : null;
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function setup(box) {
    var latInput = document.getElementById(box.getAttribute("data-lat"));
    var lonInput = document.getElementById(box.getAttribute("data-lon"));
    var bounds = (box.getAttribute("data-bounds") || "").split(",").map(Number);
    var panel = box.querySelector("[data-map-panel]");
    var status = box.querySelector("[data-map-status]");
    if (!latInput || !lonInput || !panel || !status || bounds.length !== 4 || bounds.some(isNaN)) {
      return;
    }
    var south = bounds[0];
    var west = bounds[1];
    var north = bounds[2];
    var east = bounds[3];
    if (!(north > south && east > west)) {
      return;
    }
    var middle = [(south + north) / 2, (west + east) / 2];
    var aspect = ((east - west) * Math.cos((middle[0] * Math.PI) / 180)) / (north - south);
    var height = Math.round(clamp(WIDTH / aspect, 200, 900));
    var point = null;

    var svg = node("svg", {
      viewBox: "0 0 " + WIDTH + " " + height,
      role: "application",
      tabindex: "0",
      "aria-label": box.getAttribute("data-label") || "",
      "aria-describedby": "inquiry-map-help",
    }, panel);
    var grid = node("g", { "class": "torg-map__grid" }, svg);
    var columns = 8;
    var rows = Math.max(2, Math.round((columns * height) / WIDTH));
    var i;
    for (i = 1; i < columns; i += 1) {
      node("line", { x1: (i * WIDTH) / columns, y1: 0, x2: (i * WIDTH) / columns, y2: height }, grid);
    }
    for (i = 1; i < rows; i += 1) {
      node("line", { x1: 0, y1: (i * height) / rows, x2: WIDTH, y2: (i * height) / rows }, grid);
    }
    var outlines = node("g", { "class": "torg-map__outline" }, svg);
    var marker = node("g", { "class": "torg-map__marker", visibility: "hidden" }, svg);
    node("circle", { r: 18 }, marker);
    node("circle", { r: 6, "class": "torg-map__dot" }, marker);

    function toXY(lat, lon) {
      return [((lon - west) / (east - west)) * WIDTH, ((north - lat) / (north - south)) * height];
    }

    function inside(lat, lon) {
      return lat >= south && lat <= north && lon >= west && lon <= east;
    }

    function say(text) {
      status.textContent = text;
    }

    function show(lat, lon, announce) {
      point = [lat, lon];
      if (inside(lat, lon)) {
        var xy = toXY(lat, lon);
        marker.setAttribute("transform", "translate(" + xy[0].toFixed(1) + " " + xy[1].toFixed(1) + ")");
        marker.setAttribute("visibility", "visible");
      } else {
        marker.setAttribute("visibility", "hidden");
      }
      if (announce) {
        say(inside(lat, lon)
          ? (box.getAttribute("data-text-chosen") || "")
            .replace("{lat}", lat.toFixed(5))
            .replace("{lon}", lon.toFixed(5))
          : box.getAttribute("data-text-outside") || "");
      }
    }

    function choose(lat, lon) {
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      show(lat, lon, true);
    }

    function clear() {
      point = null;
      latInput.value = "";
      lonInput.value = "";
      marker.setAttribute("visibility", "hidden");
      say(box.getAttribute("data-text-none") || "");
    }

    function fromInputs() {
      var lat = parseNumber(latInput.value);
      var lon = parseNumber(lonInput.value);
      if (lat !== null && lon !== null) {
        show(lat, lon, false);
      } else {
        point = null;
        marker.setAttribute("visibility", "hidden");
      }
    }

    svg.addEventListener("click", function (event) {
      var rect = svg.getBoundingClientRect();
      if (!rect.width || !rect.height) {
        return;
      }
      var x = ((event.clientX - rect.left) / rect.width) * WIDTH;
      var y = ((event.clientY - rect.top) / rect.height) * height;
      choose(north - (y / height) * (north - south), west + (x / WIDTH) * (east - west));
    });

    var moves = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    svg.addEventListener("keydown", function (event) {
      var move = moves[event.key];
      if (!move) {
        return;
      }
      event.preventDefault();
      if (!point || !inside(point[0], point[1])) {
        choose(middle[0], middle[1]);
        return;
      }
      var steps = event.shiftKey ? 10 : 50;
      choose(
        clamp(point[0] + (move[0] * (north - south)) / steps, south, north),
        clamp(point[1] + (move[1] * (east - west)) / steps, west, east)
      );
    });

    latInput.addEventListener("change", fromInputs);
    lonInput.addEventListener("change", fromInputs);

    var clearButton = box.querySelector("[data-map-clear]");
    if (clearButton) {
      clearButton.addEventListener("click", clear);
    }
    var locate = box.querySelector("[data-map-locate]");
    if (locate && "geolocation" in navigator) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(
          function (position) {
            choose(position.coords.latitude, position.coords.longitude);
          },
          function () {
            say(box.getAttribute("data-text-failed") || "");
          },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }

    function ring(coordinates) {
      return coordinates.map(function (pair, index) {
        var xy = toXY(pair[1], pair[0]);
        return (index ? "L" : "M") + xy[0].toFixed(1) + " " + xy[1].toFixed(1);
      }).join(" ");
    }

    function draw(geometry) {
      if (!geometry || !geometry.coordinates) {
        return;
      }
      var rings = [];
      if (geometry.type === "Polygon" || geometry.type === "MultiLineString") {
        rings = geometry.coordinates;
      } else if (geometry.type === "MultiPolygon") {
        geometry.coordinates.forEach(function (polygon) {
          rings = rings.concat(polygon);
        });
      } else if (geometry.type === "LineString") {
        rings = [geometry.coordinates];
      }
      rings.forEach(function (coordinates) {
        node("path", { d: ring(coordinates) }, outlines);
      });
    }

    var url = box.getAttribute("data-geojson");
    if (url && window.fetch) {
      window.fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          ((data && data.features) || []).forEach(function (feature) {
            draw(feature && feature.geometry);
          });
        })
        .catch(function () {
          /* The grid alone is enough to choose a point. */
        });
    }

    fromInputs();
    box.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-torg-map]"), setup);
})();
