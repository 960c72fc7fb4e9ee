import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  requiredEnv
} from "./chunk-EBBZ3WWD.js";
import {
  isNotFound,
  requestStatus
} from "./chunk-GBAWM62K.js";
import {
  UserError,
  showUntrusted
} from "./chunk-625YEXAI.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/adapters/github/artifact-store.ts
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
var TRANSIENT_RETRIES = 3;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var GitHubArtifactStore = class {
  constructor(options) {
    this.options = options;
  }
  options;
  static {
    __name(this, "GitHubArtifactStore");
  }
  loadedClient;
  async upload(name, rootDirectory, files, options) {
    const client = await this.client();
    if (this.options.runAttempt > 1) await this.deleteIfPresent(name);
    const upload = /* @__PURE__ */ __name(async () => {
      try {
        return await client.uploadArtifact(name, files, rootDirectory, options);
      } catch (error) {
        if (!isNameConflict(error)) throw error;
        this.options.logger.info(`Artifact "${name}" already exists in this run; replacing it`);
        await this.deleteIfPresent(name);
        return client.uploadArtifact(name, files, rootDirectory, options);
      }
    }, "upload");
    let result;
    try {
      result = await this.retryingTransientFailures(`Upload of artifact "${name}"`, upload, isResultsServiceError);
    } catch (error) {
      const reason = messageOf(error).split("\n")[0];
      throw new UserError(`artifact "${name}" could not be uploaded: ${reason}; re-run the job (GitHub's artifact storage may be having trouble)`, {
        cause: error
      });
    }
    const { id, size, digest } = result;
    if (id === void 0 || size === void 0 || digest === void 0) {
      throw new Error(`The upload of artifact "${name}" returned no id, size or digest`);
    }
    return { id, name, size, digest: `sha256:${digest}` };
  }
  async list(runId) {
    const client = await this.client();
    const { artifacts } = await client.listArtifacts({ latest: true, ...this.findOptions(runId) });
    return artifacts.map(({ id, name, size, digest }) => digest ? { id, name, size, digest } : { id, name, size });
  }
  async download(artifactId, destination, options = {}) {
    const { runId, expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    const client = await this.client();
    await mkdir(dirname(destination), { recursive: true });
    const staging = await mkdtemp(join(dirname(destination), `.${basename(destination)}.download-`));
    try {
      const { digestMismatch } = await this.retryingTransientFailures(`Download of artifact ${artifactId}`, async () => {
        await rm(staging, { recursive: true, force: true });
        await mkdir(staging);
        return client.downloadArtifact(artifactId, { path: staging, expectedHash: expectedDigest, ...this.findOptions(runId) });
      });
      if (digestMismatch) {
        const artifact = await this.describe(artifactId, runId);
        throw new UserError(
          `${artifact} does not match its digest ${expectedDigest}: its content changed after it was uploaded, so it was not used. Run the training that produced it again.`
        );
      }
      await moveInto(staging, destination);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  client() {
    this.loadedClient ??= import("./artifact-XWXOFI4V.js").then((artifact) => new artifact.DefaultArtifactClient());
    return this.loadedClient;
  }
  /** This run's artifacts go through the results service; another run's need the REST API. */
  findOptions(runId) {
    if (runId === void 0 || runId === this.options.runId) return {};
    const { token, repository } = this.options;
    return { findBy: { token, workflowRunId: runId, repositoryOwner: repository.owner, repositoryName: repository.repo } };
  }
  async deleteIfPresent(name) {
    const client = await this.client();
    try {
      const { id } = await client.deleteArtifact(name);
      this.options.logger.info(`Deleted artifact "${name}" (id ${id}) left by an earlier attempt of this run`);
    } catch (error) {
      if (!isNotFound2(error)) throw error;
    }
  }
  /**
   * The results-service client gives up at once on a dropped connection (uploads and downloads),
   * and with `findBy` the request that redirects to blob storage is not retried at all: retry
   * those here.
   */
  async retryingTransientFailures(what, work, retriable = () => true) {
    const baseDelayMs = this.options.retryDelayMs ?? 1e3;
    for (let retry = 0; ; retry += 1) {
      try {
        return await work();
      } catch (error) {
        if (retry === TRANSIENT_RETRIES || !isTransient(error) || !retriable(error)) throw error;
        const delayMs = baseDelayMs * 2 ** retry;
        this.options.logger.info(`${what} failed (${messageOf(error)}); retry ${retry + 1} of ${TRANSIENT_RETRIES} in ${delayMs} ms`);
        await sleep(delayMs);
      }
    }
  }
  /** `artifact "name" (id N) of run R` when the name can be found, for messages. */
  async describe(artifactId, runId) {
    const run = runId === void 0 ? "" : ` of run ${runId}`;
    try {
      const found = (await this.list(runId)).find((artifact) => artifact.id === artifactId);
      if (found) return `Artifact "${found.name}" (id ${artifactId})${run}`;
    } catch (error) {
      this.options.logger.debug(`Could not look up the name of artifact ${artifactId}: ${messageOf(error)}`);
    }
    return `Artifact ${artifactId}${run}`;
  }
};
async function moveInto(source, target) {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory() && await isDirectory(to)) {
      await moveInto(from, to);
    } else {
      await rm(to, { recursive: true, force: true });
      await rename(from, to);
    }
  }
}
__name(moveInto, "moveInto");
async function isDirectory(path) {
  return (await stat(path).catch(() => void 0))?.isDirectory() ?? false;
}
__name(isDirectory, "isDirectory");
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(messageOf, "messageOf");
function isNameConflict(error) {
  return /\(409\)|already exists/i.test(messageOf(error));
}
__name(isNameConflict, "isNameConflict");
function isResultsServiceError(error) {
  return /^Failed to [A-Z][A-Za-z]+Artifact\b/.test(messageOf(error));
}
__name(isResultsServiceError, "isResultsServiceError");
function isNotFound2(error) {
  return error instanceof Error && error.name === "ArtifactNotFoundError" || /\(404\)/.test(messageOf(error));
}
__name(isNotFound2, "isNotFound");
function isTransient(error) {
  const status = requestStatus(error);
  if (status !== void 0) return status >= 500;
  return /\(5\d\d\)|blob storage: 5\d\d|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|other side closed/i.test(messageOf(error));
}
__name(isTransient, "isTransient");

// src/adapters/github/branch-history.ts
var GitHubBranchHistory = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubBranchHistory");
  }
  tips = /* @__PURE__ */ new Map();
  answers = /* @__PURE__ */ new Map();
  contains(branch, sha) {
    const key = `${branch}\0${sha}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(branch, sha);
      void answer.catch(() => this.answers.delete(key));
      this.answers.set(key, answer);
    }
    return answer;
  }
  async ask(branch, sha) {
    const tip = await this.tipOf(branch);
    if (tip === void 0) return false;
    if (tip === sha) return true;
    try {
      const { data } = await this.client.rest.repos.compareCommitsWithBasehead({ ...this.repository, basehead: `${sha}...${tip}`, per_page: 1 });
      return data.status === "ahead" || data.status === "identical";
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
  tipOf(branch) {
    let tip = this.tips.get(branch);
    if (!tip) {
      tip = this.client.rest.repos.getBranch({ ...this.repository, branch }).then(
        ({ data }) => data.commit.sha,
        (error) => {
          if (isNotFound(error)) return void 0;
          throw error;
        }
      );
      void tip.catch(() => this.tips.delete(branch));
      this.tips.set(branch, tip);
    }
    return tip;
  }
};

// src/adapters/github/workflow-context.ts
function runAttempt(env) {
  const id = positiveInteger("GITHUB_RUN_ID", requiredEnv("GITHUB_RUN_ID", env));
  const attempt = env.GITHUB_RUN_ATTEMPT ? positiveInteger("GITHUB_RUN_ATTEMPT", env.GITHUB_RUN_ATTEMPT) : 1;
  return { id, attempt };
}
__name(runAttempt, "runAttempt");
function currentRun(env) {
  const { id, attempt } = runAttempt(env);
  const serverUrl = requiredEnv("GITHUB_SERVER_URL", env).replace(/\/+$/, "");
  const repository = requiredEnv("GITHUB_REPOSITORY", env);
  return { id, attempt, url: `${serverUrl}/${repository}/actions/runs/${id}`, workflowName: requiredEnv("GITHUB_WORKFLOW", env) };
}
__name(currentRun, "currentRun");
function positiveInteger(name, value) {
  const number = /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new UserError(`environment variable ${name} is ${showUntrusted(value, 40)}, not a whole number above 0; model-ci reads the value the GitHub Actions runner sets`);
  }
  return number;
}
__name(positiveInteger, "positiveInteger");

// src/adapters/github/workflow-runs.ts
var PER_PAGE = 100;
var GitHubWorkflowRuns = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubWorkflowRuns");
  }
  async get(runId) {
    try {
      const { data } = await this.client.rest.actions.getWorkflowRun({ ...this.repository, run_id: runId });
      return toWorkflowRun(data);
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  async listCompleted(filter) {
    if (filter.limit <= 0) return [];
    const query = {
      ...this.repository,
      status: "completed",
      branch: filter.branch,
      event: filter.event,
      head_sha: filter.headSha,
      per_page: PER_PAGE
    };
    const runs = [];
    const pages = filter.workflowId === void 0 ? this.client.paginate.iterator(this.client.rest.actions.listWorkflowRunsForRepo, query) : this.client.paginate.iterator(this.client.rest.actions.listWorkflowRuns, { ...query, workflow_id: filter.workflowId });
    for await (const page of pages) {
      for (const run of page.data) {
        runs.push(toWorkflowRun(run));
        if (runs.length >= filter.limit) return runs;
      }
    }
    return runs;
  }
  async listJobs(runId) {
    const jobs = await this.client.paginate(this.client.rest.actions.listJobsForWorkflowRun, { ...this.repository, run_id: runId, filter: "latest", per_page: PER_PAGE });
    return jobs.flatMap((job) => job.html_url ? [{ name: job.name, conclusion: job.conclusion, url: job.html_url }] : []);
  }
};
function toWorkflowRun(run) {
  return {
    id: run.id,
    workflowId: run.workflow_id,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    // The schema calls it required, but a deleted fork's runs come without it.
    headRepository: run.head_repository?.full_name ?? null,
    event: run.event,
    // GitHub always gives a status; the schema allows null.
    status: run.status ?? "unknown",
    conclusion: run.conclusion,
    createdAt: run.created_at,
    url: run.html_url
  };
}
__name(toWorkflowRun, "toWorkflowRun");

export {
  GitHubArtifactStore,
  GitHubBranchHistory,
  runAttempt,
  currentRun,
  GitHubWorkflowRuns
};
