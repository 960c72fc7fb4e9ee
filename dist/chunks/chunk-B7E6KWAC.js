import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  createRecord,
  currentBranch,
  defaultBranchOf,
  readRecord,
  recordIds,
  recordPath,
  replaceRecord
} from "./chunk-I4YPZPFZ.js";
import {
  GITLAB_MODELS_VARIABLE,
  readGitLabContext
} from "./chunk-TM5U5NKY.js";
import {
  isRelativePathInside
} from "./chunk-UUCS4V4X.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-LYO4JN6R.js";
import {
  UsageError
} from "./chunk-YOF6SXVJ.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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

// src/adapters/local/fs-artifact-store.ts
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join as join2, relative, sep } from "node:path";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var MAX_PATH_LENGTH = 4096;
var FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/]|^\./;
var FsArtifactStore = class {
  /** `logger` is told of records that cannot be read, which `list` leaves out. */
  constructor(repositoryRoot, runId, logger) {
    this.runId = runId;
    this.logger = logger;
    this.root = join2(repositoryRoot, LOCAL_STATE_DIR, "artifacts");
  }
  runId;
  logger;
  static {
    __name(this, "FsArtifactStore");
  }
  root;
  /** Records already warned about, so that each is told once however often it is listed. */
  warned = /* @__PURE__ */ new Set();
  /** Retention and compression do not apply to a folder: `_options` is accepted and ignored. */
  async upload(name, rootDirectory, files, _options) {
    if (name === "" || FORBIDDEN_IN_NAME.test(name)) throw new Error(`"${name}" is not a valid artifact name`);
    const paths = [...new Set(files.map((file) => relativeInside(rootDirectory, file)))];
    const runDirectory = this.runFolder();
    const staging = join2(runDirectory, `.uploading-${randomBytes(6).toString("hex")}`);
    try {
      for (const path of paths) await copyReplacing(join2(rootDirectory, path), join2(staging, "files", path));
      const { size, digest } = await digestOf(join2(staging, "files"), paths);
      const id = await this.reserveId(`${this.runId}/${name}`);
      const artifact = { id, name, size, digest };
      await writeFile(join2(staging, "artifact.json"), `${JSON.stringify({ ...artifact, created_at: (/* @__PURE__ */ new Date()).toISOString() }, null, 2)}
`);
      await this.putInPlace(staging, join2(runDirectory, name));
      return artifact;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  async list(runId = this.runId, options = {}) {
    const runDirectory = this.runFolder(runId);
    const names = await readdir(runDirectory).catch((error) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const artifacts = [];
    for (const name of names.filter((candidate) => !candidate.startsWith(".") && (options.name === void 0 || candidate === options.name)).sort()) {
      const directory = join2(runDirectory, name);
      const record = await readRecord2(directory);
      if ("artifact" in record) {
        artifacts.push(record.artifact);
      } else if (!this.warned.has(directory)) {
        this.warned.add(directory);
        this.logger.warning(`${recordFile(directory)}: ${record.problem ?? "it does not exist"}, so ${directory} is left out of the artifacts of run ${runId}; delete that folder, or run the training again`);
      }
    }
    return artifacts;
  }
  async download(artifactId, destination, options = {}) {
    const { runId = this.runId, expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    const { directory, artifact } = await this.locate(artifactId, runId);
    const filesDirectory = join2(directory, "files");
    const paths = await filesBelow(filesDirectory);
    if (expectedDigest !== void 0 && (await digestOf(filesDirectory, paths)).digest !== expectedDigest) {
      throw new UserError(
        `Artifact "${artifact.name}" (id ${artifactId}) of run ${runId} does not match its digest ${expectedDigest}: its files in ${directory} changed after it was uploaded, so it was not used. Run the training that produced it again.`
      );
    }
    for (const path of paths) await copyReplacing(join2(filesDirectory, path), join2(destination, path));
  }
  /** Reads the file from the artifact's folder; a path that would leave it, or a file that is not a regular file, is refused. */
  async readFile(artifact, path, options) {
    const { runId = this.runId, maxBytes } = options;
    if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw new Error(`"${path}" is not a path inside an artifact`);
    const { directory } = await this.locate(artifact.id, runId);
    const file = join2(directory, "files", path);
    const found = await lstat(file).catch((error) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
      throw error;
    });
    if (found === void 0) return void 0;
    const source = `artifact "${artifact.name}" (id ${artifact.id}) of run ${runId}`;
    if (!found.isFile()) throw new UserError(`${source}: ${file} is not a regular file, so it was not read; run the training that produced it again`);
    if (found.size > maxBytes) throw new UserError(`${source}: ${path} is ${found.size} bytes, more than the ${maxBytes} model-ci reads`);
    return readFile(file, "utf8");
  }
  /** The folder of run `runId`'s artifacts (by default this store's run): where a report links to them. */
  runFolder(runId = this.runId) {
    return join2(this.root, String(runId));
  }
  /** Takes the next free id for `location`; the exclusive create makes parallel uploads safe. */
  async reserveId(location) {
    const idsDirectory = join2(this.root, "ids");
    await mkdir(idsDirectory, { recursive: true });
    const taken = (await readdir(idsDirectory)).map(Number).filter(Number.isInteger);
    for (let id = Math.max(0, ...taken) + 1; ; id += 1) {
      try {
        await writeFile(join2(idsDirectory, String(id)), location, { flag: "wx" });
        return id;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
    }
  }
  /**
   * Moves the staged artifact to `target`, replacing an earlier one (whatever state its folder is
   * in) and forgetting its id when its record tells it.
   */
  async putInPlace(staging, target) {
    const replaced = await readRecord2(target);
    const trash = `${target}.replaced-${randomBytes(6).toString("hex")}`;
    const movedAside = await rename(target, trash).then(
      () => true,
      (error) => {
        if (error.code === "ENOENT") return false;
        throw error;
      }
    );
    await rename(staging, target);
    if (movedAside) await rm(trash, { recursive: true, force: true });
    if ("artifact" in replaced) await rm(join2(this.root, "ids", String(replaced.artifact.id)), { force: true });
  }
  async locate(artifactId, runId) {
    const notHere = /* @__PURE__ */ __name(() => new UserError(`Artifact ${artifactId} of run ${runId} is not in ${this.root}`), "notHere");
    const idFile = join2(this.root, "ids", String(artifactId));
    const location = await readFile(idFile, "utf8").catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw new UserError(`${idFile}: it cannot be read (${error.message}), so artifact ${artifactId} cannot be found; run the training again`);
    });
    if (!location?.startsWith(`${runId}/`)) throw notHere();
    const directory = join2(this.root, location);
    const record = await readRecord2(directory);
    if (!("artifact" in record)) {
      if (record.problem === void 0) throw notHere();
      throw new UserError(`${recordFile(directory)}: ${record.problem}, so artifact ${artifactId} of run ${runId} cannot be used; delete ${directory}, or run the training again`);
    }
    if (record.artifact.id !== artifactId) throw notHere();
    return { directory, artifact: record.artifact };
  }
};
function recordFile(directory) {
  return join2(directory, "artifact.json");
}
__name(recordFile, "recordFile");
async function readRecord2(directory) {
  let text;
  try {
    text = await readFile(recordFile(directory), "utf8");
  } catch (error) {
    const { code, message } = error;
    return code === "ENOENT" || code === "ENOTDIR" ? {} : { problem: `it cannot be read (${message})` };
  }
  let record;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not valid JSON (${error.message})` };
  }
  const { id, name, size, digest } = record ?? {};
  if (typeof id !== "number" || typeof name !== "string" || typeof size !== "number" || typeof digest !== "string") {
    return { problem: 'it is not an artifact record (a number "id" and "size", a string "name" and "digest")' };
  }
  return { artifact: { id, name, size, digest } };
}
__name(readRecord2, "readRecord");
function relativeInside(root, file) {
  const path = relative(root, file);
  if (path === "" || path.startsWith("..") || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`);
  return path.split(sep).join("/");
}
__name(relativeInside, "relativeInside");
async function filesBelow(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join2(entry.parentPath, entry.name)).split(sep).join("/"));
}
__name(filesBelow, "filesBelow");
async function digestOf(directory, paths) {
  const hash = createHash("sha256");
  let size = 0;
  const ordered = [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const path of ordered) {
    const file = join2(directory, path);
    const bytes = (await stat(file)).size;
    hash.update(`${path}\0${bytes}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk);
    size += bytes;
  }
  return { size, digest: `sha256:${hash.digest("hex")}` };
}
__name(digestOf, "digestOf");
async function copyReplacing(source, target) {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  await copyFile(source, target, constants.COPYFILE_FICLONE);
}
__name(copyReplacing, "copyReplacing");

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
function gitlabRunContext(env, options) {
  if (options.base !== void 0 || options.models !== void 0) {
    throw new UsageError(
      `option --${options.base !== void 0 ? "base" : "models"} is for local runs: in a GitLab CI job (GITLAB_CI=true) detect reads the pipeline's variables; set ${GITLAB_MODELS_VARIABLE} on a web, API or scheduled pipeline to choose the models`
    );
  }
  const gitlab = readGitLabContext(env);
  const context = options.defaultBranch === void 0 ? gitlab.context : { ...gitlab.context, defaultBranch: options.defaultBranch };
  return {
    context,
    headBranch: gitlab.headBranch,
    models: gitlab.models,
    description: `GitLab CI, ${gitlab.description}`,
    modelsShownAs: `variable ${GITLAB_MODELS_VARIABLE}`,
    checkoutAdvice: "keep GitLab's checkout of the job (GIT_STRATEGY fetch or clone, not none; any GIT_DEPTH, detect deepens it) with its origin remote, whose CI_JOB_TOKEN lets detect fetch"
  };
}
__name(gitlabRunContext, "gitlabRunContext");
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
function warnIfUncommitted(workspace) {
  const files = workspace.uncommittedFiles;
  if (files.length === 0) return files;
  const shown = files.slice(0, 3).join(", ") + (files.length > 3 ? ` and ${files.length - 3} more` : "");
  workspace.ports.logger.warning(
    `${files.length} file(s) have uncommitted changes (${shown}): the models to train are picked from commits, while model-ci.yml and each model.yml are read as checked out; a model with uncommitted changes (in its folder, its watch or shared files, or model-ci.yml) trains from the files as they are checked out, without the run-cache; commit the changes to have them counted`
  );
  return files;
}
__name(warnIfUncommitted, "warnIfUncommitted");

export {
  LOCAL_WORKFLOW_ID,
  FsWorkflowRuns,
  FsArtifactStore,
  localRunContext,
  gitlabRunContext,
  trainRunOf,
  noSuchRun,
  warnIfUncommitted
};
