/* The hand-over format of a form's answers (guidebook/forms/handover.py is
   the same in Python and describes it): a fragment
   2/<FORM>/<VERSION>/<LANG>/<MADE>/<K>.<N>/<PART>, the answers keyed by item
   id and option code, zlib-compressed (with its checksum), in 43 characters
   of the QR alphanumeric set, cut into N parts. Loaded by the form pages, the
   reading page and Node's test runner (tests/js/). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.GuidebookHandover = factory();
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMAT = "2";
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-.:/";
  var BASE = 43;
  var HEADER_FIELDS = 6;
  var DAMAGED = "QR 코드의 답변이 손상되었거나 잘렸습니다. 다시 읽어 주세요.";

  function Refused(message) { this.message = message; this.name = "Refused"; }
  Refused.prototype = Object.create(Error.prototype);

  function toText(bytes) {
    var out = [], i, n;
    for (i = 0; i + 1 < bytes.length; i += 2) {
      n = bytes[i] * 256 + bytes[i + 1];
      out.push(ALPHABET[n % BASE] + ALPHABET[Math.floor(n / BASE) % BASE] + ALPHABET[Math.floor(n / (BASE * BASE))]);
    }
    if (bytes.length % 2) {
      n = bytes[bytes.length - 1];
      out.push(ALPHABET[n % BASE] + ALPHABET[Math.floor(n / BASE)]);
    }
    return out.join("");
  }

  function fromText(text) {
    if (text.length % 3 === 1) throw new Refused(DAMAGED);
    var out = [];
    for (var i = 0; i < text.length; i += 3) {
      var chunk = text.slice(i, i + 3), n = 0, scale = 1;
      for (var k = 0; k < chunk.length; k++) {
        var d = ALPHABET.indexOf(chunk[k]);
        if (d < 0) throw new Refused(DAMAGED);
        n += d * scale;
        scale *= BASE;
      }
      if (chunk.length === 3) {
        if (n > 0xFFFF) throw new Refused(DAMAGED);
        out.push(n >> 8, n & 0xFF);
      } else {
        if (n > 0xFF) throw new Refused(DAMAGED);
        out.push(n);
      }
    }
    return new Uint8Array(out);
  }

  function through(bytes, stream) {
    var piped = new Blob([bytes]).stream().pipeThrough(stream);
    return new Response(piped).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function supported() {
    return typeof CompressionStream === "function" && typeof DecompressionStream === "function";
  }

  /* The payload text of {item id: answer}: a Promise. */
  function pack(answers) {
    var bytes = new TextEncoder().encode(JSON.stringify({ a: answers }));
    return through(bytes, new CompressionStream("deflate")).then(toText);
  }

  /* The fragments (without #) of a payload cut into `parts` codes. */
  function split(head, payload, parts) {
    var size = Math.ceil(payload.length / parts);
    size += (3 - size % 3) % 3;  // whole groups of three characters per part
    var out = [];
    for (var k = 0; k < parts; k++) {
      out.push([FORMAT, head.form.toUpperCase(), head.version, head.lang.toUpperCase(),
                head.made.toString(36).toUpperCase(), (k + 1) + "." + parts,
                payload.slice(k * size, (k + 1) * size)].join("/"));
    }
    return out;
  }

  /* A fragment's header, or a Refused: {key, form, version, lang, made, k, n, part}. */
  function parse(fragment) {
    var text = String(fragment || "").replace(/^#/, "");
    var fields = text.split("/");
    if (fields.length < HEADER_FIELDS + 1 || fields[0] !== FORMAT) {
      throw new Refused("이 주소는 문진표 답변의 형식이 아닙니다.");
    }
    var kn = /^(\d+)\.(\d+)$/.exec(fields[5]);
    if (!kn || +kn[1] < 1 || +kn[1] > +kn[2]) throw new Refused("QR 코드의 번호가 잘못되었습니다.");
    var made = parseInt(fields[4], 36);
    if (!/^[0-9A-Za-z]+$/.test(fields[4]) || !isFinite(made)) throw new Refused("이 주소는 문진표 답변의 형식이 아닙니다.");
    return {
      key: fields.slice(1, 5).join("/").toLowerCase(), form: fields[1].toLowerCase(),
      version: fields[2].toUpperCase(), lang: fields[3].toLowerCase(), made: made,
      k: +kn[1], n: +kn[2], part: fields.slice(HEADER_FIELDS).join("/")
    };
  }

  /* Every answer is of an item of this version, of its type, with its codes. */
  function fits(answers, table) {
    var items = Object.create(null);
    table.items.forEach(function (item) { items[item.id] = item; });
    return Object.keys(answers).every(function (key) {
      var item = items[key], value = answers[key];
      if (!item) return false;
      var codes = (item.options || []).map(function (o) { return o[0]; });
      if (item.type === "multi") {
        return Array.isArray(value) && value.length > 0 && value.every(function (v) { return codes.indexOf(v) >= 0; });
      }
      if (codes.length) return codes.indexOf(value) >= 0;
      return typeof value === "string";
    });
  }

  /* The record of all the parts of one summary (headers from parse), checked
     against the version it was made with: a Promise of {form, version, lang,
     made, table, answers}, rejected with a Refused (in Korean). */
  function unpack(parts, versions, tags) {
    return new Promise(function (resolve) {
      var first = parts[0], chunks = {};
      parts.forEach(function (p) {
        if (p.key !== first.key || p.n !== first.n) throw new Refused("서로 다른 요약의 QR 코드입니다.");
        chunks[p.k] = p.part;
      });
      if (Object.keys(chunks).length !== first.n) throw new Refused("QR 코드가 모두 모이지 않았습니다.");
      var table = (versions[first.form] || {})[first.version];
      if (!table || !Object.prototype.hasOwnProperty.call(versions, first.form)) {
        throw new Refused("이 QR 코드는 이 사이트에 없는 문진표 버전으로 만들어졌습니다. 환자의 화면을 직접 보세요.");
      }
      if (!Object.prototype.hasOwnProperty.call(tags, first.lang)) throw new Refused("이 QR 코드의 언어를 이 사이트가 읽을 수 없습니다.");
      var text = "";
      for (var k = 1; k <= first.n; k++) text += chunks[k];
      resolve({ head: first, table: table, bytes: fromText(text) });
    }).then(function (got) {
      return through(got.bytes, new DecompressionStream("deflate")).then(function (bytes) {
        var data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        if (!data || typeof data.a !== "object" || Array.isArray(data.a) || !fits(data.a, got.table)) {
          throw new Refused("QR 코드의 답변이 이 문진표와 맞지 않습니다. 환자의 화면을 직접 보세요.");
        }
        return { form: got.head.form, version: got.head.version, lang: got.head.lang,
                 made: got.head.made, table: got.table, answers: data.a };
      }, function () { throw new Refused(DAMAGED); });
    }).catch(function (error) {
      if (error instanceof Refused) throw error;
      throw new Refused(DAMAGED);
    });
  }

  return { FORMAT: FORMAT, ALPHABET: ALPHABET, Refused: Refused, supported: supported,
           toText: toText, fromText: fromText, pack: pack, split: split, parse: parse,
           fits: fits, unpack: unpack };
}));
