import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_MATRIX_JOBS,
  MAX_PARALLEL_TRAININGS
} from "./chunk-WQATJMJ6.js";
import {
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
var UsageError = class extends Error {
  static {
    __name(this, "UsageError");
  }
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var COMMON = { repo: { type: "string" }, "default-branch": { type: "string" }, help: { type: "boolean", short: "h" } };
var TRIGGER = { base: { type: "string" }, models: { type: "string" } };
var PYTHON = { python: { type: "string" } };
var MAX_JOBS_OPTION = { "max-jobs": { type: "string" } };
var JOBS_OPTION = { jobs: { type: "string", short: "j" } };
var COMMANDS = {
  run: { options: { ...COMMON, ...TRIGGER, ...PYTHON, ...MAX_JOBS_OPTION, ...JOBS_OPTION, verbose: { type: "boolean", short: "v" } }, positionals: [] },
  detect: { options: { ...COMMON, ...TRIGGER, ...MAX_JOBS_OPTION, ...JOBS_OPTION, "gitlab-child-pipeline": { type: "string" } }, positionals: [] },
  // MODEL...: a GitLab batch job trains its models in one call, -j at a time.
  train: { options: { ...COMMON, ...PYTHON, ...JOBS_OPTION }, positionals: ["MODEL"], repeatsLast: true },
  report: { options: { ...COMMON, run: { type: "string" } }, positionals: [] },
  promote: { options: { ...COMMON, environment: { type: "string" }, version: { type: "string" } }, positionals: ["MODEL"] },
  history: { options: { ...COMMON, environment: { type: "string" } }, positionals: ["MODEL"] },
  status: { options: { ...COMMON, markdown: { type: "string" } }, positionals: [] },
  monitor: { options: { ...COMMON, ...PYTHON, environment: { type: "string" } }, positionals: [] }
};
function parseCommandLine(argv, defaultJobs) {
  const [first, ...rest] = argv;
  if (first === void 0 || first === "--help" || first === "-h" || first === "help") return { command: "help" };
  if (first === "--version" || first === "-V") {
    if (rest.length > 0) throw new UsageError(`${first} takes nothing after it`);
    return { command: "version" };
  }
  if (!Object.hasOwn(COMMANDS, first)) {
    const meant = first.startsWith("-") ? void 0 : nearestCommand(first);
    const what = first.startsWith("-") ? `option ${first} needs a command before it` : `"${first}" is not a command${meant ? ` (did you mean "${meant}"?)` : ""}`;
    throw new UsageError(`${what}; the commands are: ${Object.keys(COMMANDS).join(", ")} (see model-ci --help)`);
  }
  const command = first;
  const { values, positionals } = parseOptions(command, rest);
  if (values.help === true) return { command: "help" };
  const expected = COMMANDS[command].positionals;
  if (positionals.length < expected.length) throw new UsageError(`model-ci ${command} needs ${expected.join(" ")} (see model-ci --help)`);
  const repeatsLast = "repeatsLast" in COMMANDS[command];
  if (positionals.length > expected.length && !repeatsLast) {
    throw new UsageError(`model-ci ${command} takes ${expected.length === 0 ? "no arguments" : `only ${expected.join(" ")}`}, but got "${positionals[expected.length]}"`);
  }
  const text = /* @__PURE__ */ __name((name) => {
    const value = values[name];
    if (typeof value !== "string") return void 0;
    if (value.trim() === "") throw new UsageError(`option --${name} needs a value (see model-ci --help)`);
    return value;
  }, "text");
  const common = { repo: text("repo"), defaultBranch: text("default-branch") };
  const trigger = /* @__PURE__ */ __name(() => {
    const options = { base: text("base"), models: text("models") };
    if (options.base !== void 0 && options.models !== void 0) {
      throw new UsageError("use --base or --models, not both: --models trains exactly the models named, with nothing to compare changes against");
    }
    return options;
  }, "trigger");
  const [model] = positionals;
  switch (command) {
    case "run":
      return {
        command,
        common,
        trigger: trigger(),
        jobs: count("jobs", text("jobs")) ?? Math.max(1, defaultJobs),
        maxJobs: count("max-jobs", text("max-jobs")),
        python: text("python") ?? "",
        verbose: values.verbose === true
      };
    case "detect":
      return { command, common, trigger: trigger(), maxJobs: count("max-jobs", text("max-jobs")), jobs: count("jobs", text("jobs")), gitlabChildPipeline: text("gitlab-child-pipeline") };
    case "train":
      return { command, common, models: [...new Set(positionals)], jobs: count("jobs", text("jobs")) ?? 1, python: text("python") ?? "" };
    case "report":
      return { command, common, runId: count("run", text("run")) };
    case "promote": {
      const environment = text("environment");
      if (environment === void 0) throw new UsageError("model-ci promote needs --environment E: the environment to promote to");
      return { command, common, model, environment, version: text("version") ?? "latest" };
    }
    case "history":
      return { command, common, model, environment: text("environment") };
    case "status":
      return { command, common, markdown: text("markdown") };
    case "monitor":
      return { command, common, environment: text("environment"), python: text("python") ?? "" };
  }
}
__name(parseCommandLine, "parseCommandLine");
function nearestCommand(typed) {
  const ranked = Object.keys(COMMANDS).map((name) => ({ name, distance: editDistance(typed.toLowerCase(), name) })).sort((a, b) => a.distance - b.distance);
  return ranked[0].distance <= 2 ? ranked[0].name : void 0;
}
__name(nearestCommand, "nearestCommand");
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
__name(editDistance, "editDistance");
function parseOptions(command, args) {
  try {
    const options = COMMANDS[command].options;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new UsageError(`model-ci ${command}: ${describeParseError(error)} (see model-ci --help)`);
  }
}
__name(parseOptions, "parseOptions");
function describeParseError(error) {
  const code = error.code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(?:-[^-'], )?(-[^' ]+)/.exec(message)?.[1] ?? "an option";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message.includes("does not take an argument") ? `option ${option} takes no value` : `option ${option} needs a value`;
    default:
      return message.split("\n")[0];
  }
}
__name(describeParseError, "describeParseError");
var LIMITS = { jobs: MAX_PARALLEL_TRAININGS, "max-jobs": MAX_MATRIX_JOBS };
function count(name, value) {
  if (value === void 0) return void 0;
  const number = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  const limit = LIMITS[name] ?? Number.MAX_SAFE_INTEGER;
  if (!(number <= limit)) throw new UsageError(`option --${name} is "${value}"; give a whole number${name in LIMITS ? ` from 1 to ${limit}` : " of 1 or more"}`);
  return number;
}
__name(count, "count");

// src/cli/terminal.ts
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
function processTerminal() {
  const noColor = (process.env.NO_COLOR ?? "") !== "";
  let wroteOut = false;
  const out = /* @__PURE__ */ __name((line) => {
    wroteOut = true;
    process.stdout.write(`${line}
`);
  }, "out");
  return {
    out,
    err: /* @__PURE__ */ __name((line) => void process.stderr.write(`${line}
`), "err"),
    write: /* @__PURE__ */ __name((text) => void process.stdout.write(text), "write"),
    separate: /* @__PURE__ */ __name(() => {
      if (wroteOut) out("");
    }, "separate"),
    live: process.stdout.isTTY === true && process.env.TERM !== "dumb",
    color: process.stdout.isTTY === true && !noColor,
    width: columns()
  };
}
__name(processTerminal, "processTerminal");
function columns() {
  const fromEnv = Number(process.env.COLUMNS);
  if (process.env.COLUMNS !== void 0 && process.env.COLUMNS !== "" && Number.isInteger(fromEnv)) return fromEnv > 0 ? fromEnv : void 0;
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : void 0;
}
__name(columns, "columns");
function paint(terminal, style, text) {
  if (!terminal.color) return text;
  const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 };
  return `\x1B[${codes[style]}m${text}\x1B[0m`;
}
__name(paint, "paint");
function terminalLogger(terminal, options) {
  return {
    info: /* @__PURE__ */ __name((message) => terminal.out(message), "info"),
    debug: /* @__PURE__ */ __name((message) => {
      if (options.verbose) terminal.out(paint(terminal, "dim", message));
    }, "debug"),
    warning: /* @__PURE__ */ __name((message) => terminal.err(`${paint(terminal, "yellow", "warning:")} ${message}`), "warning"),
    group: /* @__PURE__ */ __name(async (title, work) => {
      if (options.verbose) terminal.out(paint(terminal, "bold", `\u25B8 ${title}`));
      return work();
    }, "group")
  };
}
__name(terminalLogger, "terminalLogger");
function modelLogger(terminal, model, logFile, options) {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, "w");
  const prefix = paint(terminal, "dim", `[${model}]`);
  const write = /* @__PURE__ */ __name((line) => writeSync(fd, `${line}
`), "write");
  const info = /* @__PURE__ */ __name((message) => {
    write(message);
    if (options.verbose) terminal.out(`${prefix} ${escapeControlCharacters(message)}`);
  }, "info");
  return {
    info,
    debug: /* @__PURE__ */ __name((message) => write(message), "debug"),
    warning: /* @__PURE__ */ __name((message) => {
      write(`warning: ${message}`);
      terminal.err(`${paint(terminal, "yellow", "warning:")} ${prefix} ${message}`);
    }, "warning"),
    group: /* @__PURE__ */ __name(async (title, work) => {
      info(`\u25B8 ${title}`);
      return work();
    }, "group"),
    close: /* @__PURE__ */ __name(() => closeSync(fd), "close")
  };
}
__name(modelLogger, "modelLogger");

export {
  UsageError,
  parseCommandLine,
  processTerminal,
  paint,
  terminalLogger,
  modelLogger
};
