import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/event-context.ts
import { readFileSync } from "node:fs";
var PayloadReader = class {
  constructor(payload, eventPath, eventName) {
    this.payload = payload;
    this.eventPath = eventPath;
    this.eventName = eventName;
  }
  payload;
  eventPath;
  eventName;
  static {
    __name(this, "PayloadReader");
  }
  /** The value at `path`, or an error naming the field when it is missing or breaks `rule`. */
  read(path, rule) {
    const value = this.at(path);
    if (value === void 0 || value === null) this.fail(path, "is missing");
    if (!rule.test(value)) this.fail(path, `is invalid (expected ${rule.expected}, got ${describe(value)})`);
    return value;
  }
  /** The value at `path`, or undefined when the payload leaves it out or sets it to null. */
  optional(path, rule) {
    const value = this.at(path);
    return value === void 0 || value === null ? void 0 : this.read(path, rule);
  }
  at(path) {
    let value = this.payload;
    for (const key of path.split(".")) {
      if (typeof value !== "object" || value === null) return void 0;
      value = value[key];
    }
    return value;
  }
  fail(path, problem) {
    throw new UserError(`event file ${this.eventPath} (${this.eventName}): "${path}" ${problem}; model-ci reads the payload GitHub sends for ${this.eventName}`);
  }
};
var SHA = {
  expected: "a full commit id",
  test: /* @__PURE__ */ __name((value) => typeof value === "string" && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value), "test")
};
var REF = { expected: "a branch or ref name", test: /* @__PURE__ */ __name((value) => typeof value === "string" && value.length > 0, "test") };
var COUNT = { expected: "a whole number", test: /* @__PURE__ */ __name((value) => Number.isInteger(value) && value >= 0, "test") };
var NUMBER = { expected: "a whole number above 0", test: /* @__PURE__ */ __name((value) => Number.isInteger(value) && value > 0, "test") };
function describe(value) {
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "a list" : "an object";
}
__name(describe, "describe");
function readRunContext(env, defaultBranchInput) {
  const eventName = requiredEnv("GITHUB_EVENT_NAME", env);
  const eventPath = requiredEnv("GITHUB_EVENT_PATH", env);
  const payload = readPayload(eventPath, eventName);
  const [owner, repo] = requiredEnv("GITHUB_REPOSITORY", env).split("/");
  const reader = new PayloadReader(payload, eventPath, eventName);
  return {
    eventName,
    trigger: triggerOf(eventName, reader),
    sha: requiredEnv("GITHUB_SHA", env),
    defaultBranch: defaultBranchInput || reader.optional("repository.default_branch", REF) || "main",
    repository: { owner, repo }
  };
}
__name(readRunContext, "readRunContext");
function triggerOf(eventName, reader) {
  switch (eventName) {
    case "pull_request":
    case "pull_request_target":
      reader.read("pull_request", { expected: "an object", test: /* @__PURE__ */ __name((value) => typeof value === "object", "test") });
      return {
        kind: "pull_request",
        number: reader.read("pull_request.number", NUMBER),
        baseSha: reader.read("pull_request.base.sha", SHA),
        baseRef: reader.read("pull_request.base.ref", REF),
        headSha: reader.read("pull_request.head.sha", SHA),
        changedFiles: reader.optional("pull_request.changed_files", COUNT)
      };
    case "merge_group":
      return {
        kind: "pull_request",
        baseSha: reader.read("merge_group.base_sha", SHA),
        baseRef: reader.read("merge_group.base_ref", REF).replace(/^refs\/heads\//, ""),
        headSha: reader.read("merge_group.head_sha", SHA)
      };
    case "push":
      return {
        kind: "push",
        before: reader.optional("before", SHA),
        after: reader.read("after", SHA),
        ref: reader.read("ref", REF)
      };
    default:
      return { kind: "manual", event: eventName };
  }
}
__name(triggerOf, "triggerOf");
function readPayload(path, eventName) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UserError(`event file ${path} (${eventName}) cannot be read: ${error.message}; model-ci must run as a step of a GitHub Actions job`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`event file ${path} (${eventName}) is not valid JSON; model-ci must run as a step of a GitHub Actions job`);
  }
}
__name(readPayload, "readPayload");
function requiredEnv(name, env = process.env) {
  const value = env[name];
  if (!value) {
    throw new UserError(`environment variable ${name} is not set; model-ci must run as a step of a GitHub Actions job (or use the model-ci CLI locally)`);
  }
  return value;
}
__name(requiredEnv, "requiredEnv");

export {
  readRunContext,
  requiredEnv
};
