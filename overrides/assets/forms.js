/* Medical forms (guidebook/forms/pages.py writes the pages and the definitions
   this script reads). On a form page: conditional items, checks in the
   patient's language, answers kept on the phone only if the patient asks,
   the Korean summary for reception with its QR codes (handover.js: the
   answers by item id, compressed, in as few codes as hold them), a FHIR file
   and "send to the hospital" (the patient's own share sheet, clipboard or a
   file). On the reading page (/forms/read/): the answers of one or more
   codes' URL fragments, in Korean, checked against the form's version they
   were made with. Nothing typed is sent anywhere by the site: no submission,
   no query string, no request (the QR code is drawn here, files are Blobs). */
(function () {
  "use strict";

  var H = window.GuidebookHandover;
  var PARTS_KEY = "guidebook-parts:", PARTS_MINUTES = 30;
  // Letters of a script the Korean staff may not read: not Latin, not Hangul.
  var FOREIGN = /(?![\p{Script=Latin}\p{Script=Hangul}])\p{L}/u;
  var NOT_LATIN = /(?!\p{Script=Latin})\p{L}/u;
  var script = document.currentScript;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function json(id) { var node = document.getElementById(id); return node && JSON.parse(node.textContent); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* ---- answers: one value per item id -----------------------------------
     choice, yes/no: a code; multi: a list of codes; number, scale: a number
     as typed; date: YYYY-MM-DD; text: the text. */

  function byId(def) {
    var items = Object.create(null);
    def.items.forEach(function (item) { items[item.id] = item; });
    return items;
  }

  function shown(items, answers, item) {
    if (!item.when) return true;
    var target = items[item.when[0]], value = answers[item.when[0]];
    if (!target || !shown(items, answers, target) || value === undefined) return false;
    var values = Array.isArray(value) ? value : [value];
    return values.some(function (v) { return item.when[1].indexOf(v) >= 0; });
  }

  function koreanOption(item, code) {
    for (var i = 0; i < item.options.length; i++) if (item.options[i][0] === code) return item.options[i][1];
    return code;
  }

  /* ---- the Korean view for the staff ------------------------------------ */

  function koreanDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? +m[1] + "년 " + +m[2] + "월 " + +m[3] + "일" : iso;
  }

  function koreanTime(seconds) {
    var d = new Date(seconds * 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "년 " + (d.getMonth() + 1) + "월 " + d.getDate() + "일 " +
      two(d.getHours()) + ":" + two(d.getMinutes());
  }

  /* Rows of <dt> Korean label (+ the patient's label) and <dd> Korean answer. */
  function koreanRows(list, def, answers, tag, written) {
    clear(list);
    var items = byId(def);
    def.items.forEach(function (item) {
      if (!shown(items, answers, item)) return;
      var value = answers[item.id], empty = value === undefined || value === "" || (Array.isArray(value) && !value.length);
      var dt = el("dt", { "data-item": item.id }, item.ko);
      if (item.label) dt.appendChild(el("span", { "class": "gb-answer-label", lang: tag, dir: "auto" }, item.label));
      var dd = el("dd", { "data-item": item.id });
      if (empty) { dd.textContent = "답하지 않음"; dd.className = "gb-missing"; }
      else if (item.type === "text" && FOREIGN.test(value)) {  // a script the desk may not read
        dd.appendChild(el("span", { lang: tag, dir: "auto", "class": "gb-typed" }, value));
        dd.appendChild(el("span", { "class": "gb-written" }, written));
      } else if (item.type === "text") {  // digits, Latin letters, Korean: nothing to flag
        dd.appendChild(el("span", { dir: "auto", "class": "gb-typed" }, value));
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
    var title = document.getElementById("gb-summary-title"), status = document.getElementById("gb-reader-status");
    var meta = document.getElementById("gb-reader-meta"), answersList = document.getElementById("gb-answers");
    var defaultTitle = title.textContent, generation = 0;
    var store = (function () { try { return window.localStorage; } catch (e) { return null; } }());

    var reset = function (message) {  // nothing of an earlier record stays on screen
      clear(answersList);
      clear(meta);
      meta.hidden = true;
      title.textContent = defaultTitle;
      status.textContent = message;
      status.hidden = !message;
    };

    /* The parts of a summary read so far on this device (several codes are
       scanned one after another, perhaps into several tabs). */
    var keptParts = function (head) {
      if (!store) return {};
      var now = Date.now(), kept = {};
      for (var i = store.length - 1; i >= 0; i--) {  // forget what is older than PARTS_MINUTES
        var name = store.key(i);
        if (name && name.indexOf(PARTS_KEY) === 0) {
          try { if (JSON.parse(store.getItem(name)).expires < now) store.removeItem(name); } catch (e) { store.removeItem(name); }
        }
      }
      try { kept = JSON.parse(store.getItem(PARTS_KEY + head.key)).parts || {}; } catch (e) { kept = {}; }
      return kept;
    };

    var showRecord = function (record) {
      reset("");
      var def = record.table;
      title.textContent = "문진표 답변: " + def.titleKo;
      meta.appendChild(el("p", { "data-made": String(record.made) }, "작성: " + koreanTime(record.made)));
      meta.appendChild(el("p", { "data-lang": record.lang }, "환자의 언어: " + readerData.languagesKo[record.lang]));
      meta.hidden = false;
      koreanRows(answersList, def, record.answers, readerData.tags[record.lang], readerData.writtenKo[record.lang]);
    };

    var showAnswers = function () {
      var mine = ++generation, head;
      reset("");
      if (!location.hash || location.hash === "#") {
        reset("QR 코드로 연 주소에 답변이 없습니다. 환자의 화면이나 인쇄본을 보세요.");
        return;
      }
      if (!H.supported()) { reset("이 브라우저는 답변을 풀 수 없습니다. 최신 Chrome, Safari 또는 Edge로 여세요."); return; }
      try { head = H.parse(location.hash); } catch (e) { reset(e.message + " 앞서 보이던 답변은 지웠습니다."); return; }
      var parts = keptParts(head), fragments = [];
      parts[head.k] = location.hash.replace(/^#/, "");
      var have = Object.keys(parts).length;
      if (have < head.n) {
        if (store) {
          try { store.setItem(PARTS_KEY + head.key, JSON.stringify({ expires: Date.now() + PARTS_MINUTES * 60000, parts: parts })); } catch (e) { /* full: read in one tab */ }
        }
        var missing = [];
        for (var k = 1; k <= head.n; k++) if (!parts[k]) missing.push(k);
        reset("QR 코드 " + head.n + "개 중 " + have + "개를 읽었습니다. 남은 코드(" + missing.join(", ") + "번)를 읽어 주세요.");
        return;
      }
      Object.keys(parts).forEach(function (k) { try { fragments.push(H.parse(parts[k])); } catch (e) { /* counted below */ } });
      H.unpack(fragments, readerData.forms, readerData.tags).then(function (record) {
        if (mine !== generation) return;
        if (store) store.removeItem(PARTS_KEY + head.key);
        showRecord(record);
      }, function (error) {
        if (mine !== generation) return;
        if (store) store.removeItem(PARTS_KEY + head.key);
        reset((error && error.message ? error.message : "QR 코드를 읽을 수 없습니다.") + " 앞서 보이던 답변은 지웠습니다.");
      });
    };
    showAnswers();
    window.addEventListener("hashchange", showAnswers);
    window.addEventListener("storage", function (event) {  // another tab read the last part
      if (event.key && event.key.indexOf(PARTS_KEY) === 0 && location.hash && event.newValue) showAnswers();
    });
    return;
  }

  /* ---- the form page ---------------------------------------------------- */

  var def = json("gb-form-data"), form = document.getElementById("gb-form");
  if (!def || !form) return;
  var msg = def.messages, storeKey = "guidebook-form:" + def.form, itemsById = byId(def);
  // The densest code a phone still scans from a screen, and how many codes a
  // summary may take (guidebook/forms/pages.py: QR_MAX_VERSION, QR_MAX_CODES).
  var MAX_QR_VERSION = def.qr.maxVersion, MAX_CODES = def.qr.maxCodes;
  var items = Array.prototype.slice.call(form.querySelectorAll(".gb-item"));
  var summary = document.getElementById("gb-summary");
  var status = document.getElementById("gb-form-status");
  var room = document.getElementById("gb-form-room");
  var keep = document.getElementById("gb-keep"), remove = document.getElementById("gb-delete");
  var reader = new URL(script.getAttribute("data-reader"), location.href).href;
  var canonical = new URL(script.getAttribute("data-questionnaire"), location.href).href;

  function inputs(node) { return node.querySelectorAll("input, textarea"); }
  function itemOf(node) { return itemsById[node.getAttribute("data-item")]; }

  function read() {
    var answers = {};
    items.forEach(function (node) {
      if (node.hidden) return;
      var id = node.getAttribute("data-item"), type = node.getAttribute("data-type");
      if (type === "multi") {
        var codes = [];
        each(inputs(node), function (i) { if (i.checked) codes.push(i.value); });
        if (codes.length) answers[id] = codes;
      } else if (node.tagName === "FIELDSET") {
        each(inputs(node), function (i) { if (i.checked) answers[id] = i.value; });
      } else {
        var value = inputs(node)[0].value.trim();
        if (value) answers[id] = value;
      }
    });
    return answers;
  }

  function write(answers) {
    items.forEach(function (node) {
      var value = answers[node.getAttribute("data-item")];
      var values = Array.isArray(value) ? value : [value];
      each(inputs(node), function (i) {
        if (i.type === "radio" || i.type === "checkbox") i.checked = values.indexOf(i.value) >= 0;
        else i.value = typeof value === "string" ? value : "";
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
    var item = itemOf(node), input = inputs(node)[0], value = answers[item.id];
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
    if (item.type === "text" && item.latin && NOT_LATIN.test(value)) return msg.latin;
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
    if (first) (first.querySelector("input:not([disabled]), textarea:not([disabled])") || first).focus();
    return count ? null : answers;
  }

  /* ---- kept on this phone only when asked ------------------------------- */

  function storage() { try { return window.localStorage; } catch (e) { return null; } }

  function save() {
    var store = storage();
    if (!keep.checked || !store) return;
    try { store.setItem(storeKey, JSON.stringify(read())); } catch (e) { return; }
    remove.hidden = false;
  }

  function restore() {
    var store = storage(), text = store && store.getItem(storeKey), kept;
    if (!text) return;
    try { kept = JSON.parse(text); } catch (e) { return; }
    var answers = {};
    Object.keys(kept || {}).forEach(function (id) { if (itemsById[id]) answers[id] = kept[id]; });
    keep.checked = true;
    remove.hidden = false;
    write(answers);
  }

  function forget() {
    var store = storage();
    if (store) store.removeItem(storeKey);
    remove.hidden = true;
  }

  /* ---- the QR codes: as few as hold the answers, each at most version
     MAX_QR_VERSION; the reader's URL in byte mode, the rest alphanumeric --- */

  function qrFor(fragment) {
    var qr = window.qrcode(0, "M");  // the smallest version that holds it
    qr.addData(reader + "#", "Byte");
    qr.addData(fragment, "Alphanumeric");
    try { qr.make(); } catch (e) { return null; }  // more than version 40 holds
    return (qr.getModuleCount() - 17) / 4 <= MAX_QR_VERSION ? qr : null;
  }

  /* The QR library, loaded when first needed (the page's <template id="gb-later">). */
  var qrLibrary = null;
  function loadQrLibrary() {
    if (!qrLibrary) {
      qrLibrary = new Promise(function (resolve) {
        var later = document.getElementById("gb-later");
        if (typeof window.qrcode === "function" || !later) { resolve(); return; }
        var code = document.importNode(later.content, true), tag = code.querySelector("script");
        tag.addEventListener("load", function () { resolve(); });
        tag.addEventListener("error", function () { resolve(); });
        document.head.appendChild(code);
      });
    }
    return qrLibrary;
  }

  /* The answers' fragments: a Promise of a list of at most MAX_CODES, or null. */
  function fragments(answers) {
    return loadQrLibrary().then(function () { return fit(answers); });
  }

  function fit(answers) {
    if (!H.supported() || typeof window.qrcode !== "function") return Promise.resolve(null);
    var clean = {};
    def.items.forEach(function (item) {
      if (answers[item.id] !== undefined && shown(itemsById, answers, item)) clean[item.id] = answers[item.id];
    });
    var head = { form: def.form, version: def.version, lang: def.lang, made: Math.floor(Date.now() / 1000) };
    return H.pack(clean).then(function (payload) {
      for (var n = 1; n <= MAX_CODES; n++) {
        var out = H.split(head, payload, n);
        if (out.every(function (f) { return qrFor(f); })) return out;
      }
      return null;
    });
  }

  function svgOf(qr, label) {
    var n = qr.getModuleCount(), margin = 4, size = n + 2 * margin, d = [];
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {  // one rectangle per run of dark modules: no seams
        if (!qr.isDark(r, c)) continue;
        var start = c;
        while (c + 1 < n && qr.isDark(r, c + 1)) c++;
        d.push("M" + (start + margin) + " " + (r + margin) + "h" + (c - start + 1) + "v1h-" + (c - start + 1) + "z");
      }
    }
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    svg.setAttribute("shape-rendering", "crispEdges");
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", "#fff");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d.join("")); path.setAttribute("fill", "#000");
    svg.appendChild(bg); svg.appendChild(path);
    return svg;
  }

  function drawCodes(box, list) {
    clear(box);
    if (!list) {
      box.appendChild(el("p", { "class": "gb-qr-too-long", lang: def.tag }, msg.qrTooLong));
      return;
    }
    list.forEach(function (fragment, k) {
      var label = list.length > 1 ? msg.qrPart.replace("{k}", k + 1).replace("{n}", list.length) : msg.qrLabel;
      var figure = el("figure", { "class": "gb-qr-code", "data-part": String(k + 1), "data-bytes": String((reader + "#" + fragment).length) });
      figure.appendChild(svgOf(qrFor(fragment), label));
      figure.appendChild(el("figcaption", { "class": "gb-qr-label", lang: def.tag }, label));
      box.appendChild(figure);
    });
    if (list.length > 1) box.appendChild(el("p", { "class": "gb-qr-hint", lang: def.tag }, msg.qrParts));
  }

  /* While typing: how many codes the answers need so far (said only when
     more than one, and before the summary refuses). */
  var roomTimer = null;
  function measureRoom() {
    clearTimeout(roomTimer);
    roomTimer = setTimeout(function () {
      fragments(read()).then(function (list) {
        if (!room) return;
        room.textContent = !list ? msg.roomFull : list.length > 1 ? msg.roomCodes.replace("{n}", list.length) : "";
        room.setAttribute("data-codes", list ? String(list.length) : "0");
      });
    }, 400);
  }

  var lastAnswers = {}, lastLinks = [];

  /* The Korean summary as plain text, for a message to the hospital. */
  function koreanText() {
    var lines = ["[" + document.getElementById("gb-summary-title").textContent + "]"];
    var dts = document.querySelectorAll("#gb-answers dt");
    each(dts, function (dt) {
      var dd = document.querySelector('#gb-answers dd[data-item="' + dt.getAttribute("data-item") + '"]');
      var label = dt.firstChild ? dt.firstChild.textContent : dt.textContent;
      var typed = dd.querySelector(".gb-typed");
      lines.push(label + ": " + (typed ? typed.textContent : dd.textContent));
    });
    if (lastLinks.length) {
      lines.push("");
      lines.push(lastLinks.length > 1 ? "답변 읽기 (링크 " + lastLinks.length + "개를 모두 여세요):" : "답변 읽기:");
      lastLinks.forEach(function (link) { lines.push(link); });
    }
    return lines.join("\n");
  }

  function showSummary() {
    var answers = validate();
    if (!answers) return;
    lastAnswers = answers;
    koreanRows(document.getElementById("gb-answers"), def, answers, def.tag, def.writtenKo);
    var box = document.getElementById("gb-qr");
    clear(box);
    fragments(answers).then(function (list) {
      lastLinks = (list || []).map(function (f) { return reader + "#" + f; });
      drawCodes(box, list);
    });
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
    def.items.forEach(function (item) {
      var value = answers[item.id];
      if (value === undefined || !shown(itemsById, answers, item)) return;
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

  function saveFile(blob, name) {
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function download() {
    saveFile(new Blob([JSON.stringify(response(lastAnswers), null, 1)], { type: "application/fhir+json" }),
              script.getAttribute("data-file"));
  }

  /* Send ahead, started by the patient: the share sheet (messengers, mail)
     where there is one, else the clipboard, else a text file. Nothing is sent
     by the site itself. */
  var sendStatus = document.getElementById("gb-send-status");
  function send() {
    var text = koreanText(), title = document.getElementById("gb-summary-title").textContent;
    function saved() { sendStatus.textContent = msg.sendSaved; }
    function asFile() {
      saveFile(new Blob([text + "\n"], { type: "text/plain;charset=utf-8" }), script.getAttribute("data-text-file"));
      saved();
    }
    function copy() {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        return navigator.clipboard.writeText(text).then(function () { sendStatus.textContent = msg.sendCopied; }, asFile);
      }
      asFile();
      return null;
    }
    if (navigator.share) {
      navigator.share({ title: title, text: text }).then(function () { sendStatus.textContent = msg.sendShared; },
        function (error) { if (!error || error.name !== "AbortError") copy(); });
    } else copy();
  }

  document.documentElement.classList.add("gb-js");
  each(document.querySelectorAll(".gb-js-only"), function (node) { node.hidden = false; });
  restore();
  conditions();
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { conditions(); save(); measureRoom(); });
  form.addEventListener("input", function () { save(); measureRoom(); });
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
  document.getElementById("gb-send").addEventListener("click", send);
})();
