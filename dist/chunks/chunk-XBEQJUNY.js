import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  buildManifest,
  parseManifest,
  parseMetrics,
  serializeManifest
} from "./chunk-GQPCPNHE.js";
import {
  formatValue
} from "./chunk-2VGVURDH.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-IE46PYID.js";
import {
  UserError,
  isUserError
} from "./chunk-GNSC3OUJ.js";

// src/adapters/local/hash-files.ts
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
var CHUNK_BYTES = 1024 * 1024;
var CONCURRENT_FILES = 3;
var OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
async function hashFile(path) {
  const handle = await open(path, OPEN_FLAGS).catch((error) => {
    throw errorCode(error) === "ELOOP" ? symbolicLinkError(path) : error;
  });
  try {
    if (!(await handle.stat()).isFile()) throw specialFileError(path);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES })) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}
async function hashTree(root) {
  const paths = await listFiles(root);
  const files = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      files[index] = { path: paths[index], ...await hashFile(join(root, paths[index])) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FILES, paths.length) }, worker));
  return files;
}
async function listFiles(root) {
  const paths = [];
  const folders = [""];
  while (folders.length > 0) {
    const folder = folders.pop();
    for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) paths.push(path);
      else if (entry.isSymbolicLink()) throw symbolicLinkError(join(root, path), await readlink(join(root, path)));
      else throw specialFileError(join(root, path));
    }
  }
  return paths.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function quoted(name) {
  return JSON.stringify(name).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function symbolicLinkError(path, target) {
  const pointsTo = target === void 0 ? "" : ` (to ${quoted(target)})`;
  return new UserError(
    `${quoted(path)} is a symbolic link${pointsTo}; the artifact must not follow links out of the output folder, so write or copy the file itself there`
  );
}
function specialFileError(path) {
  return new UserError(`${quoted(path)} is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`);
}
function errorCode(error) {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : void 0;
}

// src/commands/train/train.ts
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync2, rmSync as rmSync2, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join as join3 } from "node:path";

// src/core/cache-keys.ts
import { createHash as createHash2 } from "node:crypto";
function runCacheKey(model, fingerprint) {
  return `model-ci-run-v1-${model}-${fingerprint.replace(/^sha256:/, "")}`;
}
function dependencyCacheKeys(input) {
  const prefix = `model-ci-deps-v1-${input.model}-${input.runnerOs}-py${input.pythonVersion}-`;
  const digest = createHash2("sha256").update(input.requirements).update("\0").update(input.pipArgs.join("\0")).digest("hex");
  return { key: `${prefix}${digest.slice(0, 32)}`, restoreKeys: [prefix] };
}

// src/core/compression.ts
var COMPRESSED = /\.(zip|gz|tgz|bz2|xz|zst|lz4|7z|rar|npz|pt|pth|ckpt|safetensors|onnx|h5|keras|pb|tflite|parquet|jpg|jpeg|png|webp|mp3|mp4)$/i;
var LARGE_TOTAL = 256 * 1024 * 1024;
function compressionLevelFor(files) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total >= LARGE_TOTAL) return 0;
  const compressed = files.filter((file) => COMPRESSED.test(file.path)).reduce((sum, file) => sum + file.size, 0);
  return total > 0 && compressed * 2 > total ? 0 : 6;
}

// src/core/train-summary.ts
var METRICS_SHOWN = 100;
var METRIC_DIGITS = 6;
function renderTrainSummary(input) {
  const { manifest, artifact } = input;
  const lines = [`## model-ci: ${inlineCode(manifest.model)} ${manifest.status === "success" ? "trained" : "failed"}`, ""];
  if (input.reusedFrom !== void 0) {
    lines.push(`Run-cache hit: nothing was trained; the outputs of run ${input.reusedFrom} (same fingerprint) were reused.`, "");
  }
  if (manifest.failure) {
    lines.push(`**The ${manifest.failure.phase} phase failed:** ${escapeMarkdown(manifest.failure.message)}`, "");
    if (manifest.failure.log_tail) {
      lines.push("<details><summary>Last lines of the log</summary>", "", "```text", manifest.failure.log_tail.replace(/```/g, "`\u200B``"), "```", "", "</details>", "");
    }
  }
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    lines.push("| Metric | Value |", "| --- | --- |");
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${formatValue(value, METRIC_DIGITS)} |`);
    if (metrics.length > METRICS_SHOWN) lines.push("", `\u2026and ${metrics.length - METRICS_SHOWN} more in the manifest.`);
    lines.push("");
  }
  for (const skipped of input.skipped ?? []) lines.push(`- skipped ${inlineCode(skipped.name)}: ${escapeMarkdown(skipped.reason)}`);
  const seconds = (value) => value === null ? "\u2014" : `${value.toFixed(1)} s`;
  lines.push(
    "| Version | Install | Train | Evaluate | Dependencies | Run-cache |",
    "| --- | --- | --- | --- | --- | --- |",
    `| ${inlineCode(manifest.version)} | ${seconds(manifest.timings.install_s)} | ${seconds(manifest.timings.train_s)} | ${seconds(manifest.timings.evaluate_s)} | ${manifest.cache.dependencies} | ${manifest.cache.run} |`,
    "",
    `Artifact ${inlineCode(artifact.name)} (id ${artifact.id}, ${inlineCode(artifact.digest)}), fingerprint ${inlineCode(manifest.fingerprint)}.`
  );
  return `${lines.join("\n")}
`;
}

// src/commands/train/python-env.ts
import { existsSync, readFileSync, rmSync } from "node:fs";
import { delimiter, join as join2 } from "node:path";
var PROBE = "import platform, sys; print(platform.python_version()); print(sys.executable)";
async function setUpPython(ports, request) {
  const found = await findInterpreter(ports.runner, request);
  if (!found) {
    const tried = request.interpreter || "python, python3";
    return { ok: false, message: `no Python interpreter could be run (tried ${tried}); add actions/setup-python before model-ci, or set the "python" input`, installSeconds: null };
  }
  const requirementsPath = request.config.requirements === void 0 ? void 0 : join2(request.modelDir, request.config.requirements);
  if (requirementsPath === void 0) {
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: null } };
  }
  if (!existsSync(requirementsPath)) {
    return { ok: false, message: `requirements file ${request.config.path}/${request.config.requirements} does not exist; fix "requirements" in model.yml`, installSeconds: null };
  }
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1e3;
  if (!request.config.venv) {
    const run2 = await pipInstall(ports, request, found.executable, request.env);
    if (!succeeded(run2)) return { ok: false, message: "pip could not install the requirements", run: run2, installSeconds: seconds() };
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: seconds() } };
  }
  const venvDir = join2(request.tempDir, "model-ci", "venvs", request.config.name);
  const venvPython = join2(venvDir, "bin", "python");
  const venvEnv = {
    VIRTUAL_ENV: venvDir,
    PATH: `${join2(venvDir, "bin")}${delimiter}${request.env.PATH ?? ""}`
  };
  const { key, restoreKeys } = dependencyCacheKeys({
    model: request.config.name,
    runnerOs: request.runnerOs,
    pythonVersion: found.version,
    requirements: readFileSync(requirementsPath, "utf8"),
    pipArgs: request.pipArgs
  });
  rmSync(venvDir, { recursive: true, force: true });
  const restored = await ports.cache.restore([venvDir], key, restoreKeys);
  const usable = restored !== void 0 && await runs(ports.runner, venvPython, request);
  if (restored !== void 0 && !usable) {
    ports.logger.warning(`the cached venv of ${request.config.name} (${restored}) does not run here; making a new one`);
  }
  if (usable && restored === key) {
    ports.logger.info(`Dependencies of ${request.config.name}: cache hit (${key}), pip not run`);
    return { ok: true, setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: "hit", installSeconds: seconds() } };
  }
  if (!usable) {
    const made = await makeVenv(ports, request, found.executable, venvDir, venvPython);
    if (!succeeded(made)) return { ok: false, message: `python -m venv could not make the venv in ${venvDir}`, run: made, installSeconds: seconds() };
  }
  const run = await pipInstall(ports, request, venvPython, { ...request.env, ...venvEnv });
  if (!succeeded(run)) return { ok: false, message: "pip could not install the requirements", run, installSeconds: seconds() };
  await ports.cache.save([venvDir], key);
  return {
    ok: true,
    setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: usable ? "partial" : "miss", installSeconds: seconds() }
  };
}
async function makeVenv(ports, request, interpreter, venvDir, venvPython) {
  const make = (withPip) => {
    rmSync(venvDir, { recursive: true, force: true });
    const argv = [interpreter, "-m", "venv", "--system-site-packages", ...withPip ? [] : ["--without-pip"], venvDir];
    return ports.runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: remaining(request.deadline), onOutput: (line) => ports.logger.info(line) });
  };
  const lean = await make(false);
  if (succeeded(lean) && succeeded(await probe(ports.runner, request, [venvPython, "-m", "pip", "--version"]))) {
    return lean;
  }
  return make(true);
}
async function findInterpreter(runner, request) {
  for (const candidate of request.interpreter ? [request.interpreter] : ["python", "python3"]) {
    const lines = [];
    const run = await probe(runner, request, [candidate, "-c", PROBE], (line) => lines.push(line));
    if (succeeded(run) && lines.length >= 2) return { version: lines[0].trim(), executable: lines[1].trim() };
  }
  return void 0;
}
async function runs(runner, python, request) {
  return succeeded(await probe(runner, request, [python, "-c", "import sys"]));
}
function probe(runner, request, argv, onOutput) {
  return runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: 6e4, onOutput });
}
function pipInstall(ports, request, python, env) {
  const argv = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off"];
  argv.push("-r", request.config.requirements, ...request.pipArgs);
  return ports.runner.run(argv, {
    cwd: request.modelDir,
    env: { ...env, PIP_NO_INPUT: "1" },
    timeoutMs: remaining(request.deadline),
    onOutput: (line) => ports.logger.info(line)
  });
}
function succeeded(run) {
  return run.exitCode === 0 && !run.timedOut;
}
function remaining(deadline) {
  return Math.max(1e3, deadline - Date.now());
}

// src/commands/train/train.ts
var MAX_METRICS_BYTES = 16 * 1024 * 1024;
var LOG_TAIL_LINES = 50;
function artifactName(model) {
  return `model-ci-${model}`;
}
async function train(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const model = repository.model(request.model);
  if (!model) {
    const known = repository.models.map((m) => m.name);
    throw new UserError(
      `there is no model named ${JSON.stringify(request.model)}; the models are: ${known.join(", ") || "(none found)"}`
    );
  }
  await repository.readModelFiles([model]);
  const config = repository.modelConfig(model);
  if (config.output === ".") {
    throw new UserError(`${model.path}/model.yml: "output" must be a folder inside the model directory, not the directory itself`, { file: `${model.path}/model.yml` });
  }
  const fingerprint = repository.fingerprints([config]).get(model.name);
  const paths = trainingPaths(ports.workspace.root, request.tempDir, config);
  mkdirSync(paths.staging, { recursive: true });
  const started = ports.now();
  const useRunCache = config.cache && request.runCache !== false;
  const cached = useRunCache ? await restoreRun(ports, paths, runCacheKey(model.name, fingerprint)) : void 0;
  if (cached) {
    const manifest2 = { ...cached, cache: { ...cached.cache, run: "hit" } };
    const artifact2 = await upload(ports, request, paths, manifest2);
    return { manifest: manifest2, artifact: artifact2, cacheHit: true, summary: renderTrainSummary({ manifest: manifest2, artifact: artifact2, reusedFrom: cached.run_id }) };
  }
  const outcome = await runTraining(ports, request, config, paths, fingerprint);
  const manifest = buildManifest({
    model: model.name,
    fingerprint,
    sha: request.run.sha,
    ref: request.run.ref,
    event: request.run.event,
    runId: request.run.id,
    runAttempt: request.run.attempt,
    createdAt: started,
    metrics: outcome.metrics,
    files: outcome.failure ? [] : outcome.files,
    python: outcome.python?.version ?? null,
    runnerOs: request.run.runnerOs,
    timings: outcome.timings,
    cache: { dependencies: outcome.python?.dependencies ?? "none", run: useRunCache ? "miss" : "off" },
    failure: outcome.failure
  });
  const artifact = await upload(ports, request, paths, manifest);
  if (!outcome.failure && useRunCache) await ports.cache.save([paths.output, paths.manifest], runCacheKey(model.name, fingerprint));
  const summary = renderTrainSummary({ manifest, artifact, skipped: outcome.skipped });
  if (!outcome.failure) return { manifest, artifact, cacheHit: false, summary };
  const failure = outcome.failure;
  const how = failure.signal ? `was killed by ${failure.signal}` : failure.exit_code === null ? "failed" : `exited with code ${failure.exit_code}`;
  const what = failure.phase === "metrics" ? failure.message : `${failure.message} (${how})`;
  return {
    manifest,
    artifact,
    cacheHit: false,
    summary,
    error: new UserError(`model-ci train ${model.name}: the ${failure.phase} phase failed: ${what}; the log above and the manifest in artifact ${artifact.name} have the last ${LOG_TAIL_LINES} lines`)
  };
}
function trainingPaths(root, tempDir, config) {
  const modelDir = join3(root, config.path);
  const staging = join3(tempDir, "model-ci", "artifacts", config.name);
  return {
    modelDir,
    output: join3(modelDir, config.output),
    metricsFile: join3(modelDir, config.metricsFile),
    staging,
    manifest: join3(staging, MANIFEST_FILE)
  };
}
async function runTraining(ports, request, config, paths, fingerprint) {
  const deadline = Date.now() + config.timeoutMinutes * 6e4;
  const timings = { install_s: null, train_s: null, evaluate_s: null };
  const outcome = (failure, rest = {}) => ({
    metrics: {},
    skipped: [],
    files: [],
    timings,
    failure,
    ...rest
  });
  const setupResult = await ports.logger.group(
    `Set up Python for ${config.name}`,
    () => setUpPython(ports, {
      config,
      modelDir: paths.modelDir,
      tempDir: request.tempDir,
      interpreter: request.interpreter,
      pipArgs: request.pipArgs,
      runnerOs: request.run.runnerOs,
      env: request.env,
      deadline
    })
  );
  if (!setupResult.ok) {
    timings.install_s = setupResult.installSeconds;
    return outcome(failureOf("install", setupResult.message, setupResult.run));
  }
  const python = setupResult.setup;
  timings.install_s = python.installSeconds;
  rmSync2(paths.metricsFile, { force: true });
  mkdirSync(paths.output, { recursive: true });
  const env = {
    ...request.env,
    ...python.env,
    PYTHONUNBUFFERED: "1",
    MODEL_CI_MODEL: config.name,
    MODEL_CI_MODEL_DIR: paths.modelDir,
    MODEL_CI_OUTPUT_DIR: paths.output,
    MODEL_CI_METRICS_FILE: paths.metricsFile,
    MODEL_CI_DATA_DIR: join3(paths.modelDir, "data"),
    MODEL_CI_SHA: request.run.sha,
    MODEL_CI_FINGERPRINT: fingerprint
  };
  const phases = [["train", config.train]];
  if (config.evaluate) phases.push(["evaluate", config.evaluate]);
  let lastRun;
  for (const [phase, argv] of phases) {
    const command = argv[0] === "python" || argv[0] === "python3" ? [python.python, ...argv.slice(1)] : argv;
    const run = await ports.logger.group(
      `${phase === "train" ? "Train" : "Evaluate"} ${config.name}: ${argv.join(" ")}`,
      () => ports.runner.run(command, {
        cwd: paths.modelDir,
        env,
        timeoutMs: remaining(deadline),
        tailLines: LOG_TAIL_LINES,
        onOutput: (line) => ports.logger.info(line)
      })
    );
    timings[`${phase}_s`] = run.durationMs / 1e3;
    lastRun = run;
    if (!succeeded(run)) {
      const message = run.timedOut ? `${argv.join(" ")} ran past the model's timeout of ${config.timeoutMinutes} minutes` : `${argv.join(" ")} did not succeed`;
      return outcome(failureOf(phase, message, run), { python });
    }
  }
  let parsed;
  try {
    parsed = parseMetrics(readMetricsFile(paths.metricsFile, config), `${config.path}/${config.metricsFile}`);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return outcome(failureOf("metrics", error.message, lastRun && { ...lastRun, exitCode: null, signal: null }), { python });
  }
  for (const skipped of parsed.skipped) {
    ports.logger.warning(`${config.path}/${config.metricsFile}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`, {
      file: `${config.path}/${config.metricsFile}`
    });
  }
  const files = existsSync2(paths.output) ? await ports.hashTree(paths.output) : [];
  return outcome(null, { python, metrics: parsed.metrics, skipped: parsed.skipped, files });
}
function readMetricsFile(path, config) {
  const file = `${config.path}/${config.metricsFile}`;
  let size;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError(`${file}: the training wrote no metrics file; write the metrics as JSON, YAML or CSV to the path in MODEL_CI_METRICS_FILE`, { file });
  }
  if (size > MAX_METRICS_BYTES) {
    throw new UserError(`${file}: the metrics file is ${size} bytes, more than the ${MAX_METRICS_BYTES} model-ci reads; write only the metrics to it`, { file });
  }
  return readFileSync2(path, "utf8");
}
function failureOf(phase, message, run) {
  return {
    phase,
    exit_code: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    message,
    log_tail: (run?.tail ?? []).slice(-LOG_TAIL_LINES).join("\n")
  };
}
async function restoreRun(ports, paths, key) {
  rmSync2(paths.manifest, { force: true });
  if (await ports.cache.restore([paths.output, paths.manifest], key) === void 0) return void 0;
  try {
    if (statSync(paths.manifest).size > MAX_MANIFEST_BYTES) throw new UserError("the cached manifest is too large");
    const manifest = parseManifest(readFileSync2(paths.manifest, "utf8"), `run-cache entry ${key}`);
    const restored = await ports.hashTree(paths.output);
    const same = manifest.status === "success" && restored.length === manifest.files.length && restored.every((file, i) => file.path === manifest.files[i].path && file.sha256 === manifest.files[i].sha256);
    if (same) {
      ports.logger.info(`Run-cache hit (${key}): the outputs of run ${manifest.run_id} are reused, nothing is trained`);
      return manifest;
    }
    ports.logger.warning(`run-cache entry ${key} does not match its manifest; training anew`);
  } catch (error) {
    const reason = isUserError(error) || isFileSystemError(error) ? error.message : void 0;
    if (reason === void 0) throw error;
    ports.logger.warning(`run-cache entry ${key} is unusable (${reason}); training anew`);
  }
  rmSync2(paths.output, { recursive: true, force: true });
  return void 0;
}
function isFileSystemError(error) {
  return error instanceof Error && typeof error.code === "string";
}
async function upload(ports, request, paths, manifest) {
  writeFileSync(paths.manifest, serializeManifest(manifest));
  const outputsLink = join3(paths.staging, "outputs");
  rmSync2(outputsLink, { recursive: true, force: true });
  const files = [paths.manifest];
  if (manifest.files.length > 0) {
    symlinkSync(paths.output, outputsLink, "dir");
    files.push(...manifest.files.map((file) => join3(outputsLink, file.path)));
  }
  const name = artifactName(manifest.model);
  ports.logger.info(`Uploading ${name}: ${manifest.files.length} file(s) and ${MANIFEST_FILE}`);
  return ports.artifacts.upload(name, paths.staging, files, {
    retentionDays: request.retentionDays,
    compressionLevel: compressionLevelFor(manifest.files)
  });
}

export {
  hashTree,
  artifactName,
  train
};
