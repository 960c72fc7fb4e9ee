import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-CYNM7F7O.js";
import {
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name,
  __toESM
} from "./chunk-56XKJLMR.js";

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

// src/core/promotion-policy.ts
function outsideBranchHistory(run, branch) {
  return `run ${run.id} is a push named ${branch}, but its commit ${run.headSha} is not in the history of branch ${branch} (a tag named like the branch, or a commit since removed from it)`;
}
__name(outsideBranchHistory, "outsideBranchHistory");
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "merge_group"]);
function listedEnvironment(name, environments) {
  return environments.find((listed) => listed.toLowerCase() === name.toLowerCase());
}
__name(listedEnvironment, "listedEnvironment");
function environmentBefore(environment, environments) {
  const index = environments.findIndex((listed) => listed.toLowerCase() === environment.toLowerCase());
  return index > 0 ? environments[index - 1] : void 0;
}
__name(environmentBefore, "environmentBefore");
function firstBrokenRule(facts) {
  return environmentRefusal(facts.environment, facts.environments) ?? sourceRefusal(facts) ?? orderRefusal(facts) ?? boundsRefusal(facts);
}
__name(firstBrokenRule, "firstBrokenRule");
function environmentRefusal(environment, environments) {
  if (listedEnvironment(environment, environments) !== void 0) return void 0;
  return refuse(
    "listed environment",
    `environment ${showUntrusted(environment, 100)} is not one of the environments in model-ci.yml (${environments.join(", ")}); promote to one of them or add it to "environments"`
  );
}
__name(environmentRefusal, "environmentRefusal");
function sourceRefusal(facts) {
  const { source, defaultBranch } = facts;
  const namedDefaultBranch = source.event === "push" && source.headBranch === defaultBranch;
  const fromDefaultBranch = namedDefaultBranch && facts.sourceInBranchHistory;
  const fromPullRequest = PULL_REQUEST_EVENTS.has(source.event);
  const branch = source.headBranch === null ? "no branch" : `branch ${showUntrusted(source.headBranch, 100)}`;
  if (namedDefaultBranch && !fromDefaultBranch) {
    return refuse("default-branch source", `${outsideBranchHistory(source, defaultBranch)}; only models trained by a push to ${defaultBranch} are promoted`);
  }
  if (fromPullRequest && !facts.allowPullRequestSources) {
    return refuse(
      "default-branch source",
      `run ${source.id} is a ${source.event} run (${branch}); only models trained by a push to ${defaultBranch} are promoted, unless model-ci.yml sets promotion: { allow-pull-request-sources: true }`
    );
  }
  if (!fromDefaultBranch && !fromPullRequest) {
    return refuse("default-branch source", `run ${source.id} is a ${source.event} run of ${branch}; only models trained by a push to ${defaultBranch} are promoted`);
  }
  if (source.conclusion === "success") return void 0;
  if (facts.liveInPreviousEnvironment !== void 0 && facts.liveInPreviousEnvironment === facts.digest) return void 0;
  if (source.conclusion === null && source.id === facts.promotingRunId) return void 0;
  const how = source.conclusion === null ? `has not finished (${source.status})` : `concluded ${source.conclusion}`;
  return refuse("default-branch source", `run ${source.id} ${how}; only a model of a successful run is promoted`);
}
__name(sourceRefusal, "sourceRefusal");
function orderRefusal(facts) {
  if (facts.rollback) return void 0;
  const before = environmentBefore(facts.environment, facts.environments);
  if (before === void 0 || facts.liveInPreviousEnvironment === facts.digest) return void 0;
  const live = facts.liveInPreviousEnvironment === void 0 ? `nothing of ${facts.model} is live there` : `${before} has ${facts.liveInPreviousEnvironment} live`;
  return refuse(
    "environment order",
    `${facts.model} ${facts.digest} must be live in ${before} before it is promoted to ${listedEnvironment(facts.environment, facts.environments)}, and ${live}; promote it to ${before} first`
  );
}
__name(orderRefusal, "orderRefusal");
function boundsRefusal(facts) {
  for (const [name, value] of Object.entries(facts.metrics)) {
    const { min, max } = metricPolicyFor(name, facts.metricRules);
    const shown = showUntrusted(name, 100);
    if (min !== void 0 && value < min) {
      return refuse("metric bounds", `metric ${shown} of ${facts.model} is ${value}, below its "min" of ${min}`);
    }
    if (max !== void 0 && value > max) {
      return refuse("metric bounds", `metric ${shown} of ${facts.model} is ${value}, above its "max" of ${max}`);
    }
  }
  return void 0;
}
__name(boundsRefusal, "boundsRefusal");
function refuse(rule, detail) {
  return { rule, message: `rule "${rule}": ${detail}` };
}
__name(refuse, "refuse");
function isCompletedPromotion(record) {
  return record.state === "success" || record.state === "inactive";
}
__name(isCompletedPromotion, "isCompletedPromotion");
function completedPromotions(records, model) {
  return records.filter((record) => record.payload.model === model && isCompletedPromotion(record));
}
__name(completedPromotions, "completedPromotions");
function livePromotion(records, model) {
  return completedPromotions(records, model)[0];
}
__name(livePromotion, "livePromotion");
function rollbackTarget(records, model) {
  const [current, ...earlier] = completedPromotions(records, model);
  return current && earlier.find((record) => record.payload.version !== current.payload.version);
}
__name(rollbackTarget, "rollbackTarget");

export {
  metricPolicyFor,
  outsideBranchHistory,
  listedEnvironment,
  environmentBefore,
  firstBrokenRule,
  environmentRefusal,
  completedPromotions,
  livePromotion,
  rollbackTarget
};
