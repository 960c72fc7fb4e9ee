import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MANIFEST_FILE,
  artifactName,
  downloadManifest
} from "./chunk-54F34Y4H.js";
import {
  newestLedger
} from "./chunk-KI7WHRU4.js";
import {
  completedPromotions,
  rollbackTarget
} from "./chunk-Z62BL5T3.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/commands/promote/version-request.ts
var VERSION_LABEL = /^\d{4}\.\d{2}\.\d{2}-\d{6}-[0-9a-f]{7}-r([1-9]\d{0,15})(?:\.a[1-9]\d{0,5})?$/;
var DIGITS = /^[1-9]\d{0,15}$/;
var COMMIT = /^[0-9a-f]{7,40}$/;
function parseVersionRequest(text) {
  const version = text.trim();
  if (version === "latest" || version === "") return { kind: "latest" };
  if (version === "previous") return { kind: "previous" };
  const label = VERSION_LABEL.exec(version);
  if (label) return { kind: "label", label: version, runId: Number(label[1]) };
  if (DIGITS.test(version) && Number.isSafeInteger(Number(version))) {
    return COMMIT.test(version) ? { kind: "run", runId: Number(version), orCommit: version } : { kind: "run", runId: Number(version) };
  }
  const lower = version.toLowerCase();
  if (COMMIT.test(lower)) return { kind: "commit", sha: lower };
  return void 0;
}
__name(parseVersionRequest, "parseVersionRequest");
var VERSION_FORMS = "a run id, a commit sha (7 to 40 hex digits), a version label such as 2026.11.27-100000-3f2a9c1-r812, latest or previous";

// src/commands/promote/resolve-version.ts
var RUNS_LOOKED_AT = 100;
var RUNS_OF_A_COMMIT = 20;
var VERSIONS_NAMED = 5;
async function resolveVersion(ports, context) {
  const request = parseVersionRequest(context.version);
  const resolver = new Resolver(ports, context);
  if (!request) throw await resolver.unresolved(`it is not ${VERSION_FORMS}`);
  return resolver.resolve(request);
}
__name(resolveVersion, "resolveVersion");
var Resolver = class {
  constructor(ports, context) {
    this.ports = ports;
    this.context = context;
  }
  ports;
  context;
  static {
    __name(this, "Resolver");
  }
  ledger;
  get artifactName() {
    return artifactName(this.context.model);
  }
  async resolve(request) {
    switch (request.kind) {
      case "latest":
        return this.latest();
      case "previous":
        return this.previous();
      case "label":
        return this.fromRun(request.runId, { expectedVersion: request.label, foundAs: `version ${request.label}` });
      case "run": {
        const run = await this.ports.runs.get(request.runId);
        if (run || request.orCommit === void 0) return this.fromRun(request.runId, { foundAs: `run ${request.runId}`, run });
        return this.fromCommit(request.orCommit);
      }
      case "commit":
        return this.fromCommit(request.sha);
    }
  }
  /** The model in the newest ledger of the default branch. */
  async latest() {
    const { model, defaultBranch } = this.context;
    const found = await this.newestLedger();
    if (!found) {
      throw await this.unresolved(`no push to ${defaultBranch} has recorded a ledger yet (the report job writes it); run the workflow on ${defaultBranch} first`);
    }
    const entry = Object.hasOwn(found.ledger.models, model) ? found.ledger.models[model] : void 0;
    if (!entry) {
      const models = Object.keys(found.ledger.models);
      throw await this.unresolved(
        `the newest ledger of ${defaultBranch} (run ${found.run.id}) has no model ${model}; it has ${models.length === 0 ? "none" : models.slice(0, 20).join(", ")}`
      );
    }
    const foundAs = `latest on ${defaultBranch} (the ledger of run ${found.run.id})`;
    const source = await this.ledgerArtifact(found, entry, foundAs);
    if (source.artifact.digest !== entry.digest) {
      throw new UserError(
        `${this.artifactName} of run ${source.run.id} has digest ${source.artifact.digest} on GitHub, but the ledger of run ${found.run.id} records ${entry.digest}; the ledger does not describe this artifact, so it was not promoted; give the run id to promote what GitHub holds`
      );
    }
    return source;
  }
  /** The artifact a ledger entry names, in the run that holds it (see LedgerEntry.artifact_run_id). */
  async ledgerArtifact(found, entry, foundAs) {
    const runId = entry.artifact_run_id;
    const run = runId === found.run.id ? found.run : await this.ports.runs.get(runId);
    const listing = run && await this.ports.artifacts.list(run.id, { name: this.artifactName });
    const artifact = listing?.find((listed) => listed.id === entry.artifact_id);
    if (run && artifact) return this.sourceOf(run, artifact, { expectedVersion: entry.version, foundAs });
    throw await this.unresolved(
      `the ledger of run ${found.run.id} names artifact ${this.artifactName} (id ${entry.artifact_id}) of run ${runId}, which GitHub no longer has (it may have expired or been deleted)`
    );
  }
  /** The version live in the environment before the current one. */
  async previous() {
    const { model, environment } = this.context;
    const records = this.context.records.get(environment) ?? [];
    const target = rollbackTarget(records, model);
    if (!target) {
      const live = completedPromotions(records, model)[0];
      const now = live ? `only ${live.payload.version} has been live there` : "nothing of it has been live there";
      throw await this.unresolved(`"previous" rolls back to the version live in ${environment} before the current one, and ${now}`);
    }
    const payload = target.payload;
    const source = await this.fromRun(payload.run_id, {
      expectedVersion: payload.version,
      foundAs: `previous in ${environment} (deployment ${target.deploymentId})`
    });
    if (source.artifact.digest !== payload.digest) {
      throw new UserError(
        `${this.artifactName} of run ${payload.run_id} has digest ${source.artifact.digest} on GitHub, but deployment ${target.deploymentId} in ${environment} recorded ${payload.digest}; it is not the artifact that was live, so it was not promoted`
      );
    }
    return { ...source, rollback: true };
  }
  /** The runs of commit `sha` (a prefix when short), the default branch's successful push runs first. */
  async fromCommit(sha) {
    const { defaultBranch } = this.context;
    const runs = sha.length === 40 ? await this.ports.runs.listCompleted({ headSha: sha, limit: RUNS_OF_A_COMMIT }) : (await this.ports.runs.listCompleted({ branch: defaultBranch, event: "push", limit: RUNS_LOOKED_AT })).filter((run) => run.headSha.startsWith(sha));
    const commits = new Set(runs.map((run) => run.headSha));
    if (commits.size > 1) {
      throw await this.unresolved(`commit ${sha} is ambiguous: runs of ${[...commits].slice(0, 5).join(", ")} match it; give more of the sha`);
    }
    const preferred = /* @__PURE__ */ __name((run) => Number(run.event === "push" && run.headBranch === defaultBranch && run.conclusion === "success"), "preferred");
    const ordered = [...runs].sort((a, b) => preferred(b) - preferred(a));
    for (const run of ordered) {
      const [artifact] = await this.ports.artifacts.list(run.id, { name: this.artifactName });
      if (artifact) return this.sourceOf(run, artifact, { foundAs: `commit ${run.headSha.slice(0, 7)} (run ${run.id})` });
    }
    const searched = sha.length === 40 ? "its completed runs" : `the newest ${RUNS_LOOKED_AT} push runs of ${defaultBranch}`;
    throw await this.unresolved(
      runs.length === 0 ? `no completed run of commit ${sha} was found among ${searched}` : `no completed run of commit ${sha} has an artifact ${this.artifactName}`
    );
  }
  /** The model's artifact in run `runId`. */
  async fromRun(runId, options) {
    const run = options.run ?? await this.ports.runs.get(runId);
    if (!run) throw await this.unresolved(`there is no workflow run ${runId} in this repository`);
    const [artifact] = await this.ports.artifacts.list(run.id, { name: this.artifactName });
    if (!artifact) throw await this.unresolved(`run ${run.id} has no artifact ${this.artifactName} (it may have expired or been deleted)`);
    return this.sourceOf(run, artifact, options);
  }
  sourceOf(run, artifact, options) {
    if (artifact.digest === void 0) {
      throw new UserError(
        `${artifact.name} of run ${run.id} has no digest on GitHub (it was uploaded by an older tool), so its content cannot be verified and it is not promoted; train the model again`
      );
    }
    return {
      run,
      artifact: { id: artifact.id, name: artifact.name, digest: artifact.digest },
      expectedVersion: options.expectedVersion,
      foundAs: options.foundAs,
      rollback: false
    };
  }
  newestLedger() {
    this.ledger ??= newestLedger(this.ports, { branch: this.context.defaultBranch });
    return this.ledger;
  }
  /** The error for a version that does not resolve: why, and the newest versions of the model that exist. */
  async unresolved(reason) {
    const { model, version } = this.context;
    const known = await this.knownVersions();
    const exists = known.length === 0 ? `no version of ${model} is known yet` : `the newest versions of ${model}: ${known.join(", ")}`;
    return new UserError(`version ${showUntrusted(version, 60)} does not resolve to a training of ${model}: ${reason}; ${exists}`);
  }
  /** The newest versions named by the default branch's ledger and the promotion records read. */
  async knownVersions() {
    const { model, defaultBranch } = this.context;
    const notes = /* @__PURE__ */ new Map();
    const note = /* @__PURE__ */ __name((version, where) => notes.set(version, [...notes.get(version) ?? [], where]), "note");
    let found;
    try {
      found = await this.newestLedger();
    } catch (error) {
      this.ports.logger.debug(`The ledger could not be read to name the versions of ${model}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const entry = found && Object.hasOwn(found.ledger.models, model) ? found.ledger.models[model] : void 0;
    if (entry) note(entry.version, `latest on ${defaultBranch}`);
    for (const [environment, records] of this.context.records) {
      completedPromotions(records, model).forEach((record, index) => note(record.payload.version, index === 0 ? `live in ${environment}` : `was in ${environment}`));
    }
    return [...notes.keys()].sort().reverse().slice(0, VERSIONS_NAMED).map((version) => `${version} (${notes.get(version).join(", ")})`);
  }
};

// src/commands/promote/verify.ts
import { join } from "node:path";
var OUTPUTS_FOLDER = "outputs";
async function downloadVerified(ports, source, destination) {
  await ports.files.remove(destination);
  try {
    return await verifiedDownload(ports, source, destination);
  } catch (error) {
    await ports.files.remove(destination);
    throw error;
  }
}
__name(downloadVerified, "downloadVerified");
async function verifiedDownload(ports, source, destination) {
  const { artifact, runId } = source;
  const name = `artifact ${artifact.name} (id ${artifact.id}) of run ${runId}`;
  const manifest = await downloadManifest(ports, { runId, artifact, name }, destination);
  if (manifest.model !== source.model) {
    throw refusal(name, `its manifest is for model ${showUntrusted(manifest.model, 100)}, not ${source.model}`);
  }
  if (manifest.status !== "success") {
    throw refusal(name, `its training failed in the ${manifest.failure?.phase ?? "unknown"} phase, so there is no model to promote`);
  }
  if (source.expectedVersion !== void 0 && manifest.version !== source.expectedVersion) {
    throw refusal(name, `its manifest has version ${manifest.version}, not ${showUntrusted(source.expectedVersion, 100)}`);
  }
  const present = await ports.hashTree(destination);
  checkFiles(manifest.files, present, name);
  const modelDir = join(destination, OUTPUTS_FOLDER);
  await ports.files.makeDir(modelDir);
  return { manifest, modelDir };
}
__name(verifiedDownload, "verifiedDownload");
function checkFiles(listed, present, name) {
  const found = new Map(present.map((file) => [file.path, file]));
  found.delete(MANIFEST_FILE);
  for (const expected of listed) {
    const path = `${OUTPUTS_FOLDER}/${expected.path}`;
    const file = found.get(path);
    if (!file) throw refusal(name, `${showUntrusted(path, 200)} is listed in its manifest but missing`);
    if (file.size !== expected.size) {
      throw refusal(name, `${showUntrusted(path, 200)} is ${file.size} bytes, but the manifest says ${expected.size}: it changed after the training`);
    }
    if (file.sha256 !== expected.sha256) {
      throw refusal(name, `${showUntrusted(path, 200)} has sha256 ${file.sha256}, but the manifest says ${expected.sha256}: it changed after the training`);
    }
    found.delete(path);
  }
  const [extra] = found.keys();
  if (extra !== void 0) {
    const more = found.size > 1 ? ` and ${found.size - 1} more file(s)` : "";
    throw refusal(name, `${showUntrusted(extra, 200)}${more} is not listed in its manifest`);
  }
}
__name(checkFiles, "checkFiles");
function refusal(name, reason) {
  return new UserError(`${name} failed verification and was not promoted: ${reason}`);
}
__name(refusal, "refusal");

export {
  resolveVersion,
  downloadVerified
};
