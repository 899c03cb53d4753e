// The hand-over format in Node (the same file the pages load), both ways,
// with corrupted and truncated input. Run by tests/unit/test_handover.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const H = require("../../overrides/assets/handover.js");

// Written by tests/unit/test_handover.py: a reading table, its version, and
// fragments Python made of known answers.
const spec = JSON.parse(fs.readFileSync(process.env.HANDOVER_SPEC, "utf8"));
const versions = { [spec.form]: { [spec.version]: spec.table } };
const tags = { mn: "mn", zh: "zh-Hans" };
const head = { form: spec.form, version: spec.version, lang: "mn", made: 1765000000 };

function read(fragments) { return H.unpack(fragments.map(H.parse), versions, tags); }

test("text encoding round trip", () => {
  const bytes = new Uint8Array(1001).map((_, i) => (i * 37 + 11) & 255);
  assert.deepStrictEqual(H.fromText(H.toText(bytes)), bytes);
  assert.match(H.toText(bytes), /^[0-9A-Z$*+\-.:/]+$/);
});

test("Python's fragments read back in the browser's code", async () => {
  for (const fragments of spec.fragments) {
    const record = await read(fragments.slice().reverse());  // any order
    assert.deepStrictEqual(record.answers, spec.answers);
    assert.strictEqual(record.made, spec.made);
    assert.strictEqual(record.lang, "mn");
  }
});

test("the browser's fragments, cut into 1 to 4 parts, read back", async () => {
  const payload = await H.pack(spec.answers);
  for (let n = 1; n <= 4; n++) {
    const fragments = H.split(head, payload, n);
    assert.strictEqual(fragments.length, n);
    fs.writeFileSync(process.env.HANDOVER_OUT + "." + n, JSON.stringify(fragments));
    const record = await read(fragments);
    assert.deepStrictEqual(record.answers, spec.answers);
  }
});

test("damaged, truncated, incomplete or foreign codes are refused", async () => {
  const payload = await H.pack(spec.answers);
  const [one] = H.split(head, payload, 1);
  const [a, b] = H.split(head, payload, 2);
  const flip = one.slice(0, -10) + (one.slice(-10, -9) === "A" ? "B" : "A") + one.slice(-9);
  const cases = {
    truncated: [one.slice(0, -4)], cut: [one.slice(0, -3)], flipped: [flip],
    "one of two": [a], "two of other summaries": [a, H.split({ ...head, made: 1 }, payload, 2)[1]],
    "unknown version": [one.replace(spec.version, "00000000")],
    "unknown form": [one.replace(spec.form.toUpperCase(), "OTHER")],
    "unknown language": [one.replace("/MN/", "/XX/")],
  };
  for (const [name, fragments] of Object.entries(cases)) {
    await assert.rejects(read(fragments), (e) => e instanceof H.Refused && /[가-힣]/.test(e.message), name);
  }
  for (const bad of ["garbage", "#2/", "#1/history/mn/0:1", "2/A/B/C/D/0.1/x", "2/A/B/C/D/3.2/x"]) {
    assert.throws(() => H.parse(bad), H.Refused, bad);
  }
  assert.ok(b);
});

test("answers not of this version are refused, never misread", async () => {
  const wrong = [{ nosuch: "x" }, { [spec.choice]: "nosuchcode" }, { [spec.multi]: [] },
                 { [spec.multi]: ["nosuchcode"] }, { [spec.text]: ["a list"] }];
  for (const answers of wrong) {
    const [fragment] = H.split(head, await H.pack(answers), 1);
    await assert.rejects(read([fragment]), H.Refused, JSON.stringify(answers));
  }
});
