import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  PROMOTION_TASK,
  parsePromotionPayload
} from "./chunk-EMP222YU.js";
import {
  createRecord,
  readRecord,
  recordIds,
  replaceRecord
} from "./chunk-ZLODL65B.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-ULXBQXHO.js";

// src/adapters/local/fs-deployments.ts
import { join } from "node:path";
var FsDeployments = class {
  /** `creator` is who promotes: the CLI passes git's user.name, or the OS user. */
  constructor(repositoryRoot, creator, now = () => /* @__PURE__ */ new Date()) {
    this.creator = creator;
    this.now = now;
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, "deployments");
  }
  creator;
  now;
  directory;
  async list(environment, options) {
    const records = [];
    for (const id of await recordIds(this.directory)) {
      if (records.length >= options.limit) break;
      const file = await this.read(id);
      if (!file || file.environment !== environment || file.task !== PROMOTION_TASK) continue;
      const payload = parsePromotionPayload(file.payload);
      if (!payload) continue;
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
    const file = await this.read(deploymentId);
    if (!file) throw new Error(`deployment ${deploymentId} is not in ${this.directory}`);
    file.statuses.push({ state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() });
    await replaceRecord(this.directory, deploymentId, file);
  }
  /** Record `id`, or undefined when it is missing or not a deployment record (its payload is checked by the caller). */
  async read(id) {
    const value = await readRecord(this.directory, id).catch(() => void 0);
    const wellFormed = typeof value === "object" && value !== null && value.id === id && typeof value.environment === "string" && typeof value.task === "string" && typeof value.creator === "string" && typeof value.created_at === "string" && Array.isArray(value.statuses) && value.statuses.every((status) => typeof status?.state === "string" && typeof status.created_at === "string");
    return wellFormed ? value : void 0;
  }
};

export {
  FsDeployments
};
