import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-JNYJIKO4.js";
import {
  __name,
  __toESM
} from "./chunk-752PIHHL.js";

// src/core/config/metric-policy.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var MAX_ANSWERS_PER_PATTERN = 1e4;
var matchers = /* @__PURE__ */ new Map();
function matches(pattern, name) {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    matcher = { test: (0, import_picomatch.default)(pattern, { bash: true, dot: true }), answers: /* @__PURE__ */ new Map() };
    matchers.set(pattern, matcher);
  }
  let answer = matcher.answers.get(name);
  if (answer === void 0) {
    answer = matcher.test(name);
    if (matcher.answers.size >= MAX_ANSWERS_PER_PATTERN) matcher.answers.clear();
    matcher.answers.set(name, answer);
  }
  return answer;
}
__name(matches, "matches");
function metricPolicyFor(name, rules) {
  const exact = rules.find((rule) => rule.pattern === name);
  if (exact) return exact.policy;
  return rules.find((rule) => matches(rule.pattern, name))?.policy ?? {};
}
__name(metricPolicyFor, "metricPolicyFor");

export {
  metricPolicyFor
};
