import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/gitlab/gitlab-context.ts
var GITLAB_MODELS_VARIABLE = "MODEL_CI_MODELS";
var PARENT_VARIABLE_PREFIX = "MODEL_CI_PARENT_";
var PARENT_VARIABLES = [
  "CI_PIPELINE_ID",
  "CI_PIPELINE_SOURCE",
  "CI_PIPELINE_URL",
  "CI_COMMIT_BEFORE_SHA",
  "CI_COMMIT_BRANCH",
  "CI_COMMIT_TAG",
  "CI_MERGE_REQUEST_IID",
  "CI_MERGE_REQUEST_DIFF_BASE_SHA",
  "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
  "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
  "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
  GITLAB_MODELS_VARIABLE
];
function parentVariableName(name) {
  return PARENT_VARIABLE_PREFIX + name.replace(/^(CI|MODEL_CI)_/, "");
}
__name(parentVariableName, "parentVariableName");
function parentPipelineVariables(env) {
  const variables = {};
  for (const name of PARENT_VARIABLES) {
    const value = env[name];
    if (value !== void 0 && value !== "") variables[parentVariableName(name)] = value;
  }
  return variables;
}
__name(parentPipelineVariables, "parentPipelineVariables");
function isGitLabJob(env) {
  return env.GITLAB_CI === "true";
}
__name(isGitLabJob, "isGitLabJob");
var SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
var ZERO_SHA = /^0+$/;
var WHOLE_NUMBER = /^[1-9][0-9]{0,15}$/;
function readGitLabContext(env) {
  if (env.CI_PIPELINE_SOURCE === "parent_pipeline" && env[parentVariableName("CI_PIPELINE_ID")] && env[parentVariableName("CI_PIPELINE_SOURCE")]) {
    const read2 = new VariableReader(env);
    const childPipelineId = Number(read2.required("CI_PIPELINE_ID", WHOLE_NUMBER, "a whole number"));
    const parentSource = read2.required(parentVariableName("CI_PIPELINE_SOURCE"), /^[a-z_]+$/, "a pipeline source such as push or merge_request_event");
    if (parentSource === "parent_pipeline") throw new UserError(`GitLab CI variable ${parentVariableName("CI_PIPELINE_SOURCE")} is parent_pipeline: model-ci's child pipeline is triggered by the pipeline that ran detect`, { input: parentVariableName("CI_PIPELINE_SOURCE") });
    const parentEnv = { ...env };
    for (const name of PARENT_VARIABLES) parentEnv[name] = env[parentVariableName(name)];
    return { ...readGitLabContext(parentEnv), childPipelineId };
  }
  const read = new VariableReader(env);
  const pipelineSource = read.required("CI_PIPELINE_SOURCE", /^[a-z_]+$/, "a pipeline source such as push or merge_request_event");
  const sha = read.required("CI_COMMIT_SHA", SHA, "a full commit id");
  const defaultBranch = read.required("CI_DEFAULT_BRANCH", /\S/, "a branch name");
  const projectId = Number(read.required("CI_PROJECT_ID", WHOLE_NUMBER, "a whole number"));
  const apiUrl = read.required("CI_API_V4_URL", /^https?:\/\/[^\s/]+/, "an http(s) URL").replace(/\/+$/, "");
  const pipelineId = Number(read.required("CI_PIPELINE_ID", WHOLE_NUMBER, "a whole number"));
  const jobUrl = read.required("CI_JOB_URL", /^https?:\/\/\S+$/, "an http(s) URL");
  const pipelineUrl = read.optional("CI_PIPELINE_URL", /^https?:\/\/\S+$/, "an http(s) URL");
  const repository = {
    owner: read.optional("CI_PROJECT_NAMESPACE", /\S/, "a group path") ?? "gitlab",
    repo: read.optional("CI_PROJECT_NAME", /\S/, "a project name") ?? String(projectId)
  };
  const short = /* @__PURE__ */ __name((commit) => commit.slice(0, 8), "short");
  const headTag = read.optional("CI_COMMIT_TAG", /\S/, "a tag name");
  const common = { pipelineSource, projectId, apiUrl, pipelineId, jobUrl, ...pipelineUrl !== void 0 ? { pipelineUrl } : {}, ...headTag !== void 0 ? { headTag } : {} };
  const context = /* @__PURE__ */ __name((eventName, trigger) => ({ eventName, trigger, sha, defaultBranch, repository }), "context");
  if (pipelineSource === "merge_request_event") {
    const iid = Number(read.required("CI_MERGE_REQUEST_IID", WHOLE_NUMBER, "a whole number"));
    const baseSha = read.required("CI_MERGE_REQUEST_DIFF_BASE_SHA", SHA, "a full commit id");
    const baseRef = read.required("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", /\S/, "a branch name");
    const headSha = read.optional("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", SHA, "a full commit id") ?? sha;
    const trigger = { kind: "pull_request", number: iid, baseSha, baseRef, headSha, headRefspec: mergeRequestRefspec(iid) };
    return {
      ...common,
      context: context("merge_request_event", trigger),
      headBranch: read.optional("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", /\S/, "a branch name") ?? null,
      models: "",
      mergeRequestIid: iid,
      description: `merge request !${iid} at ${short(headSha)}, into ${baseRef} (diff from ${short(baseSha)})`
    };
  }
  if (pipelineSource === "push") {
    const branch = read.optional("CI_COMMIT_BRANCH", /\S/, "a branch name");
    const tag = branch === void 0 ? read.optional("CI_COMMIT_TAG", /\S/, "a tag name") : void 0;
    if (branch === void 0 && tag === void 0) throw missing("CI_COMMIT_BRANCH", "a push pipeline runs for a branch (CI_COMMIT_BRANCH) or a tag (CI_COMMIT_TAG)");
    const before = read.optional("CI_COMMIT_BEFORE_SHA", SHA, "a full commit id");
    const ref = branch !== void 0 ? `refs/heads/${branch}` : `refs/tags/${tag}`;
    return {
      ...common,
      context: context("push", { kind: "push", before, after: sha, ref }),
      headBranch: branch ?? null,
      models: "",
      description: before === void 0 || ZERO_SHA.test(before) ? `a push of ${branch ?? tag} at ${short(sha)} with no commit before it` : `a push of ${branch ?? tag}: ${short(before)}..${short(sha)}`
    };
  }
  const models = env[GITLAB_MODELS_VARIABLE] ?? "";
  return {
    ...common,
    context: context(pipelineSource, { kind: "manual", event: pipelineSource }),
    headBranch: read.optional("CI_COMMIT_BRANCH", /\S/, "a branch name") ?? null,
    models,
    description: `a ${pipelineSource} pipeline at ${short(sha)}: the models ${GITLAB_MODELS_VARIABLE} names (${models.trim() === "" ? "unset" : JSON.stringify(models.trim())})`
  };
}
__name(readGitLabContext, "readGitLabContext");
function mergeRequestRefspec(iid) {
  return `+refs/merge-requests/${iid}/head:refs/remotes/origin/merge-requests/${iid}/head`;
}
__name(mergeRequestRefspec, "mergeRequestRefspec");
var VariableReader = class {
  constructor(env) {
    this.env = env;
  }
  env;
  static {
    __name(this, "VariableReader");
  }
  required(name, rule, expected) {
    const value = this.optional(name, rule, expected);
    if (value === void 0) throw missing(name, "GitLab sets it in every job of this kind of pipeline");
    return value;
  }
  /** The value, or undefined when unset or empty (GitLab sets some variables empty). */
  optional(name, rule, expected) {
    const value = this.env[name];
    if (value === void 0 || value === "") return void 0;
    if (!rule.test(value)) {
      const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value);
      throw new UserError(`GitLab CI variable ${name} is ${shown}, not ${expected}; model-ci reads the predefined variables of a GitLab CI job, do not override ${name}`, { input: name });
    }
    return value;
  }
};
function missing(name, why) {
  return new UserError(`GitLab CI variable ${name} is not set (${why}); run model-ci as a script of a GitLab CI job, or unset GITLAB_CI to run it locally`, { input: name });
}
__name(missing, "missing");

export {
  GITLAB_MODELS_VARIABLE,
  parentPipelineVariables,
  isGitLabJob,
  readGitLabContext
};
