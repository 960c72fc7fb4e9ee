import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  addWatchedChanges,
  dropIgnoredChanges,
  emptyWhy,
  mapChanges,
  trainingSettingsDiffer
} from "./chunk-DRPRXASB.js";
import {
  batchId,
  installsIntoInterpreter,
  packBatches,
  trainingsAtOnce
} from "./chunk-L3QIWTCR.js";
import {
  ZERO_SHA,
  ensureCommit,
  findMergeBase,
  pullRequestTips
} from "./chunk-T5MJI2ZD.js";
import {
  Repository,
  compileGlobs,
  count,
  escapeMarkdown,
  inlineCode,
  loadConfigParser
} from "./chunk-LYO4JN6R.js";
import {
  MAX_MATRIX_JOBS
} from "./chunk-WQATJMJ6.js";
import {
  UserError,
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/detect-summary.ts
var FILES_SHOWN = 5;
var LOOKALIKES_SHOWN = 10;
function describeLookalikes(folders, code) {
  if (folders.length === 0) return void 0;
  const shown = folders.slice(0, LOOKALIKES_SHOWN).map(code).join(", ");
  const more = folders.length > LOOKALIKES_SHOWN ? ` and ${folders.length - LOOKALIKES_SHOWN} more` : "";
  const verb = folders.length === 1 ? "holds" : "hold";
  return `Not a model: ${shown}${more} ${verb} Python files but neither ${code("model.yml")} nor ${code("src/train.py")}, though ${code("models")} matches ${folders.length === 1 ? "it" : "them"}; add a ${code("model.yml")} to train ${folders.length === 1 ? "it" : "each"} as a model.`;
}
__name(describeLookalikes, "describeLookalikes");
var MODELS_SHOWN = 300;
function renderDetectSummary(input) {
  const { range, picked, deleted } = input;
  const lines = ["## model-ci: models to train", ""];
  const span = range.base === void 0 ? `at ${inlineCode(short(range.head))}` : `between ${inlineCode(short(range.base))} and ${inlineCode(short(range.head))}`;
  lines.push(`**${count(picked.length, "model")}** to train ${span}.`);
  if (range.note) lines.push("", `_${escapeMarkdown(range.note)}._`);
  if (input.batches) {
    const { jobs, maxJobs, balancedBy, atOnce, inTurn } = input.batches;
    const held = inTurn > 0 ? ` (${count(inTurn, "job")} one at a time: a model of ${inTurn === 1 ? "it" : "each"} has \`venv: false\` and requirements, which install into the runner's Python)` : "";
    const parallel = atOnce > 1 ? ` Each job trains up to **${atOnce}** of its models at once (\`jobs\`)${held}.` : "";
    lines.push(
      "",
      `They train in **${count(jobs, "job")}**: more models than \`max-jobs\` (${maxJobs}), so models with the same \`runs-on\` and \`python\` share jobs, balanced by ${escapeMarkdown(balancedBy)}.${parallel}`
    );
  }
  const lookalikes = describeLookalikes(input.lookalikes ?? [], inlineCode);
  if (lookalikes) lines.push("", lookalikes);
  if (deleted.length > 0) {
    lines.push("", `Deleted or renamed away (not trained): ${deleted.map((name) => inlineCode(name)).join(", ")}.`);
  }
  if (picked.length > 0) {
    lines.push("", "| Model | Directory | Why |", "| --- | --- | --- |");
    for (const { model, path, why } of picked.slice(0, MODELS_SHOWN)) {
      lines.push(`| ${inlineCode(model)} | ${inlineCode(path)} | ${describeWhy(why, range.note)} |`);
    }
    if (picked.length > MODELS_SHOWN) {
      lines.push("", `\u2026and ${picked.length - MODELS_SHOWN} more models, all in the \`models\` output.`);
    }
  }
  return `${lines.join("\n")}
`;
}
__name(renderDetectSummary, "renderDetectSummary");
function describeWhy(why, rangeNote) {
  const parts = [];
  if (why.files.length > 0) parts.push(`changed ${fileList(why.files)}`);
  if (why.watched.length > 0) parts.push(`watched ${fileList(why.watched)}`);
  if (why.shared.length > 0) parts.push(`shared ${fileList(why.shared)}`);
  for (const note of why.notes) if (note !== rangeNote) parts.push(escapeMarkdown(note));
  return parts.length > 0 ? parts.join("; ") : escapeMarkdown(rangeNote ?? "");
}
__name(describeWhy, "describeWhy");
function fileList(files) {
  const shown = files.slice(0, FILES_SHOWN).map((file) => inlineCode(file));
  const more = files.length - shown.length;
  return `${count(files.length, "file")}: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
__name(fileList, "fileList");
function short(sha) {
  return sha.slice(0, 12);
}
__name(short, "short");

// src/core/model-selection.ts
var EMPTY_MEANS_ALL = /* @__PURE__ */ new Set(["workflow_dispatch", "schedule"]);
function selectModels(selection, models, request) {
  const { input, event } = request;
  const shownAs = request.shownAs ?? `input "${input}"`;
  const names = selection.split(/[\s,]+/).filter((name) => name.length > 0);
  if (names.length === 0 && !EMPTY_MEANS_ALL.has(event)) {
    throw new UserError(
      `${shownAs} is empty, and a ${event} event has no changes to pick models from; set it to "all" or to the models to train, separated by commas, spaces or newlines (only workflow_dispatch and schedule runs train every model when it is empty)`,
      { input }
    );
  }
  if (names.length === 0 || names.length === 1 && names[0].toLowerCase() === "all") return [...models];
  const byName = new Map(models.map((model) => [model.name, model]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    const known = models.map((model) => model.name);
    const shown = known.length > 50 ? `${known.slice(0, 50).join(", ")} and ${known.length - 50} more` : known.join(", ");
    throw new UserError(
      `${shownAs}: unknown model${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => JSON.stringify(n)).join(", ")}; use "all" or names of known models: ${shown || "(none found)"}`,
      { input }
    );
  }
  return [...new Set(names)].map((name) => byName.get(name));
}
__name(selectModels, "selectModels");

// src/commands/detect/batches.ts
async function batchEntries(entries, maxJobs, trainings, readLedger, logger) {
  const { ledger, balancedBy } = await ledgerOrReason(readLedger, logger);
  const batches = packBatches(entries, {
    maxBatches: maxJobs,
    groupOf: /* @__PURE__ */ __name((entry) => JSON.stringify([entry["runs-on"], entry.python]), "groupOf"),
    secondsOf: /* @__PURE__ */ __name((entry) => ledger?.models[entry.model]?.training_s, "secondsOf")
  });
  return {
    balancedBy,
    entries: batches.map((batch, index) => ({
      batch: batchId(index, batches.length),
      models: batch.map((entry) => entry.model),
      paths: batch.map((entry) => entry.path),
      jobs: trainingsAtOnce(trainings.jobs, batch.length, batch.some((entry) => trainings.trainsAlone.has(entry.model))),
      "runs-on": batch[0]["runs-on"],
      python: batch[0].python,
      // Rounded: 0.1 + 0.2 minutes should read 0.3, and twelve digits lose nothing a timeout needs.
      "timeout-minutes": Number(batch.reduce((sum, entry) => sum + entry["timeout-minutes"], 0).toPrecision(12)),
      fingerprints: batch.map((entry) => entry.fingerprint)
    }))
  };
}
__name(batchEntries, "batchEntries");
async function ledgerOrReason(readLedger, logger) {
  const byCount = "the count of models in each job";
  if (!readLedger) return { balancedBy: `${byCount} (no ledger to read training times from)` };
  let ledger;
  try {
    ledger = await readLedger();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) throw error;
    const reason = isUserError(error) || error instanceof Error ? error.message.split("\n")[0] : String(error);
    logger.warning(`model-ci detect: the default branch's ledger could not be read (${reason}), so the jobs are balanced by their count of models, not by training time; give the detect job "actions: read"`);
    return { balancedBy: `${byCount} (the ledger could not be read: ${reason})` };
  }
  if (!ledger) {
    logger.debug("No ledger on the default branch yet: the jobs are balanced by their count of models");
    return { balancedBy: `${byCount} (the default branch has no ledger yet)` };
  }
  return { ledger, balancedBy: `each model's last training time in the ledger of run ${ledger.run_id}` };
}
__name(ledgerOrReason, "ledgerOrReason");

// src/commands/detect/change-range.ts
async function resolveChangeRange(git, context, logger) {
  const trigger = context.trigger;
  switch (trigger.kind) {
    case "pull_request": {
      const quick = await git.changesSinceMergeBase(trigger.baseSha, trigger.headSha);
      if (quick) return { kind: "diff", base: quick.mergeBase, head: trigger.headSha, listed: Promise.resolve(quick.paths) };
      const result = await findMergeBase(git, ...pullRequestTips(trigger), logger);
      if (result.found) return { kind: "diff", base: result.mergeBase, head: trigger.headSha };
      if (result.unrelated) {
        throw new UserError(
          `the pull request's base ${trigger.baseSha} and head ${trigger.headSha} have no common history, so there is no merge-base to diff from; rebase the branch onto ${trigger.baseRef}`
        );
      }
      return { kind: "no-history", head: trigger.headSha, reason: result.reason };
    }
    case "push":
      return resolvePushRange(git, context, trigger, logger);
    case "manual":
      return { kind: "selection", head: context.sha };
  }
}
__name(resolveChangeRange, "resolveChangeRange");
async function resolvePushRange(git, context, trigger, logger) {
  const after = trigger.after;
  const onDefaultBranch = trigger.ref === `refs/heads/${context.defaultBranch}`;
  const before = trigger.before;
  const listed = before !== void 0 && !ZERO_SHA.test(before) ? git.changedPaths(before, after).catch(() => void 0) : void 0;
  let why;
  if (before === void 0) {
    why = "the push event does not say which commit came before it";
  } else if (ZERO_SHA.test(before)) {
    why = "the push created the branch";
  } else if (await isParentOf(git, before, after)) {
    if (await ensureCommit(git, { sha: before }, logger)) return { kind: "diff", base: before, head: after, listed };
    why = `the commit before the push (${before}) is unknown`;
  } else if (!await ensureCommit(git, { sha: before }, logger)) {
    why = `the commit before the push (${before}) is unknown`;
  } else {
    const result2 = await findMergeBase(git, { sha: before }, { sha: after }, logger);
    if (result2.found && result2.mergeBase === before) return { kind: "diff", base: before, head: after, listed };
    why = result2.found ? "the push was forced (it replaced earlier commits)" : result2.reason;
  }
  if (onDefaultBranch) {
    return { kind: "everything", head: after, note: `${why} on the default branch, so every model trains` };
  }
  const defaultTip = await defaultBranchTip(git, context.defaultBranch);
  if (defaultTip === void 0) {
    return { kind: "everything", head: after, note: `${why} and the default branch "${context.defaultBranch}" could not be fetched, so every model trains` };
  }
  const result = await findMergeBase(git, { sha: defaultTip }, { sha: after }, logger);
  if (!result.found) {
    return { kind: "everything", head: after, note: `${why} and ${result.reason}, so every model trains` };
  }
  return {
    kind: "diff",
    base: result.mergeBase,
    head: after,
    note: `${why}, so the changes are counted from the merge-base with ${context.defaultBranch}`
  };
}
__name(resolvePushRange, "resolvePushRange");
async function isParentOf(git, before, after) {
  const parents = await git.parentsOf(after);
  return parents !== void 0 && parents.includes(before);
}
__name(isParentOf, "isParentOf");
async function defaultBranchTip(git, branch) {
  const remoteRef = `refs/remotes/origin/${branch}`;
  const shallow = await git.isShallow();
  if (await git.fetch([`+refs/heads/${branch}:${remoteRef}`], shallow ? { depth: 1 } : {})) {
    return git.resolveCommit(remoteRef);
  }
  return await git.resolveCommit(remoteRef) ?? await git.resolveCommit(`refs/heads/${branch}`);
}
__name(defaultBranchTip, "defaultBranchTip");

// src/commands/detect/detect.ts
async function detect(ports, request) {
  const rangePromise = ports.git ? resolveChangeRange(ports.git.git, request.context, ports.logger) : noGitRange(request.context);
  const changes = rangePromise.then(
    (resolved) => resolved.kind === "diff" || resolved.kind === "no-history" ? changedPaths(ports, request, resolved) : void 0
  );
  changes.catch(() => void 0);
  const repository = await Repository.read(ports, request.configFile, { allModelFiles: request.context.trigger.kind !== "manual" });
  refuseNoModels(ports, request.configFile, repository);
  if (repository.models.length <= MAX_MATRIX_JOBS) void loadConfigParser();
  const range = await rangePromise;
  const maxJobs = request.maxJobs ?? MAX_MATRIX_JOBS;
  const ledger = readOnce(ports.ledger);
  const readLedgerPast = /* @__PURE__ */ __name((count2) => {
    if (ledger && count2 > maxJobs) ledger().catch(() => void 0);
  }, "readLedgerPast");
  const picked = await pickModels(ports, request, repository, range, changes, readLedgerPast);
  readLedgerPast(picked.models.length);
  const { entries, trainsAlone } = await matrixEntries(repository, picked.models);
  const batching = entries.length > maxJobs ? await batchEntries(entries, maxJobs, { jobs: request.jobs ?? 1, trainsAlone }, ledger, ports.logger) : void 0;
  const lookalikes = await repository.lookalikeFolders();
  const summary = renderDetectSummary({
    range: describeRange(range, picked.note),
    picked: picked.models.map((model) => ({ model: model.name, path: model.path, why: picked.why.get(model.name) ?? emptyWhy() })),
    deleted: picked.deleted,
    batches: batching && {
      jobs: batching.entries.length,
      maxJobs,
      balancedBy: batching.balancedBy,
      atOnce: request.jobs ?? 1,
      inTurn: batching.entries.filter((entry) => entry.jobs === 1 && entry.models.length > 1).length
    },
    lookalikes
  });
  return {
    matrix: { include: batching?.entries ?? entries },
    models: picked.models.map((model) => model.name),
    deleted: picked.deleted,
    lookalikes,
    // Without git the merge-base is unknown: an empty base-sha says so rather than guess.
    baseSha: range.kind === "diff" ? range.base : "",
    headSha: range.head,
    summary
  };
}
__name(detect, "detect");
function refuseNoModels(ports, configFile, repository) {
  if (repository.models.length > 0 || ports.workspace.readText(configFile) === void 0) return;
  const globs = repository.config.models.map((glob) => JSON.stringify(glob)).join(", ");
  throw new UserError(
    `${configFile}: "models" (${globs}) matches no model folder: a folder that holds model.yml or src/train.py, committed; fix the glob, or commit a model`,
    { file: configFile }
  );
}
__name(refuseNoModels, "refuseNoModels");
async function pickModels(ports, request, repository, range, changesOfRange, readLedgerPast) {
  const models = repository.models;
  if (range.kind === "selection") {
    const chosen = selectModels(request.models, models, { input: "models", shownAs: request.modelsShownAs, event: request.context.eventName });
    return everyOne(chosen, `chosen by the "models" input of the ${request.context.eventName} run`);
  }
  if (range.kind === "everything") return everyOne(models, range.note);
  const changesAndWatching = Promise.all([changesOfRange, repository.findModelsThatMayWatch()]);
  changesAndWatching.catch(() => void 0);
  const changes = await Promise.race([changesOfRange, changesAndWatching.then(([paths]) => paths)]);
  if (!changes) throw new Error(`no changed paths for a ${range.kind} range`);
  const mapping = mapChanges({ changedPaths: changes.paths, models, isModelDir: repository.isModelDir, isShared: repository.isShared, isIgnored: repository.isIgnored, watchers: [] });
  void loadConfigParser();
  const [, mayWatch] = await changesAndWatching;
  addWatchedChanges(mapping, changes.paths, await watchers(repository, mayWatch));
  if (!changes.complete) {
    const note = `the pull request changes more files than GitHub's API lists (${changes.paths.length}), so every model trains`;
    ports.logger.warning(`model-ci detect: ${note}; check out with fetch-depth: 0 so that git can list every change`);
    return { ...everyOne(models, note, mapping.selected), deleted: mapping.deleted };
  }
  const configNote = changes.paths.includes(request.configFile) ? await configRetrainsAll(ports, request, range, repository.config) : void 0;
  if (configNote !== void 0) return { ...everyOne(models, configNote, mapping.selected), deleted: mapping.deleted };
  readLedgerPast(mapping.selected.size);
  dropIgnoredChanges(mapping, await ignoringModels(repository, mapping));
  return {
    models: models.filter((model) => mapping.selected.has(model.name)),
    why: mapping.selected,
    deleted: mapping.deleted,
    note: range.kind === "diff" ? range.note : `git could not list the changes (${range.reason}); the pull request's files from GitHub's API were used`
  };
}
__name(pickModels, "pickModels");
async function configRetrainsAll(ports, request, range, head) {
  const file = request.configFile;
  if (range.kind !== "diff" || !ports.git) return `${file} changed, and without git its base version cannot be compared with it`;
  const [before, parser] = await Promise.all([ports.git.readFile(range.base, file), loadConfigParser()]);
  const base = range.base.slice(0, 7);
  let previous;
  try {
    previous = parser.parseRepoConfig(before, `${file} at the base commit ${base}`);
  } catch (error) {
    if (!isUserError(error)) throw error;
    ports.logger.warning(`model-ci detect: ${error.message}; every model trains, since what changed in ${file} cannot be told`);
    return `${file} changed, and its version at the base commit ${base} does not parse, so what changed cannot be told`;
  }
  return trainingSettingsDiffer(previous, head) ? `${file} changed "models", "shared" or "defaults"` : void 0;
}
__name(configRetrainsAll, "configRetrainsAll");
async function ignoringModels(repository, mapping) {
  const picked = repository.models.filter((model) => mapping.selected.has(model.name));
  if (picked.length === 0) return [];
  return (await repository.load(picked)).flatMap((loaded) => {
    const ignore = loaded.overrides().ignore;
    return ignore && ignore.length > 0 ? [{ model: loaded.model, ignore }] : [];
  });
}
__name(ignoringModels, "ignoringModels");
async function watchers(repository, mayWatch) {
  if (mayWatch.length === 0) return [];
  const found = [];
  for (const loaded of await repository.load(mayWatch)) {
    const watch = loaded.overrides().watch;
    if (watch && watch.length > 0) found.push({ model: loaded.model.name, matches: compileGlobs(watch) });
  }
  return found;
}
__name(watchers, "watchers");
function everyOne(models, note, why = /* @__PURE__ */ new Map()) {
  const all = /* @__PURE__ */ new Map();
  for (const model of models) {
    const reasons = why.get(model.name) ?? emptyWhy();
    all.set(model.name, { ...reasons, notes: [...reasons.notes, note] });
  }
  return { models: [...models], why: all, deleted: [], note };
}
__name(everyOne, "everyOne");
async function changedPaths(ports, request, range) {
  if (range.kind === "diff" && ports.git) {
    const listed2 = await range.listed;
    return { paths: listed2 ? ports.git.scopePaths(listed2) : await ports.git.changedPaths(range.base, range.head), complete: true };
  }
  const reason = range.kind === "no-history" ? range.reason : "there is no git repository";
  const trigger = request.context.trigger;
  if (trigger.kind !== "pull_request" || trigger.number === void 0 || !ports.pullRequestFiles) {
    throw new UserError(
      `model-ci detect cannot tell what changed: ${reason}; ${request.checkoutAdvice ?? "check out the repository with actions/checkout (fetch-depth 1 is enough, detect deepens it) and keep its credentials (persist-credentials: true)"}`
    );
  }
  ports.logger.info(`Git cannot list the changes (${reason}); asking GitHub for the pull request's files`);
  const client = await ports.pullRequestFiles();
  let listed;
  try {
    listed = await client.listFiles(trigger.number);
  } catch (error) {
    throw new UserError(
      `model-ci detect cannot tell what changed: ${reason}, and GitHub's pull request files API failed (${error.message}); check out the repository with actions/checkout, or give the job "pull-requests: read"`
    );
  }
  const paths = listed.files.flatMap(
    (file) => file.previousFilename !== void 0 ? [file.filename, file.previousFilename] : [file.filename]
  );
  const scoped = ports.git ? ports.git.scopePaths(paths) : paths;
  const complete = listed.complete && (trigger.changedFiles === void 0 || listed.files.length >= trigger.changedFiles);
  return { paths: scoped, complete };
}
__name(changedPaths, "changedPaths");
function noGitRange(context) {
  const trigger = context.trigger;
  if (trigger.kind === "manual") return Promise.resolve({ kind: "selection", head: context.sha });
  const head = trigger.kind === "pull_request" ? trigger.headSha : trigger.after;
  return Promise.resolve({ kind: "no-history", head, reason: "the checkout has no git repository" });
}
__name(noGitRange, "noGitRange");
async function matrixEntries(repository, models) {
  const loaded = await repository.load(models);
  const trainsAlone = /* @__PURE__ */ new Set();
  const entries = loaded.map((model) => {
    const config = model.config();
    if (installsIntoInterpreter(config)) trainsAlone.add(config.name);
    return {
      model: config.name,
      path: config.path,
      "runs-on": config.runsOn,
      python: config.python,
      "timeout-minutes": config.timeoutMinutes,
      fingerprint: model.fingerprint()
    };
  });
  return { entries, trainsAlone };
}
__name(matrixEntries, "matrixEntries");
function readOnce(read) {
  let reading;
  return read && (() => reading ??= read());
}
__name(readOnce, "readOnce");
function describeRange(range, note) {
  switch (range.kind) {
    case "diff":
      return { base: range.base, head: range.head, note };
    case "no-history":
    case "everything":
    case "selection":
      return { head: range.head, note };
  }
}
__name(describeRange, "describeRange");

export {
  describeLookalikes,
  detect
};
