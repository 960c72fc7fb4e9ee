import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  moveAlias,
  prepareAliasMove,
  registryFailure,
  restoreAlias,
  withRegistryVersions
} from "./chunk-HYDEFU74.js";
import {
  MANIFEST_FILE,
  artifactName,
  downloadManifest
} from "./chunk-JRF4NMXK.js";
import {
  RECORDS_LOOKED_AT,
  promotionHistory,
  renderHistory
} from "./chunk-GTP67OPP.js";
import {
  commitUrl,
  link,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  newestLedger
} from "./chunk-FFXDAWW4.js";
import {
  completedPromotions,
  environmentBefore,
  environmentRefusal,
  firstBrokenRule,
  listedEnvironment,
  livePromotion,
  rollbackTarget
} from "./chunk-Z62BL5T3.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-SYJRFNCZ.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/auto-promotion.ts
var AUTO_VERSION = "auto";
var METRICS_NAMED = 3;
function autoPromotionPlan(models) {
  const candidates = [];
  const skipped = [];
  for (const model of models) {
    const { comparison, head } = model;
    const name = comparison.model;
    const reason = skipReason(model);
    if (reason !== void 0) skipped.push({ model: name, reason, ...head && { version: head.version } });
    else if (comparison.status !== "removed" && head) candidates.push({ model: name, version: head.version });
  }
  return { candidates, skipped };
}
__name(autoPromotionPlan, "autoPromotionPlan");
function skipReason(model) {
  const { comparison, head } = model;
  switch (comparison.status) {
    case "removed":
      return void 0;
    case "missing":
      return "no training came back from this run (the job was cancelled or failed before it uploaded the model)";
    case "failed": {
      if (model.problem !== void 0) return `its artifact could not be used: ${showUntrusted(model.problem, 200)}`;
      const failure = head?.failure;
      if (!failure) return "its training failed";
      const exit = failure.exit_code === null ? "" : ` (exit code ${failure.exit_code})`;
      return `its training failed in the ${failure.phase} phase${exit}: ${showUntrusted(failure.message, 200)}`;
    }
    default:
      break;
  }
  if (comparison.gateFailures === 0) return void 0;
  const failed = comparison.metrics.filter((metric) => metric.gateFailed);
  const named = failed.slice(0, METRICS_NAMED).map((metric) => `${showUntrusted(metric.name, 60)} ${metric.base} \u2192 ${metric.head}`);
  const more = failed.length > METRICS_NAMED ? ` and ${failed.length - METRICS_NAMED} more` : "";
  return `a gated metric regressed beyond its tolerance: ${named.join(", ")}${more}`;
}
__name(skipReason, "skipReason");
function autoRunRefusal(context) {
  const { trigger, defaultBranch } = context;
  if (trigger.kind === "push" && trigger.ref === `refs/heads/${defaultBranch}`) return void 0;
  const what = trigger.kind === "push" ? `a push to ${showUntrusted(trigger.ref.replace(/^refs\/heads\//, ""), 100)}` : `a ${context.eventName.replace(/[^\w-]/g, "")} run`;
  return `version "${AUTO_VERSION}" promotes what a push to ${defaultBranch} trained, and this is ${what}; run it in the push workflow's job after report, or give a run id, commit, version label, latest or previous`;
}
__name(autoRunRefusal, "autoRunRefusal");
function autoTargets(requested, environments, autoEnvironments) {
  if (requested === void 0 || requested === "") return [...autoEnvironments];
  const listed = listedEnvironment(requested, environments);
  if (listed === void 0) {
    return { refusal: `environment ${showUntrusted(requested, 100)} is not one of the environments in model-ci.yml (${environments.join(", ")})` };
  }
  return listedEnvironment(listed, autoEnvironments) === void 0 ? [] : [listed];
}
__name(autoTargets, "autoTargets");
function noAutoEnvironment(requested, environments) {
  const which = requested === void 0 || requested === "" ? "no environment is" : `${listedEnvironment(requested, environments) ?? requested} is not`;
  return `${which} marked auto: true in model-ci.yml, so nothing is promoted automatically (write an environment as { name: staging, auto: true } under "environments" to turn it on)`;
}
__name(noAutoEnvironment, "noAutoEnvironment");

// src/commands/promote/record.ts
async function recordPromotion(deployments, logger, options) {
  const { environment, payload } = options;
  const what = `${payload.model} ${payload.version} to ${environment}`;
  let deploymentId;
  try {
    deploymentId = await deployments.create(environment, payload, options.description);
  } catch (error) {
    throw new UserError(`the promotion of ${what} was not recorded: ${reasonOf(error)}; nothing was promoted, so run the promotion again`, { cause: error });
  }
  const alongside = options.alongside;
  if (alongside) {
    try {
      await alongside.apply(deploymentId);
    } catch (error) {
      const marked = await markFailed(deployments, logger, deploymentId, options.logUrl);
      throw new UserError(
        `the promotion of ${what} was not recorded: ${alongside.what} failed (${reasonOf(error)}); deployment ${deploymentId} ${marked ? "is marked as an error" : "has no status"} and is not live, so run the promotion again`,
        { cause: error }
      );
    }
  }
  try {
    await deployments.setStatus(deploymentId, "success", { logUrl: options.logUrl, description: `Promoted ${payload.version}` });
  } catch (error) {
    if (alongside) await undoAlongside(alongside, logger);
    const marked = await markFailed(deployments, logger, deploymentId, options.logUrl);
    throw new UserError(
      `the promotion of ${what} was not recorded: deployment ${deploymentId} was created, but its success status could not be set (${reasonOf(error)}); ${marked ? "it is marked as an error" : "it has no status"} and is not live, so run the promotion again`,
      { cause: error }
    );
  }
  return deploymentId;
}
__name(recordPromotion, "recordPromotion");
async function undoAlongside(alongside, logger) {
  try {
    await alongside.undo();
  } catch (error) {
    logger.warning(`${alongside.what} could not be undone (${reasonOf(error)}); undo it by hand`);
  }
}
__name(undoAlongside, "undoAlongside");
async function markFailed(deployments, logger, deploymentId, logUrl) {
  try {
    await deployments.setStatus(deploymentId, "error", { logUrl, description: "model-ci could not record the promotion" });
    return true;
  } catch (error) {
    logger.warning(`Deployment ${deploymentId} could not be marked as an error either (${reasonOf(error)}); it has no status, so it is not live`);
    return false;
  }
}
__name(markFailed, "markFailed");
function reasonOf(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
__name(reasonOf, "reasonOf");

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
    const ledgerRun = runId === found.run.id;
    const run = ledgerRun ? found.run : await this.ports.runs.get(runId);
    const listing = ledgerRun ? found.artifacts : run && await this.ports.artifacts.list(run.id);
    const artifact = listing?.find((listed) => listed.id === entry.artifact_id && listed.name === this.artifactName);
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
      const artifact = (await this.ports.artifacts.list(run.id)).find((listed) => listed.name === this.artifactName);
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
    const artifact = (await this.ports.artifacts.list(run.id)).find((listed) => listed.name === this.artifactName);
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

// src/commands/promote/summary.ts
var METRICS_SHOWN = 50;
function registryLine(registry) {
  const before = registry.previous === null ? "not set before" : `was version ${escapeMarkdown(registry.previous)}`;
  return `${inlineCode(`models:/${registry.registeredModel}@${registry.alias}`)} is version ${escapeMarkdown(registry.version)} (${before})`;
}
__name(registryLine, "registryLine");
function renderPromotionSummary(input) {
  const { manifest, source } = input;
  const commit = link(shortSha(manifest.sha), commitUrl(source.url, manifest.sha));
  const lines = [
    `## model-ci: ${inlineCode(manifest.model)} promoted to ${escapeMarkdown(input.environment)}`,
    "",
    "| | |",
    "| --- | --- |",
    `| Version | ${inlineCode(manifest.version)} (${escapeMarkdown(input.foundAs)}) |`,
    `| Digest | ${inlineCode(input.digest)} |`,
    `| Trained in | ${link(`run ${source.id}`, source.url)} (${escapeMarkdown(source.event)}), commit ${commit} |`,
    ...input.automatic ? [`| How | automatically, by the push to ${escapeMarkdown(source.headBranch ?? "the default branch")} (an environment marked ${inlineCode("auto: true")}) |`] : [],
    `| Before | ${input.previousVersion === null ? "nothing was live" : inlineCode(input.previousVersion)} |`,
    `| Deployment | ${input.deploymentId}, ${input.promotedAt.toISOString().slice(0, 16).replace("T", " ")} UTC |`,
    ...input.mlflow ? [`| MLflow | ${registryLine(input.mlflow)} |`] : [],
    ""
  ];
  if (input.rollback) {
    lines.push(
      `This is a rollback to the version live in ${escapeMarkdown(input.environment)} before the current one; it was promoted here before, so the environment-order rule was not applied again.`,
      ""
    );
  }
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    lines.push("| Metric | Value |", "| --- | --- |");
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${value} |`);
    if (metrics.length > METRICS_SHOWN) lines.push("", `\u2026and ${metrics.length - METRICS_SHOWN} more in the manifest.`);
    lines.push("");
  }
  lines.push(`### History of ${inlineCode(manifest.model)} in ${escapeMarkdown(input.environment)}`, "");
  lines.push(input.history === void 0 ? "_The history could not be read; the promotion above is recorded._\n" : renderHistory(input.history, "markdown"));
  return `${lines.join("\n")}
`;
}
__name(renderPromotionSummary, "renderPromotionSummary");

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

// src/commands/promote/promote.ts
var HISTORY_SHOWN = 10;
async function promote(ports, request) {
  const { model } = request;
  if (!MODEL_NAME_PATTERN.test(model)) {
    throw new UserError(`${showUntrusted(model, 100)} is not a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  if (request.version.trim() === AUTO_VERSION) {
    throw new UserError(
      `model-ci promote ${model}: version "${AUTO_VERSION}" is for the run of a push to ${request.defaultBranch} (the workflow's promote-auto job, or model-ci run on ${request.defaultBranch} locally), which promotes every model it trained that passed its gates; to promote one model give a run id, commit, version label, latest or previous`
    );
  }
  const repository = await Repository.read(ports, request.configFile);
  const { environments, promotion, metrics } = repository.config;
  const unlisted = environmentRefusal(request.environment, environments);
  if (unlisted) throw new UserError(`model-ci promote ${model}: ${unlisted.message}`, { file: request.configFile });
  const environment = listedEnvironment(request.environment, environments);
  const before = environmentBefore(environment, environments);
  const read = before === void 0 ? [environment] : [before, environment];
  const creators = promotion.recordCreators;
  const records = new Map(await Promise.all(read.map(async (name) => [name, await ports.deployments.list(name, { limit: RECORDS_LOOKED_AT, creators })])));
  const current = livePromotion(records.get(environment) ?? [], model);
  const target = { model, environment, before, environments, promotion, metricRules: await metricRulesOf(repository, model, metrics), records, current, mlflow: repository.config.mlflow };
  try {
    return await verifyAndRecord(ports, request, target);
  } catch (error) {
    await ports.files.remove(request.destination);
    throw error;
  }
}
__name(promote, "promote");
async function verifyAndRecord(ports, request, target) {
  const { model, environment, before, environments, promotion, records, current } = target;
  const resolved = await resolveVersion(ports, {
    model,
    version: request.version,
    environment,
    defaultBranch: request.defaultBranch,
    records
  });
  const source = request.expectedVersion === void 0 ? resolved : { ...resolved, expectedVersion: request.expectedVersion };
  ports.logger.info(`${model} ${request.version}: ${source.foundAs}, artifact ${source.artifact.name} (id ${source.artifact.id}, ${source.artifact.digest})`);
  const { defaultBranch } = request;
  const namedDefaultBranch = source.run.event === "push" && source.run.headBranch === defaultBranch;
  const facts = {
    model,
    environment,
    environments,
    allowPullRequestSources: promotion.allowPullRequestSources,
    defaultBranch,
    source: source.run,
    sourceInBranchHistory: namedDefaultBranch && await ports.history.contains(defaultBranch, source.run.headSha),
    promotingRunId: request.run.id,
    digest: source.artifact.digest,
    metrics: {},
    metricRules: target.metricRules,
    liveInPreviousEnvironment: before === void 0 ? void 0 : livePromotion(records.get(before) ?? [], model)?.payload.digest,
    rollback: source.rollback
  };
  refuseIfBroken(facts, source.expectedVersion ?? `of run ${source.run.id}`);
  const { manifest, modelDir } = await downloadVerified(
    ports,
    { runId: source.run.id, artifact: source.artifact, model, expectedVersion: source.expectedVersion },
    request.destination
  );
  ports.logger.info(`Verified ${manifest.files.length} file(s) of ${model} ${manifest.version} against the digest and the manifest`);
  refuseIfBroken({ ...facts, metrics: manifest.metrics }, manifest.version);
  const move = await prepareAliasMove(ports, {
    mlflow: target.mlflow,
    connect: ports.tracking,
    trackingUri: request.trackingUri,
    environment,
    manifest,
    digest: source.artifact.digest,
    modelDir
  });
  let registry;
  const deploymentId = await recordPromotion(ports.deployments, ports.logger, {
    environment,
    payload: {
      model,
      version: manifest.version,
      digest: source.artifact.digest,
      // The run whose artifact was promoted, so that `previous` finds it again by run and digest.
      run_id: source.run.id,
      sha: manifest.sha,
      metrics: manifest.metrics,
      ...request.actor ? { promoted_by: request.actor } : {},
      ...request.automatic && { automatic: true }
    },
    description: `${model} ${manifest.version}${source.rollback ? " (rollback)" : request.automatic ? " (automatic)" : ""}`,
    logUrl: request.run.url,
    alongside: move && {
      what: `moving the MLflow alias ${move.alias} of ${move.registeredModel} to version ${move.version.version}`,
      apply: /* @__PURE__ */ __name(async (id) => {
        registry = await movedAlias(ports.logger, move, id, { version: manifest.version, digest: source.artifact.digest });
      }, "apply"),
      undo: /* @__PURE__ */ __name(() => restoreAlias(move), "undo")
    }
  });
  ports.logger.info(`Promoted ${model} ${manifest.version} to ${environment}: deployment ${deploymentId}`);
  const recorded = await readHistory(ports, { model, environment, creators: promotion.recordCreators });
  const history = recorded && move ? await withRegistryVersions(ports.logger, recorded, { mlflow: target.mlflow, connect: ports.tracking, trackingUri: request.trackingUri, model }) : recorded;
  const previousVersion = current?.payload.version ?? null;
  return {
    modelDir,
    version: manifest.version,
    digest: source.artifact.digest,
    previousVersion,
    deploymentId,
    ...registry && { mlflow: registry },
    summary: renderPromotionSummary({
      environment,
      manifest,
      digest: source.artifact.digest,
      source: source.run,
      foundAs: source.foundAs,
      previousVersion,
      deploymentId,
      promotedAt: ports.now(),
      rollback: source.rollback,
      automatic: request.automatic === true,
      history,
      mlflow: registry
    })
  };
}
__name(verifyAndRecord, "verifyAndRecord");
async function movedAlias(logger, move, deploymentId, promotion) {
  try {
    await moveAlias(move, deploymentId, promotion);
  } catch (error) {
    if (move.required) throw error;
    logger.warning(`MLflow skipped: the alias ${move.alias} of ${move.registeredModel} could not be moved (${registryFailure(error)}); the promotion is recorded without it`);
    return void 0;
  }
  logger.info(`MLflow: ${move.registeredModel}@${move.alias} is version ${move.version.version}${move.previous === void 0 ? "" : ` (was ${move.previous})`}`);
  return { registeredModel: move.registeredModel, version: move.version.version, alias: move.alias, previous: move.previous ?? null };
}
__name(movedAlias, "movedAlias");
function refuseIfBroken(facts, version) {
  const refusal2 = firstBrokenRule(facts);
  if (refusal2) throw new UserError(`model-ci promote: ${facts.model} ${version} was not promoted to ${facts.environment}: ${refusal2.message}`);
}
__name(refuseIfBroken, "refuseIfBroken");
async function metricRulesOf(repository, name, repositoryRules) {
  const model = repository.model(name);
  if (!model) return repositoryRules;
  const [loaded] = await repository.load([model]);
  return loaded.config().metrics;
}
__name(metricRulesOf, "metricRulesOf");
async function readHistory(ports, target) {
  const { model, environment } = target;
  try {
    return await promotionHistory(ports.deployments, model, [environment], { limit: HISTORY_SHOWN, creators: target.creators });
  } catch (error) {
    ports.logger.warning(`The promotion is recorded, but the history of ${model} in ${environment} could not be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return void 0;
  }
}
__name(readHistory, "readHistory");

export {
  AUTO_VERSION,
  autoPromotionPlan,
  autoRunRefusal,
  autoTargets,
  noAutoEnvironment,
  promote
};
