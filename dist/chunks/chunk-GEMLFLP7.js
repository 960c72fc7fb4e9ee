import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  createRecord,
  currentBranch,
  defaultBranchOf,
  readRecord,
  recordIds,
  recordPath,
  replaceRecord,
  uncommittedFiles
} from "./chunk-GPTDHOOV.js";
import {
  UsageError
} from "./chunk-HUUTRLBH.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-7RD6YKSP.js";
import {
  UserError
} from "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/adapters/local/fs-workflow-runs.ts
import { join } from "node:path";
import { pathToFileURL } from "node:url";
var LOCAL_WORKFLOW_ID = 1;
var FsWorkflowRuns = class {
  constructor(repositoryRoot, now = () => /* @__PURE__ */ new Date()) {
    this.now = now;
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, "runs");
  }
  now;
  static {
    __name(this, "FsWorkflowRuns");
  }
  directory;
  /** Records a new run, in progress, and returns it with its id. */
  async begin(start) {
    const createdAt = this.now().toISOString();
    const trigger = start.context.trigger;
    const id = await createRecord(this.directory, (id2) => ({
      id: id2,
      workflowId: LOCAL_WORKFLOW_ID,
      headSha: trigger.kind === "pull_request" ? trigger.headSha : start.context.sha,
      headBranch: start.headBranch,
      event: start.context.eventName,
      status: "in_progress",
      conclusion: null,
      createdAt,
      url: this.urlOf(id2),
      context: start.context,
      models: start.models
    }));
    return this.getOrFail(id);
  }
  /** Marks run `runId` completed with `conclusion`. */
  async finish(runId, conclusion) {
    const run = await this.getOrFail(runId);
    const finished = { ...run, status: "completed", conclusion };
    await replaceRecord(this.directory, runId, finished);
    return finished;
  }
  async get(runId) {
    if (!Number.isSafeInteger(runId) || runId < 1) return void 0;
    const file = recordPath(this.directory, runId);
    let value;
    try {
      value = await readRecord(this.directory, runId);
    } catch (error) {
      throw unreadable(file, error instanceof Error ? error.message : String(error));
    }
    return value === void 0 ? void 0 : checkedRun(value, runId, file);
  }
  async listCompleted(filter) {
    const runs = [];
    for (const id of await recordIds(this.directory)) {
      if (runs.length >= filter.limit) break;
      const run = await this.get(id);
      if (run !== void 0 && run.status === "completed" && (filter.workflowId === void 0 || run.workflowId === filter.workflowId) && (filter.branch === void 0 || run.headBranch === filter.branch) && (filter.event === void 0 || run.event === filter.event) && (filter.headSha === void 0 || run.headSha === filter.headSha)) {
        runs.push(run);
      }
    }
    return runs;
  }
  /** The run's "page": its record, which a terminal or an editor opens. */
  urlOf(runId) {
    return pathToFileURL(recordPath(this.directory, runId)).href;
  }
  async getOrFail(runId) {
    const run = await this.get(runId);
    if (!run) throw new Error(`local run ${runId} is not in ${this.directory}`);
    return run;
  }
};
function checkedRun(value, id, file) {
  const run = value;
  const fieldsOk = typeof run === "object" && run !== null && run.id === id && typeof run.workflowId === "number" && typeof run.headSha === "string" && (run.headBranch === null || typeof run.headBranch === "string") && typeof run.event === "string" && typeof run.status === "string" && (run.conclusion === null || typeof run.conclusion === "string") && typeof run.createdAt === "string" && typeof run.url === "string" && typeof run.context?.trigger?.kind === "string" && Array.isArray(run.models) && run.models.every((model) => typeof model === "string");
  if (!fieldsOk) throw unreadable(file, "it is not a run record of this version of model-ci");
  return run;
}
__name(checkedRun, "checkedRun");
function unreadable(file, reason) {
  return new UserError(`${file}: ${reason}; delete the file (the run's record is lost, its artifacts stay) or restore it`);
}
__name(unreadable, "unreadable");

// src/cli/run-context.ts
import { basename } from "node:path";
var ZERO_SHA = "0".repeat(40);
async function localRunContext(workspace, runs, options) {
  const git = workspace.git;
  const head = await git.resolveCommit("HEAD");
  if (head === void 0) throw new UsageError(`the repository at ${git.root} has no commits yet; commit the models, then run model-ci`);
  const defaultBranch = options.defaultBranch ?? await defaultBranchOf(git.root);
  if (defaultBranch === void 0) {
    throw new UsageError("cannot tell the default branch: there is no origin/HEAD, main or master; name it with --default-branch B");
  }
  const branch = await currentBranch(git.root) ?? null;
  const repository = { owner: "local", repo: basename(workspace.root) };
  const base = { sha: head, defaultBranch, repository };
  const short = /* @__PURE__ */ __name((sha) => sha.slice(0, 7), "short");
  if (options.models !== void 0) {
    return {
      context: { ...base, eventName: "workflow_dispatch", trigger: { kind: "manual", event: "workflow_dispatch" } },
      headBranch: branch,
      models: options.models,
      description: `the models chosen with --models, at ${short(head)}`
    };
  }
  if (options.base === void 0 && branch === defaultBranch) {
    const before = (await newestSuccessfulPush(runs, branch))?.headSha ?? ZERO_SHA;
    return {
      context: { ...base, eventName: "push", trigger: { kind: "push", before, after: head, ref: `refs/heads/${branch}` } },
      headBranch: branch,
      models: "",
      description: before === ZERO_SHA ? `${branch} at ${short(head)}, as a push: no successful local run here yet, so every model trains` : `${branch} at ${short(head)}, as a push: the changes since the last successful run here (${short(before)})`
    };
  }
  const baseRef = options.base ?? defaultBranch;
  const baseSha = await git.resolveCommit(baseRef) ?? (options.base === void 0 ? await git.resolveCommit(`refs/remotes/origin/${baseRef}`) : void 0);
  if (baseSha === void 0) {
    throw options.base === void 0 ? new UsageError(`there is no branch "${defaultBranch}" to compare with; name the base with --base REF, or the default branch with --default-branch B`) : new UsageError(`option --base: "${baseRef}" is not a commit, branch or tag of this repository`);
  }
  return {
    context: {
      ...base,
      eventName: "pull_request",
      trigger: { kind: "pull_request", baseSha, baseRef: baseRef.replace(/^refs\/heads\//, ""), headSha: head }
    },
    headBranch: branch,
    models: "",
    description: `${branch ?? "HEAD"} at ${short(head)}, as a pull request into ${baseRef} (${short(baseSha)})`
  };
}
__name(localRunContext, "localRunContext");
var RUNS_LOOKED_AT = 100;
async function newestSuccessfulPush(runs, branch) {
  const completed = await runs.listCompleted({ workflowId: LOCAL_WORKFLOW_ID, branch, event: "push", limit: RUNS_LOOKED_AT });
  return completed.find((run) => run.conclusion === "success");
}
__name(newestSuccessfulPush, "newestSuccessfulPush");
function trainRunOf(run, local) {
  return {
    id: run.id,
    attempt: 1,
    sha: local.context.sha,
    ref: local.headBranch === null ? "HEAD" : `refs/heads/${local.headBranch}`,
    event: local.context.eventName,
    runnerOs: runnerOs()
  };
}
__name(trainRunOf, "trainRunOf");
function runnerOs() {
  switch (process.platform) {
    case "darwin":
      return "macOS";
    case "win32":
      return "Windows";
    default:
      return "Linux";
  }
}
__name(runnerOs, "runnerOs");
function noSuchRun(runId) {
  return new UserError(
    runId === void 0 ? "there is no local run that trained models yet; train with model-ci run (or model-ci train MODEL) first" : `there is no local run ${runId}; the runs are in .model-ci/runs/`
  );
}
__name(noSuchRun, "noSuchRun");
async function warnIfUncommitted(workspace) {
  const files = await uncommittedFiles(workspace.root);
  if (files.length === 0) return files;
  const shown = files.slice(0, 3).join(", ") + (files.length > 3 ? ` and ${files.length - 3} more` : "");
  workspace.ports.logger.warning(
    `${files.length} file(s) have uncommitted changes (${shown}): the models to train are picked from commits, and each model.yml is read as committed; a model with uncommitted changes (in its folder, its watch or shared files, or model-ci.yml) trains from the files as they are checked out, without the run-cache; commit the changes to have them counted`
  );
  return files;
}
__name(warnIfUncommitted, "warnIfUncommitted");

export {
  FsWorkflowRuns,
  localRunContext,
  trainRunOf,
  noSuchRun,
  warnIfUncommitted
};
