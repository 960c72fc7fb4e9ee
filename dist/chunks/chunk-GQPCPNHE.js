import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_METRICS,
  MAX_METRIC_NAME_LENGTH,
  checkMetricCount,
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  isPlainObject,
  mebibytes,
  parseRecordJson,
  printable,
  runId,
  sha256Digest,
  showText,
  showValue,
  utcSeconds,
  utcTime,
  wholeNumber
} from "./chunk-EXMN6DPH.js";
import {
  loadYaml
} from "./chunk-43HFX624.js";
import {
  _enum,
  _gte,
  _regex,
  array,
  int,
  literal,
  nullable,
  number,
  object,
  refine,
  string
} from "./chunk-WF4PJE3Q.js";
import {
  count
} from "./chunk-2VGVURDH.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UserError,
  hasControlCharacter,
  parserMessage,
  showUntrusted
} from "./chunk-GNSC3OUJ.js";

// src/core/manifest.ts
var MANIFEST_FILE = "manifest.json";
var MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
var MAX_FILES = 1e5;
var MAX_PATH_LENGTH = 4096;
var UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?Z$/;
function versionLabel(input) {
  const parts = UTC_SECONDS.exec(input.createdAt.toISOString());
  if (parts === null) throw new RangeError(`a version label needs a time in the years 0000 to 9999, got ${input.createdAt.toISOString()}`);
  const [, year, month, day, hours, minutes, seconds2] = parts;
  const attempt = input.runAttempt > 1 ? `.a${input.runAttempt}` : "";
  return `${year}.${month}.${day}-${hours}${minutes}${seconds2}-${input.sha.slice(0, 7)}-r${input.runId}${attempt}`;
}
function buildManifest(input) {
  const written = {
    schema: 1,
    model: input.model,
    status: input.failure === null ? "success" : "failed",
    version: versionLabel(input),
    fingerprint: input.fingerprint,
    sha: input.sha,
    ref: input.ref,
    event: input.event,
    run_id: input.runId,
    run_attempt: input.runAttempt,
    created_at: utcSeconds(input.createdAt),
    metrics: input.metrics,
    files: input.files,
    python: input.python,
    runner_os: input.runnerOs,
    timings: input.timings,
    cache: input.cache,
    failure: input.failure
  };
  const source = `the manifest of model ${showText(input.model)}`;
  const checked = checkManifest(written, source);
  const bytes = Buffer.byteLength(serializeManifest(checked));
  if (bytes > MAX_MANIFEST_BYTES) {
    throw fail(
      source,
      `it would be ${mebibytes(bytes)} MiB, more than the ${mebibytes(MAX_MANIFEST_BYTES)} MiB model-ci reads back, for ${checked.files.length} output files; pack the outputs into fewer files`
    );
  }
  return checked;
}
function serializeManifest(manifest) {
  const failure2 = manifest.failure;
  const ordered = {
    schema: manifest.schema,
    model: manifest.model,
    status: manifest.status,
    version: manifest.version,
    fingerprint: manifest.fingerprint,
    sha: manifest.sha,
    ref: manifest.ref,
    event: manifest.event,
    run_id: manifest.run_id,
    run_attempt: manifest.run_attempt,
    created_at: manifest.created_at,
    metrics: manifest.metrics,
    files: manifest.files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256 })),
    python: manifest.python,
    runner_os: manifest.runner_os,
    timings: { install_s: manifest.timings.install_s, train_s: manifest.timings.train_s, evaluate_s: manifest.timings.evaluate_s },
    cache: { dependencies: manifest.cache.dependencies, run: manifest.cache.run },
    failure: failure2 === null ? null : { phase: failure2.phase, exit_code: failure2.exit_code, signal: failure2.signal, message: failure2.message, log_tail: failure2.log_tail }
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function parseManifest(text, source) {
  return checkManifest(parseRecordJson(text, source, "manifest", MAX_MANIFEST_BYTES), source);
}
var SHA256_RULE = "must be a sha256 digest of 64 lowercase hexadecimal digits";
var PATH_RULE = `must be a path inside the output folder: relative, "/"-separated, without ".", ".." or empty parts, backslashes or NUL, at most ${MAX_PATH_LENGTH} characters`;
var SECONDS_RULE = "must be a number of seconds (0 or more) or null";
var seconds = nullable(number({ error: SECONDS_RULE }).check(_gte(0)));
var manifestFile = object(
  {
    path: string({ error: PATH_RULE }).check(refine(isPathInside)),
    size: wholeNumber("must be a size in bytes (a whole number, 0 or more)", 0),
    sha256: string({ error: SHA256_RULE }).check(_regex(/^[0-9a-f]{64}$/))
  },
  { error: "must be an object with path, size and sha256" }
);
var failure = object(
  {
    phase: _enum(["install", "train", "evaluate", "metrics"], { error: "must be install, train, evaluate or metrics" }),
    exit_code: nullable(number({ error: "must be a whole number or null" }).check(int())),
    signal: nullable(string({ error: 'must be a signal name such as "SIGKILL", or null' }).check(_regex(/^SIG[A-Z0-9]{1,20}$/))),
    message: string({ error: "must be text" }),
    log_tail: string({ error: "must be text" })
  },
  { error: "must be an object with phase, exit_code, signal, message and log_tail, or null" }
);
var manifestSchema = object({
  schema: literal(1),
  model: string({ error: 'must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit' }).check(_regex(MODEL_NAME_PATTERN)),
  status: _enum(["success", "failed"], { error: 'must be "success" or "failed"' }),
  version: string({ error: 'must be a version label such as "2026.11.27-100000-3f2a9c1-r812"' }),
  fingerprint: sha256Digest,
  sha: commitSha,
  ref: printable('must be a git ref such as "refs/heads/main", at most 1000 characters without control characters', 1e3, true),
  event: string({ error: 'must be an event name such as "push": lowercase letters, digits, "_" or "-", at most 100 characters' }).check(_regex(/^[a-z][a-z0-9_-]{0,99}$/)),
  run_id: runId,
  run_attempt: wholeNumber("must be a run attempt (a whole number, 1 or more)", 1),
  created_at: utcTime,
  files: array(manifestFile, { error: "must be a list of files" }),
  python: nullable(printable('must be a Python version such as "3.11.7", or null', 100)),
  runner_os: printable('must be an operating system name such as "Linux", at most 100 characters', 100),
  timings: object(
    { install_s: seconds, train_s: seconds, evaluate_s: seconds },
    { error: "must be an object with install_s, train_s and evaluate_s" }
  ),
  cache: object(
    {
      dependencies: _enum(["hit", "partial", "miss", "none"], { error: "must be hit, partial, miss or none" }),
      run: _enum(["hit", "miss", "off"], { error: "must be hit, miss or off" })
    },
    { error: "must be an object with dependencies and run" }
  ),
  failure: nullable(failure)
});
var METRICS_FIELD = { label: '"metrics"', metricLabel: "metrics", holder: "a manifest" };
function checkManifest(data, source) {
  checkRecordObject(data, source, "manifest");
  checkMetricCount(data.metrics, METRICS_FIELD, source);
  if (Array.isArray(data.files) && data.files.length > MAX_FILES) {
    throw fail(source, `"files" lists ${data.files.length} files; a manifest may list at most ${MAX_FILES}`);
  }
  const result = manifestSchema.safeParse(data);
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data));
  const manifest = { ...result.data, metrics: checkMetrics(data.metrics, METRICS_FIELD, source) };
  checkUniquePaths(manifest.files, source);
  checkConsistency(manifest, source);
  return manifest;
}
function checkUniquePaths(files, source) {
  const firstIndex = /* @__PURE__ */ new Map();
  files.forEach((file, index) => {
    const earlier = firstIndex.get(file.path);
    if (earlier !== void 0) throw fail(source, `"files[${index}].path" repeats files[${earlier}]: ${showText(file.path)}`);
    firstIndex.set(file.path, index);
  });
}
function checkConsistency(manifest, source) {
  const expectedStatus = manifest.failure === null ? "success" : "failed";
  if (manifest.status !== expectedStatus) {
    const because = manifest.failure === null ? '"failure" is null' : '"failure" is set';
    throw fail(source, `"status" must be "${expectedStatus}" because ${because}, got ${showValue(manifest.status)}`);
  }
  const expectedVersion = versionLabel({
    createdAt: new Date(manifest.created_at),
    sha: manifest.sha,
    runId: manifest.run_id,
    runAttempt: manifest.run_attempt
  });
  if (manifest.version !== expectedVersion) {
    throw fail(source, `"version" must be "${expectedVersion}", the label of created_at, sha, run_id and run_attempt, got ${showValue(manifest.version)}`);
  }
}
function isPathInside(path) {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return false;
  if (path.includes("\\") || path.includes("\0")) return false;
  if (/^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

// src/core/metrics.ts
var SHOWN_NAME_LENGTH = 60;
var SUPPORTED_EXTENSIONS = ".json, .yaml, .yml or .csv";
var BYTE_ORDER_MARK = "\uFEFF";
var MAX_METRICS_FILE_BYTES = 16 * 1024 * 1024;
var FORMAT_BY_EXTENSION = { json: "json", yaml: "yaml", yml: "yaml", csv: "csv" };
function parseMetrics(content, fileName) {
  const format = formatOf(fileName);
  const text = content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content;
  if (text.trim() === "") throw fail2(fileName, "the metrics file is empty; write at least one metric");
  const collector = new MetricsCollector(fileName, format);
  if (format === "csv") {
    collectCsv(collector, text, fileName);
  } else {
    const document = format === "json" ? loadJson(text, fileName) : loadYaml(text, fileName);
    flattenInto(collector, documentMapping(document, format, fileName), void 0);
  }
  return collector.result();
}
function fail2(file, message) {
  return new UserError(`${file}: ${message}`, { file });
}
function formatOf(fileName) {
  const baseName = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = baseName.lastIndexOf(".");
  if (dot <= 0) throw fail2(fileName, `the metrics file has no extension; use ${SUPPORTED_EXTENSIONS}`);
  const extension = baseName.slice(dot + 1);
  const format = FORMAT_BY_EXTENSION[extension.toLowerCase()];
  if (format === void 0) throw fail2(fileName, `unsupported metrics file extension ${JSON.stringify(`.${extension}`)}; use ${SUPPORTED_EXTENSIONS}`);
  return format;
}
function loadJson(text, file) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const nonFinite = bareNonFinite(text);
    if (nonFinite) {
      const which = nonFinite.key === void 0 ? "a metric" : `metric ${showName(nonFinite.key)}`;
      throw fail2(file, `${which} is ${nonFinite.token}; metrics must be finite numbers`);
    }
    throw fail2(file, `invalid JSON: ${parserMessage(error.message)}${jsonErrorLocation(error.message, text)}`);
  }
}
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
function jsonErrorLocation(message, text) {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\bline \d+/.test(message)) return "";
  const before = text.slice(0, Number(position[1]));
  const line = before.split(/\r\n|\r|\n/).length;
  const column = before.length - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return ` (line ${line}, column ${column})`;
}
function documentMapping(document, format, file) {
  if (isPlainObject(document)) return document;
  if (format === "yaml" && document === null) throw fail2(file, "the metrics file has no YAML document; write at least one metric");
  const expected = format === "json" ? "a JSON object" : "a YAML mapping";
  throw fail2(file, `the metrics must be ${expected} of metric names to numbers, not ${kindOf(document)}`);
}
function kindOf(value) {
  if (value === null || value === void 0) return "an empty value (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}
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
function showName(name) {
  return showUntrusted(name, SHOWN_NAME_LENGTH);
}
function skipReason(value) {
  if (typeof value === "string") return "a string, not a number";
  if (typeof value === "boolean") return "a boolean, not a number";
  return `${kindOf(value)}, not a number`;
}
var MetricsCollector = class {
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
      throw fail2(this.file, `metric name ${showName(name)} is longer than ${MAX_METRIC_NAME_LENGTH} characters; use a shorter name`);
    }
    if (hasControlCharacter(name)) {
      throw fail2(this.file, `metric name ${showName(name)} contains a control character (such as a newline or tab); use printable text`);
    }
  }
  rejectEmptyName(where) {
    throw fail2(this.file, `a metric name is empty${where}; give every metric a name`);
  }
  add(name, value) {
    this.claim(name);
    if (typeof value !== "number") {
      this.skipped.push({ name, reason: skipReason(value) });
      return;
    }
    if (!Number.isFinite(value)) {
      throw fail2(this.file, `metric ${showName(name)} is ${String(value)}; metrics must be finite numbers`);
    }
    this.entries.push([name, value]);
  }
  skip(name, reason) {
    this.claim(name);
    this.skipped.push({ name, reason });
  }
  result() {
    if (this.entries.length === 0) throw fail2(this.file, `no numeric metrics; ${this.describeSkipped()}`);
    return { metrics: Object.fromEntries(this.entries), skipped: this.skipped };
  }
  claim(name) {
    this.checkName(name);
    if (this.seen.has(name)) {
      const hint = this.format === "csv" ? "" : ' (nested keys are joined with ".")';
      throw fail2(this.file, `metric ${showName(name)} is given twice${hint}; give each metric its own name`);
    }
    this.seen.add(name);
    if (this.seen.size > MAX_METRICS) throw fail2(this.file, `more than ${MAX_METRICS} metrics; write at most ${MAX_METRICS}`);
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
  const atLineBreak = () => text[index] === "\n" || text[index] === "\r";
  const skipLineBreak = () => {
    index += text.startsWith("\r\n", index) ? 2 : 1;
    line++;
  };
  const skipBlanks = () => {
    while (text[index] === " " || text[index] === "	") index++;
  };
  const readQuotedField = () => {
    const startLine = line;
    let value = "";
    index++;
    for (; ; ) {
      if (index >= text.length) throw fail2(file, `line ${startLine}: a quoted field is not closed`);
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
      throw fail2(file, `line ${line}: unexpected text after the closing quote of a field; write a quote inside a quoted field as ""`);
    }
    return value;
  };
  const readUnquotedField = () => {
    const start = index;
    while (index < text.length && text[index] !== "," && !atLineBreak()) index++;
    return text.slice(start, index);
  };
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
var LONG_FORM_NAME_HEADERS = /* @__PURE__ */ new Set(["name", "metric"]);
function isLongFormHeader(cells) {
  return cells.length === 2 && LONG_FORM_NAME_HEADERS.has(cells[0].toLowerCase()) && cells[1].toLowerCase() === "value";
}
function collectCsv(collector, text, file) {
  const records = parseCsvRecords(text, file).filter((record) => record.cells.some((cell) => cell !== ""));
  if (records.length === 0) throw fail2(file, "the metrics file is empty; write at least one metric");
  const [header, ...rows] = records;
  if (isLongFormHeader(header.cells)) collectLongFormCsv(collector, header, rows, file);
  else collectWideFormCsv(collector, header, rows, file);
}
function collectLongFormCsv(collector, header, rows, file) {
  const headerText = JSON.stringify(header.cells.join(","));
  if (rows.length === 0) throw fail2(file, `the CSV has a ${headerText} header but no rows; add one row of name,value per metric`);
  for (const row of rows) {
    if (row.cells.length !== 2) {
      throw fail2(file, `line ${row.line} has ${count(row.cells.length, "field")}; under the ${headerText} header every row must be name,value (quote a name that contains a comma)`);
    }
    const [name, cell] = row.cells;
    if (name === "") collector.rejectEmptyName(` (line ${row.line})`);
    addCsvCell(collector, name, cell);
  }
}
function collectWideFormCsv(collector, header, rows, file) {
  const twoForms = 'write one row of values under a header of metric names, or rows of name,value under a "name,value" header';
  if (rows.length === 0) throw fail2(file, `the CSV has a header but no row of values; ${twoForms}`);
  if (rows.length > 1) throw fail2(file, `the CSV has ${rows.length} rows of values under its header; ${twoForms}`);
  const [values] = rows;
  if (values.cells.length !== header.cells.length) {
    throw fail2(file, `line ${values.line} has ${count(values.cells.length, "value")} but the header on line ${header.line} has ${count(header.cells.length, "name")}; give each metric one value`);
  }
  header.cells.forEach((name, column) => {
    const cell = values.cells[column];
    if (name === "" && cell === "") return;
    if (name === "") {
      throw fail2(file, `column ${column + 1} of the header has no name; name every column (pandas: to_csv(..., index=False))`);
    }
    addCsvCell(collector, name, cell);
  });
}
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

export {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  buildManifest,
  serializeManifest,
  parseManifest,
  parseMetrics
};
