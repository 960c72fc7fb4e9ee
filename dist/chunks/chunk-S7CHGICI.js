import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  createRecord,
  readRecord,
  recordIds,
  recordPath,
  replaceRecord
} from "./chunk-I4YPZPFZ.js";
import {
  PROMOTION_TASK,
  parsePromotionPayload
} from "./chunk-CPDECAPN.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-LYO4JN6R.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/local/fs-deployments.ts
import { join } from "node:path";
var FsDeployments = class {
  /** `creator` is who promotes: the CLI passes git's user.name, or the OS user. */
  constructor(repositoryRoot, creator, logger, now = () => /* @__PURE__ */ new Date()) {
    this.creator = creator;
    this.logger = logger;
    this.now = now;
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, "deployments");
  }
  creator;
  logger;
  now;
  static {
    __name(this, "FsDeployments");
  }
  directory;
  /** Records already warned about, so that each is told once however often it is listed. */
  warned = /* @__PURE__ */ new Set();
  /** Every record in `.model-ci/deployments/` is this checkout's own, whoever's name it carries: `creators` is not needed. */
  async list(environment, options) {
    const records = [];
    for (const id of await recordIds(this.directory)) {
      if (records.length >= options.limit) break;
      const read = await this.read(id);
      if (read === void 0) continue;
      if ("problem" in read) {
        this.warnOnce(id, read.problem);
        continue;
      }
      const { file } = read;
      if (file.environment !== environment || file.task !== PROMOTION_TASK) continue;
      const payload = parsePromotionPayload(file.payload);
      if (!payload) {
        this.warnOnce(id, "its payload is not one model-ci writes (a field is missing or not valid)");
        continue;
      }
      const newest = file.statuses.at(-1);
      records.push({
        deploymentId: id,
        environment: file.environment,
        payload,
        creator: file.creator,
        createdAt: file.created_at,
        state: newest?.state ?? null,
        stateAt: newest?.created_at ?? null,
        logUrl: [...file.statuses].reverse().find((status) => status.log_url !== null)?.log_url ?? null
      });
    }
    return records;
  }
  async create(environment, payload, description) {
    const createdAt = this.now().toISOString();
    return createRecord(this.directory, (id) => ({
      schema: 1,
      id,
      environment,
      task: PROMOTION_TASK,
      sha: payload.sha,
      payload,
      description,
      creator: this.creator,
      created_at: createdAt,
      statuses: []
    }));
  }
  async setStatus(deploymentId, state, options) {
    const read = await this.read(deploymentId);
    if (read === void 0) throw new Error(`deployment ${deploymentId} is not in ${this.directory}`);
    if ("problem" in read) {
      throw new UserError(`${recordPath(this.directory, deploymentId)}: ${read.problem}, so the ${state} status of deployment ${deploymentId} was not recorded; delete the file or restore it`);
    }
    const { file } = read;
    file.statuses.push({ state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() });
    await replaceRecord(this.directory, deploymentId, file);
  }
  warnOnce(id, problem) {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.logger.warning(
      `${recordPath(this.directory, id)}: ${problem}, so it is left out of the promotion records (the history, and the live and previous versions are worked out without it); delete the file or restore it`
    );
  }
  /**
   * Record `id`, undefined when there is none, or why the file is not a deployment record (its
   * payload is checked by the caller).
   */
  async read(id) {
    let value;
    try {
      value = await readRecord(this.directory, id);
    } catch (error) {
      const message = error.message;
      return { problem: error instanceof SyntaxError ? `it is not valid JSON (${message})` : `it cannot be read (${message})` };
    }
    if (value === void 0) return void 0;
    const wellFormed = typeof value === "object" && value !== null && value.id === id && typeof value.environment === "string" && typeof value.task === "string" && typeof value.creator === "string" && typeof value.created_at === "string" && Array.isArray(value.statuses) && value.statuses.every((status) => typeof status?.state === "string" && typeof status.created_at === "string");
    return wellFormed ? { file: value } : { problem: "it is not a deployment record of this version of model-ci (a field is missing or not valid)" };
  }
};

export {
  FsDeployments
};
