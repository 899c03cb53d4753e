/* Medical forms (guidebook/formpages.py writes the pages and the definitions
   this script reads). On a form page: conditional items, checks in the
   patient's language, answers kept on the phone only if the patient asks,
   the Korean summary for reception with a QR code and a FHIR file. On the
   reading page (/forms/read/): the answers of a QR code's URL fragment, in
   Korean. Nothing typed is sent anywhere: no submission, no query string, no
   request (the QR code is drawn here, the FHIR file is a Blob). */
(function () {
  "use strict";

  var FORMAT = "1"; // version of the fragment format below
  var SHORT = { yes: "y", no: "n", unsure: "u" };
  var LONG = { y: "yes", n: "no", u: "unsure" };
  var MAX_QR_BYTES = 1000; // see QR_MAX_BYTES in guidebook/formpages.py
  var script = document.currentScript;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function json(id) { var node = document.getElementById(id); return node && JSON.parse(node.textContent); }

  /* ---- answers: one value per item index ---------------------------------
     choice, yes/no: a code; multi: a list of codes; number, scale: a number
     as typed; date: YYYY-MM-DD; text: the text. */

  function shown(def, answers, index) {
    var item = def.items[index];
    if (!item.when) return true;
    var target = item.when[0], value = answers[target];
    if (!shown(def, answers, target) || value === undefined) return false;
    var values = Array.isArray(value) ? value : [value];
    return values.some(function (v) { return item.when[1].indexOf(v) >= 0; });
  }

  function optionIndex(item, code) {
    for (var i = 0; i < item.options.length; i++) if (item.options[i][0] === code) return i;
    return -1;
  }

  /* The fragment: 1/<form>/<lang>/<index>:<value>/…, values by option index
     (choices), y/n/u (yes/no), YYYYMMDD (dates), digits (numbers) or the
     percent-encoded text; no label travels, the reading page has them. */
  function encode(def, lang, answers) {
    var parts = [FORMAT, def.form, lang];
    answers.forEach(function (value, index) {
      if (value === undefined || value === "" || !shown(def, answers, index)) return;
      var item = def.items[index], out;
      if (item.type === "choice") out = String(optionIndex(item, value));
      else if (item.type === "multi") out = value.map(function (c) { return optionIndex(item, c); }).join(",");
      else if (item.type === "yesno") out = SHORT[value];
      else if (item.type === "date") out = value.replace(/-/g, "");
      else if (item.type === "text") out = encodeURIComponent(value);
      else out = String(value);
      parts.push(index + ":" + out);
    });
    return parts.join("/");
  }

  function decode(fragment, definitions) {
    var parts = fragment.replace(/^#/, "").split("/");
    var def = definitions[parts[1]];
    if (parts[0] !== FORMAT || !def || !def.tags[parts[2]]) return null;
    var answers = [];
    parts.slice(3).forEach(function (part) {
      var at = part.indexOf(":"), index = parseInt(part.slice(0, at), 10), raw = part.slice(at + 1);
      var item = def.items[index];
      if (!item || at < 0) return;
      if (item.type === "choice") answers[index] = (item.options[+raw] || [])[0];
      else if (item.type === "multi") answers[index] = raw.split(",").map(function (n) { return (item.options[+n] || [])[0]; }).filter(Boolean);
      else if (item.type === "yesno") answers[index] = LONG[raw];
      else if (item.type === "date") answers[index] = raw.replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3");
      else if (item.type === "text") { try { answers[index] = decodeURIComponent(raw); } catch (e) { answers[index] = raw; } }
      else answers[index] = raw;
    });
    return { def: def, lang: parts[2], answers: answers };
  }

  /* ---- the Korean view for the staff ------------------------------------ */

  function koreanDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? +m[1] + "년 " + +m[2] + "월 " + +m[3] + "일" : iso;
  }

  function koreanOption(item, code) {
    var i = optionIndex(item, code);
    return i >= 0 ? item.options[i][1] : code;
  }

  /* Rows of <dt> Korean label (+ the patient's label) and <dd> Korean answer. */
  function koreanRows(list, def, answers, tag, written) {
    while (list.firstChild) list.removeChild(list.firstChild);
    def.items.forEach(function (item, index) {
      if (!shown(def, answers, index)) return;
      var value = answers[index], empty = value === undefined || value === "" || (Array.isArray(value) && !value.length);
      var dt = el("dt", { "data-item": item.id }, item.ko);
      if (item.label) dt.appendChild(el("span", { "class": "gb-answer-label", lang: tag, dir: "auto" }, item.label));
      var dd = el("dd", { "data-item": item.id });
      if (empty) { dd.textContent = "답하지 않음"; dd.className = "gb-missing"; }
      else if (item.type === "text") {
        dd.appendChild(el("span", { lang: tag, dir: "auto", "class": "gb-typed" }, value));
        dd.appendChild(el("span", { "class": "gb-written" }, written));
      } else if (item.type === "choice" || item.type === "yesno") dd.textContent = koreanOption(item, value);
      else if (item.type === "multi") dd.textContent = value.map(function (c) { return koreanOption(item, c); }).join(", ");
      else if (item.type === "date") dd.textContent = koreanDate(value);
      else if (item.type === "scale") dd.textContent = value + " / " + item.max;
      else dd.textContent = value + (item.unitKo ? " " + item.unitKo : "");
      list.appendChild(dt);
      list.appendChild(dd);
    });
  }

  /* ---- the reading page ------------------------------------------------- */

  var readerData = json("gb-reader-data");
  if (readerData) {
    var showAnswers = function () {
      var found = decode(location.hash, readerData);
      if (!found) return;
      document.getElementById("gb-summary-title").textContent = "문진표 답변: " + found.def.titleKo;
      document.getElementById("gb-reader-status").hidden = true;
      koreanRows(document.getElementById("gb-answers"), found.def, found.answers,
                 found.def.tags[found.lang], found.def.writtenKo[found.lang]);
    };
    showAnswers();
    window.addEventListener("hashchange", showAnswers);
    return;
  }

  /* ---- the form page ---------------------------------------------------- */

  var def = json("gb-form-data"), form = document.getElementById("gb-form");
  if (!def || !form) return;
  var msg = def.messages, storeKey = "guidebook-form:" + def.form;
  var items = Array.prototype.slice.call(form.querySelectorAll(".gb-item"));
  var summary = document.getElementById("gb-summary");
  var status = document.getElementById("gb-form-status");
  var keep = document.getElementById("gb-keep"), remove = document.getElementById("gb-delete");
  var reader = new URL(script.getAttribute("data-reader"), location.href).href;
  var canonical = new URL(script.getAttribute("data-questionnaire"), location.href).href;

  function inputs(node) { return node.querySelectorAll("input"); }

  function read() {
    var answers = [];
    items.forEach(function (node) {
      if (node.hidden) return;
      var index = +node.getAttribute("data-index"), type = node.getAttribute("data-type");
      if (type === "multi") {
        var codes = [];
        each(inputs(node), function (i) { if (i.checked) codes.push(i.value); });
        if (codes.length) answers[index] = codes;
      } else if (node.tagName === "FIELDSET") {
        each(inputs(node), function (i) { if (i.checked) answers[index] = i.value; });
      } else {
        var value = inputs(node)[0].value.trim();
        if (value) answers[index] = value;
      }
    });
    return answers;
  }

  function write(answers) {
    items.forEach(function (node) {
      var value = answers[+node.getAttribute("data-index")];
      var values = Array.isArray(value) ? value : [value];
      each(inputs(node), function (i) {
        if (i.type === "radio" || i.type === "checkbox") i.checked = values.indexOf(i.value) >= 0;
        else i.value = value === undefined ? "" : value;
      });
    });
  }

  /* Conditional items: shown (and enabled) only when the earlier answer fits;
     hidden items are disabled, so they are neither read nor focusable. */
  function conditions() {
    items.forEach(function (node) {
      var target = node.getAttribute("data-when");
      if (!target) return;
      var source = document.getElementById(target), wanted = node.getAttribute("data-any-of").split(" ");
      var on = !source.closest(".gb-item").hidden && Array.prototype.some.call(inputs(source), function (i) {
        return i.checked && wanted.indexOf(i.value) >= 0;
      });
      node.hidden = !on;
      if (node.tagName === "FIELDSET") node.disabled = !on;
      else each(inputs(node), function (i) { i.disabled = !on; });
    });
  }

  /* ---- checks: errors tied to their field, in the patient's language ---- */

  function setError(node, text) {
    var error = node.querySelector(".gb-error"), id = error.id;
    var control = node.tagName === "FIELDSET" ? node : inputs(node)[0];
    var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (d) { return d && d !== id; });
    error.textContent = text || "";
    error.hidden = !text;
    if (text) described.push(id);
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
    each(inputs(node), function (i) {
      if (text) i.setAttribute("aria-invalid", "true"); else i.removeAttribute("aria-invalid");
    });
  }

  function check(node, answers) {
    var index = +node.getAttribute("data-index"), item = def.items[index];
    var input = inputs(node)[0], value = answers[index];
    if (item.type === "number" && input.validity.badInput) return msg.number;
    if (item.type === "date" && input.validity.badInput) return msg.date;
    if (value === undefined) return item.required ? msg.required : "";
    if (item.type === "number") {
      var n = Number(value);
      if (isNaN(n)) return msg.number;
      if ((item.min !== undefined && n < item.min) || (item.max !== undefined && n > item.max)) {
        return msg.range.replace("{min}", item.min).replace("{max}", item.max);
      }
    }
    return "";
  }

  function validate() {
    var answers = read(), first = null, count = 0;
    items.forEach(function (node) {
      var text = node.hidden ? "" : check(node, answers);
      setError(node, text);
      if (text) { count += 1; first = first || node; }
    });
    status.textContent = count ? msg.invalid.replace("{count}", count) : "";
    if (first) (first.querySelector("input:not([disabled])") || first).focus();
    return count ? null : answers;
  }

  /* ---- kept on this phone only when asked ------------------------------- */

  function storage() { try { return window.localStorage; } catch (e) { return null; } }

  function save() {
    var store = storage();
    if (!keep.checked || !store) return;
    var answers = read(), byId = {};
    answers.forEach(function (v, i) { if (v !== undefined) byId[def.items[i].id] = v; });
    try { store.setItem(storeKey, JSON.stringify(byId)); } catch (e) { return; }
    remove.hidden = false;
  }

  function restore() {
    var store = storage(), text = store && store.getItem(storeKey);
    if (!text) return;
    var byId = JSON.parse(text), answers = [];
    def.items.forEach(function (item, i) { if (item.id in byId) answers[i] = byId[item.id]; });
    keep.checked = true;
    remove.hidden = false;
    write(answers);
  }

  function forget() {
    var store = storage();
    if (store) store.removeItem(storeKey);
    remove.hidden = true;
  }

  /* ---- the summary for reception ---------------------------------------- */

  function drawQr(box, url) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (url.length > MAX_QR_BYTES || typeof window.qrcode !== "function") {
      box.appendChild(el("p", { "class": "gb-qr-too-long", lang: def.tag }, msg.qrTooLong));
      return;
    }
    var qr = window.qrcode(0, "M");
    qr.addData(url, "Byte");
    qr.make();
    var n = qr.getModuleCount(), margin = 4, size = n + 2 * margin, d = [];
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) {
      if (qr.isDark(r, c)) d.push("M" + (c + margin) + " " + (r + margin) + "h1v1h-1z");
    }
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", msg.qrLabel);
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("data-bytes", String(url.length));
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", "#fff");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d.join("")); path.setAttribute("fill", "#000");
    svg.appendChild(bg); svg.appendChild(path);
    box.appendChild(svg);
    box.appendChild(el("p", { "class": "gb-qr-label", lang: def.tag }, msg.qrLabel));
  }

  var lastAnswers = [];

  function showSummary() {
    var answers = validate();
    if (!answers) return;
    lastAnswers = answers;
    koreanRows(document.getElementById("gb-answers"), def, answers, def.tag, def.writtenKo);
    drawQr(document.getElementById("gb-qr"), reader + "#" + encode(def, def.lang, answers));
    form.hidden = true;
    summary.hidden = false;
    document.documentElement.classList.add("gb-summary-open");
    summary.focus();
    window.scrollTo(0, summary.getBoundingClientRect().top + window.pageYOffset - 60);
  }

  function hideSummary() {
    summary.hidden = true;
    form.hidden = false;
    document.documentElement.classList.remove("gb-summary-open");
    document.getElementById("gb-show-summary").focus();
  }

  /* The answers as a FHIR R4 QuestionnaireResponse of the published Questionnaire. */
  function response(answers) {
    var groups = [], byGroup = {};
    def.items.forEach(function (item, index) {
      var value = answers[index];
      if (value === undefined || !shown(def, answers, index)) return;
      var values = Array.isArray(value) ? value : [value];
      var out = values.map(function (v) {
        if (item.options) return { valueCoding: { code: v, display: koreanOption(item, v) } };
        if (item.type === "date") return { valueDate: v };
        if (item.type === "scale") return { valueInteger: parseInt(v, 10) };
        if (item.type === "number") return { valueDecimal: Number(v) };
        return { valueString: v };
      });
      if (!byGroup[item.section]) { byGroup[item.section] = { linkId: item.section, item: [] }; groups.push(byGroup[item.section]); }
      byGroup[item.section].item.push({ linkId: item.id, text: item.ko, answer: out });
    });
    return { resourceType: "QuestionnaireResponse", questionnaire: canonical, status: "completed",
             language: def.tag, authored: new Date().toISOString(), item: groups };
  }

  function download() {
    var blob = new Blob([JSON.stringify(response(lastAnswers), null, 1)], { type: "application/fhir+json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: script.getAttribute("data-file") });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  document.documentElement.classList.add("gb-js");
  each(document.querySelectorAll(".gb-js-only"), function (node) { node.hidden = false; });
  restore();
  conditions();
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { conditions(); save(); });
  form.addEventListener("input", save);
  keep.addEventListener("change", function () {
    if (keep.checked) { save(); status.textContent = msg.saved; } else forget();
  });
  remove.addEventListener("click", function () {
    forget();
    keep.checked = false;
    form.reset();
    conditions();
    items.forEach(function (node) { setError(node, ""); });
    status.textContent = msg.deleted;
    keep.focus();
  });
  document.getElementById("gb-show-summary").addEventListener("click", showSummary);
  document.getElementById("gb-back").addEventListener("click", hideSummary);
  document.getElementById("gb-print").addEventListener("click", function () { window.print(); });
  document.getElementById("gb-fhir").addEventListener("click", download);
})();
