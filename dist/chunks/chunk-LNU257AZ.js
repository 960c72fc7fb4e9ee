import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_METRICS,
  MAX_METRIC_NAME_LENGTH,
  isPlainObject
} from "./chunk-MIR6WUZ2.js";
import {
  count
} from "./chunk-LYO4JN6R.js";
import {
  loadYaml
} from "./chunk-AFTLNK3V.js";
import {
  UserError,
  hasControlCharacter,
  parserMessage,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/metrics.ts
var SHOWN_NAME_LENGTH = 60;
var SUPPORTED_EXTENSIONS = ".json, .yaml, .yml or .csv";
var BYTE_ORDER_MARK = "\uFEFF";
var MAX_METRICS_FILE_BYTES = 16 * 1024 * 1024;
var FORMAT_BY_EXTENSION = { json: "json", yaml: "yaml", yml: "yaml", csv: "csv" };
function parseMetrics(content, fileName) {
  const format = formatOf(fileName);
  const text = content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content;
  if (text.trim() === "") throw fail(fileName, "the metrics file is empty; write at least one metric");
  const collector = new MetricsCollector(fileName, format);
  if (format === "csv") {
    collectCsv(collector, text, fileName);
  } else {
    const document = format === "json" ? loadJson(text, fileName) : loadYaml(text, fileName);
    flattenInto(collector, documentMapping(document, format, fileName), void 0);
  }
  return collector.result();
}
__name(parseMetrics, "parseMetrics");
function metricsFromValues(values, source) {
  const collector = new MetricsCollector(source, "json");
  for (const [name, value] of Object.entries(values)) {
    if (name === "") collector.rejectEmptyName("");
    collector.checkName(name);
    collector.add(name, value);
  }
  return collector.result();
}
__name(metricsFromValues, "metricsFromValues");
function fail(file, message) {
  return new UserError(`${file}: ${message}`, { file });
}
__name(fail, "fail");
function formatOf(fileName) {
  const baseName = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = baseName.lastIndexOf(".");
  if (dot <= 0) throw fail(fileName, `the metrics file has no extension; use ${SUPPORTED_EXTENSIONS}`);
  const extension = baseName.slice(dot + 1);
  const format = FORMAT_BY_EXTENSION[extension.toLowerCase()];
  if (format === void 0) throw fail(fileName, `unsupported metrics file extension ${JSON.stringify(`.${extension}`)}; use ${SUPPORTED_EXTENSIONS}`);
  return format;
}
__name(formatOf, "formatOf");
function loadJson(text, file) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const nonFinite = bareNonFinite(text);
    if (nonFinite) {
      const which = nonFinite.key === void 0 ? "a metric" : `metric ${showName(nonFinite.key)}`;
      throw fail(file, `${which} is ${nonFinite.token}; metrics must be finite numbers`);
    }
    throw fail(file, `invalid JSON: ${parserMessage(error.message)}${jsonErrorLocation(error.message, text)}`);
  }
}
__name(loadJson, "loadJson");
function bareNonFinite(text) {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (inString) {
      if (character === "\\") i++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
      continue;
    }
    const token = ["NaN", "Infinity", "-Infinity"].find((word) => text.startsWith(word, i));
    if (token) {
      const key = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, i - 1e3), i))?.[1];
      return { token, key: key === void 0 ? void 0 : JSON.parse(`"${key}"`) };
    }
  }
  return void 0;
}
__name(bareNonFinite, "bareNonFinite");
function jsonErrorLocation(message, text) {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\bline \d+/.test(message)) return "";
  const before = text.slice(0, Number(position[1]));
  const line = before.split(/\r\n|\r|\n/).length;
  const column = before.length - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return ` (line ${line}, column ${column})`;
}
__name(jsonErrorLocation, "jsonErrorLocation");
function documentMapping(document, format, file) {
  if (isPlainObject(document)) return document;
  if (format === "yaml" && document === null) throw fail(file, "the metrics file has no YAML document; write at least one metric");
  const expected = format === "json" ? "a JSON object" : "a YAML mapping";
  throw fail(file, `the metrics must be ${expected} of metric names to numbers, not ${kindOf(document)}`);
}
__name(documentMapping, "documentMapping");
function kindOf(value) {
  if (value === null || value === void 0) return "an empty value (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}
__name(kindOf, "kindOf");
function flattenInto(collector, mapping, prefix) {
  const keys = Object.keys(mapping);
  if (keys.length === 0 && prefix !== void 0) collector.skip(prefix, "an empty mapping, not a number");
  for (const key of keys) {
    if (key === "") collector.rejectEmptyName(prefix === void 0 ? "" : ` (a key under ${showName(prefix)})`);
    const name = prefix === void 0 ? key : `${prefix}.${key}`;
    const value = mapping[key];
    if (!isPlainObject(value)) {
      collector.add(name, value);
      continue;
    }
    collector.checkName(name);
    flattenInto(collector, value, name);
  }
}
__name(flattenInto, "flattenInto");
function showName(name) {
  return showUntrusted(name, SHOWN_NAME_LENGTH);
}
__name(showName, "showName");
function skipReason(value) {
  if (typeof value === "string") return "a string, not a number";
  if (typeof value === "boolean") return "a boolean, not a number";
  return `${kindOf(value)}, not a number`;
}
__name(skipReason, "skipReason");
var MetricsCollector = class {
  static {
    __name(this, "MetricsCollector");
  }
  entries = [];
  skipped = [];
  seen = /* @__PURE__ */ new Set();
  file;
  format;
  constructor(file, format) {
    this.file = file;
    this.format = format;
  }
  checkName(name) {
    if (name.length > MAX_METRIC_NAME_LENGTH) {
      throw fail(this.file, `metric name ${showName(name)} is longer than ${MAX_METRIC_NAME_LENGTH} characters; use a shorter name`);
    }
    if (hasControlCharacter(name)) {
      throw fail(this.file, `metric name ${showName(name)} contains a control character (such as a newline or tab); use printable text`);
    }
  }
  rejectEmptyName(where) {
    throw fail(this.file, `a metric name is empty${where}; give every metric a name`);
  }
  add(name, value) {
    this.claim(name);
    if (typeof value !== "number") {
      this.skipped.push({ name, reason: skipReason(value) });
      return;
    }
    if (!Number.isFinite(value)) {
      throw fail(this.file, `metric ${showName(name)} is ${String(value)}; metrics must be finite numbers`);
    }
    this.entries.push([name, value]);
  }
  skip(name, reason) {
    this.claim(name);
    this.skipped.push({ name, reason });
  }
  result() {
    if (this.entries.length === 0) throw fail(this.file, `no numeric metrics; ${this.describeSkipped()}`);
    return { metrics: Object.fromEntries(this.entries), skipped: this.skipped };
  }
  claim(name) {
    this.checkName(name);
    if (this.seen.has(name)) {
      const hint = this.format === "csv" ? "" : ' (nested keys are joined with ".")';
      throw fail(this.file, `metric ${showName(name)} is given twice${hint}; give each metric its own name`);
    }
    this.seen.add(name);
    if (this.seen.size > MAX_METRICS) throw fail(this.file, `more than ${MAX_METRICS} metrics; write at most ${MAX_METRICS}`);
  }
  describeSkipped() {
    if (this.skipped.length === 0) return "the file holds no values";
    const shown = this.skipped.slice(0, 3).map(({ name, reason }) => `${showName(name)} (${reason})`);
    const more = this.skipped.length > shown.length ? ` and ${this.skipped.length - shown.length} more` : "";
    return `skipped ${shown.join(", ")}${more}`;
  }
};
function parseCsvRecords(text, file) {
  const records = [];
  let index = 0;
  let line = 1;
  const atLineBreak = /* @__PURE__ */ __name(() => text[index] === "\n" || text[index] === "\r", "atLineBreak");
  const skipLineBreak = /* @__PURE__ */ __name(() => {
    index += text.startsWith("\r\n", index) ? 2 : 1;
    line++;
  }, "skipLineBreak");
  const skipBlanks = /* @__PURE__ */ __name(() => {
    while (text[index] === " " || text[index] === "	") index++;
  }, "skipBlanks");
  const readQuotedField = /* @__PURE__ */ __name(() => {
    const startLine = line;
    let value = "";
    index++;
    for (; ; ) {
      if (index >= text.length) throw fail(file, `line ${startLine}: a quoted field is not closed`);
      if (text[index] === '"') {
        if (text[index + 1] !== '"') break;
        value += '"';
        index += 2;
      } else if (atLineBreak()) {
        value += text.startsWith("\r\n", index) ? "\r\n" : text[index];
        skipLineBreak();
      } else {
        value += text[index++];
      }
    }
    index++;
    skipBlanks();
    if (index < text.length && text[index] !== "," && !atLineBreak()) {
      throw fail(file, `line ${line}: unexpected text after the closing quote of a field; write a quote inside a quoted field as ""`);
    }
    return value;
  }, "readQuotedField");
  const readUnquotedField = /* @__PURE__ */ __name(() => {
    const start = index;
    while (index < text.length && text[index] !== "," && !atLineBreak()) index++;
    return text.slice(start, index);
  }, "readUnquotedField");
  while (index < text.length) {
    const record = { line, cells: [] };
    for (; ; ) {
      skipBlanks();
      record.cells.push((text[index] === '"' ? readQuotedField() : readUnquotedField()).trim());
      if (text[index] !== ",") break;
      index++;
    }
    if (index < text.length) skipLineBreak();
    records.push(record);
  }
  return records;
}
__name(parseCsvRecords, "parseCsvRecords");
var LONG_FORM_NAME_HEADERS = /* @__PURE__ */ new Set(["name", "metric"]);
function isLongFormHeader(cells) {
  return cells.length === 2 && LONG_FORM_NAME_HEADERS.has(cells[0].toLowerCase()) && cells[1].toLowerCase() === "value";
}
__name(isLongFormHeader, "isLongFormHeader");
function collectCsv(collector, text, file) {
  const records = parseCsvRecords(text, file).filter((record) => record.cells.some((cell) => cell !== ""));
  if (records.length === 0) throw fail(file, "the metrics file is empty; write at least one metric");
  const [header, ...rows] = records;
  if (isLongFormHeader(header.cells)) collectLongFormCsv(collector, header, rows, file);
  else collectWideFormCsv(collector, header, rows, file);
}
__name(collectCsv, "collectCsv");
function collectLongFormCsv(collector, header, rows, file) {
  const headerText = JSON.stringify(header.cells.join(","));
  if (rows.length === 0) throw fail(file, `the CSV has a ${headerText} header but no rows; add one row of name,value per metric`);
  for (const row of rows) {
    if (row.cells.length !== 2) {
      throw fail(file, `line ${row.line} has ${count(row.cells.length, "field")}; under the ${headerText} header every row must be name,value (quote a name that contains a comma)`);
    }
    const [name, cell] = row.cells;
    if (name === "") collector.rejectEmptyName(` (line ${row.line})`);
    addCsvCell(collector, name, cell);
  }
}
__name(collectLongFormCsv, "collectLongFormCsv");
function collectWideFormCsv(collector, header, rows, file) {
  const twoForms = 'write one row of values under a header of metric names, or rows of name,value under a "name,value" header';
  if (rows.length === 0) throw fail(file, `the CSV has a header but no row of values; ${twoForms}`);
  if (rows.length > 1) throw fail(file, `the CSV has ${rows.length} rows of values under its header; ${twoForms}`);
  const [values] = rows;
  if (values.cells.length !== header.cells.length) {
    throw fail(file, `line ${values.line} has ${count(values.cells.length, "value")} but the header on line ${header.line} has ${count(header.cells.length, "name")}; give each metric one value`);
  }
  header.cells.forEach((name, column) => {
    const cell = values.cells[column];
    if (name === "" && cell === "") return;
    if (name === "") {
      throw fail(file, `column ${column + 1} of the header has no name; name every column (pandas: to_csv(..., index=False))`);
    }
    addCsvCell(collector, name, cell);
  });
}
__name(collectWideFormCsv, "collectWideFormCsv");
var DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
var NON_FINITE_WORD = /^([+-]?)(nan|inf|infinity)$/i;
function addCsvCell(collector, name, cell) {
  if (cell === "") return collector.skip(name, "an empty cell, not a number");
  const nonFinite = NON_FINITE_WORD.exec(cell);
  if (nonFinite !== null) {
    const [, sign, word] = nonFinite;
    return collector.add(name, word.toLowerCase() === "nan" ? NaN : sign === "-" ? -Infinity : Infinity);
  }
  collector.add(name, DECIMAL_NUMBER.test(cell) ? Number(cell) : cell);
}
__name(addCsvCell, "addCsvCell");

export {
  MAX_METRICS_FILE_BYTES,
  parseMetrics,
  metricsFromValues
};
