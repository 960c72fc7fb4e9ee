import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  loadYaml
} from "./chunk-AFTLNK3V.js";
import {
  NEVER,
  _enum,
  _gt,
  _gte,
  _minLength,
  _regex,
  array,
  boolean,
  globalRegistry,
  nullable,
  nullish,
  number,
  pipe,
  record,
  refine,
  strictObject,
  string,
  superRefine,
  transform,
  union
} from "./chunk-EC74IOCJ.js";
import {
  DEFAULT_MLFLOW,
  DEFAULT_MONITOR_DATA,
  DEFAULT_OUTPUT,
  DEFAULT_REPO_CONFIG,
  DEFAULT_TRAIN_COMMAND,
  METRICS_FILE_NAME,
  REQUIREMENTS_LOOKED_FOR,
  defaultRepoConfig
} from "./chunk-YUSQHEK4.js";
import {
  splitShellWords
} from "./chunk-V6RXHKOK.js";
import {
  CONFIG_FILE
} from "./chunk-WQATJMJ6.js";
import {
  UserError,
  showUntrusted,
  valueAt
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/config/messages.ts
var PLAIN_KEY = /^[A-Za-z0-9_-]+$/;
var MAX_SHOWN_TEXT = 80;
function keyPathLabel(path) {
  if (path.length === 0) return "the top level";
  let label = "";
  for (const key of path) {
    if (typeof key === "number") label += `[${key}]`;
    else if (PLAIN_KEY.test(String(key))) label += (label ? "." : "") + String(key);
    else label += `[${JSON.stringify(String(key))}]`;
  }
  return label.includes('"') ? label : `"${label}"`;
}
__name(keyPathLabel, "keyPathLabel");
function locationLabel(path) {
  return path.length === 0 ? "at the top level" : `in ${keyPathLabel(path)}`;
}
__name(locationLabel, "locationLabel");
function describeValue(value) {
  if (typeof value === "string") return showUntrusted(value.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/, "$1***@"), MAX_SHOWN_TEXT);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === void 0) return "an empty value";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  return "a mapping";
}
__name(describeValue, "describeValue");
function ruleBroken(path, rule, value) {
  return `${keyPathLabel(path)} ${rule}, got ${describeValue(value)}`;
}
__name(ruleBroken, "ruleBroken");
function firstIssueOfMatchingOption(issue) {
  let found;
  for (const optionIssues of issue.errors) {
    const first = optionIssues[0];
    if (!first || first.code === "invalid_type" && first.path.length === 0) continue;
    if (found === void 0 || isFurther(first.path, found.path)) found = first;
  }
  return found;
}
__name(firstIssueOfMatchingOption, "firstIssueOfMatchingOption");
function isFurther(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === "number" && typeof b[i] === "number" && a[i] > b[i];
  }
  return a.length > b.length;
}
__name(isFurther, "isFurther");
function describeIssue(issue, data) {
  if (issue.code === "invalid_union") {
    const inner = firstIssueOfMatchingOption(issue);
    if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, data);
  }
  if (issue.code === "invalid_key") {
    const key = issue.path[issue.path.length - 1];
    const rule = issue.issues[0]?.message ?? issue.message;
    return `the key ${JSON.stringify(String(key))} ${locationLabel(issue.path.slice(0, -1))} ${rule}`;
  }
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
    return `unknown ${issue.keys.length === 1 ? "key" : "keys"} ${keys} ${locationLabel(issue.path)}; ${issue.message}`;
  }
  return ruleBroken(issue.path, issue.message, valueAt(data, issue.path));
}
__name(describeIssue, "describeIssue");

// src/core/config/schemas.ts
import { posix } from "node:path";

// src/core/config/tolerance.ts
var TOLERANCE_TEXT = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/;
var TOLERANCE_RULE = 'must be a non-negative number or a percentage such as "2%"';
function toleranceFrom(value) {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? { kind: "absolute", value } : void 0;
  }
  const match = TOLERANCE_TEXT.exec(value);
  if (!match) return void 0;
  return { kind: match[2] === "%" ? "percent" : "absolute", value: Number(match[1]) };
}
__name(toleranceFrom, "toleranceFrom");

// src/core/config/schemas.ts
function mapping(shape) {
  const allowed = `allowed keys: ${Object.keys(shape).join(", ")}`;
  return strictObject(shape, {
    error: /* @__PURE__ */ __name((issue) => issue.code === "unrecognized_keys" ? allowed : `must be a mapping (${allowed})`, "error")
  });
}
__name(mapping, "mapping");
function optional(schema, description, defaultValue) {
  const key = nullish(schema);
  globalRegistry.add(key, defaultValue === void 0 ? { description } : { description, default: defaultValue });
  return key;
}
__name(optional, "optional");
function oneOrMore(item, rule, atLeastOne) {
  const list = array(item, { error: rule });
  return union([item, atLeastOne === void 0 ? list : list.check(_minLength(1, { error: atLeastOne }))], { error: rule });
}
__name(oneOrMore, "oneOrMore");
function text(rule) {
  return string({ error: rule }).check(_minLength(1));
}
__name(text, "text");
function isInsideRoot(path) {
  return !path.startsWith("/") && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes("..");
}
__name(isInsideRoot, "isInsideRoot");
function normalizePath(path) {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}
__name(normalizePath, "normalizePath");
function containedPath(rule) {
  return pipe(text(rule).check(refine(isInsideRoot, { error: rule })), transform(normalizePath));
}
__name(containedPath, "containedPath");
var MODEL_PATH_RULE = 'must be a relative path inside the model directory, without ".."';
var REPO_GLOB_RULE = 'must be a glob relative to the folder of model-ci.yml, without ".."';
var modelPath = containedPath(MODEL_PATH_RULE);
var OUTPUT_RULE = "must be a folder inside the model directory, not the directory itself";
var outputFolder = pipe(modelPath, string().check(refine((path) => path !== ".", { error: OUTPUT_RULE })));
var repoGlob = containedPath(REPO_GLOB_RULE);
var MODEL_GLOB_RULE = 'must be a glob relative to the model directory, without ".."';
var modelGlobs = pipe(
  oneOrMore(containedPath(MODEL_GLOB_RULE), `${MODEL_GLOB_RULE}, or a list of them`),
  transform((globs) => typeof globs === "string" ? [globs] : globs)
);
var repoGlobs = /* @__PURE__ */ __name((atLeastOne) => pipe(
  oneOrMore(repoGlob, `${REPO_GLOB_RULE}, or a list of them`, atLeastOne),
  transform((globs) => typeof globs === "string" ? [globs] : globs)
), "repoGlobs");
var runsOn = oneOrMore(
  text('must be a runner label such as "ubuntu-latest"'),
  'must be a runner label such as "ubuntu-latest", or a list of labels',
  "must list at least one runner label"
);
var python = string({
  error: /* @__PURE__ */ __name((issue) => typeof issue.input === "number" ? 'must be a quoted version such as "3.10" (YAML reads an unquoted 3.10 as the number 3.1)' : 'must be a Python version such as "3.11"', "error")
}).check(_minLength(1));
var TIMEOUT_RULE = "must be a positive number of minutes, such as 30 or 0.5";
var timeoutMinutes = number({ error: TIMEOUT_RULE }).check(_gt(0, { error: TIMEOUT_RULE }));
var onOff = boolean({ error: "must be true or false" });
var COMMAND_RULE = 'must be a command (a string such as "python src/train.py", or a list of arguments) or a list of commands, each a list of arguments';
var argument = string({
  error: /* @__PURE__ */ __name((issue) => typeof issue.input === "number" || typeof issue.input === "boolean" ? 'must be quoted, such as "10", so that YAML keeps it as written' : "must be text", "error")
});
var argumentList = array(argument, { error: COMMAND_RULE }).check(_minLength(1, { error: "must list the program to run" }));
var commands = pipe(
  union([string({ error: COMMAND_RULE }), argumentList, array(argumentList, { error: COMMAND_RULE }).check(_minLength(1, { error: "must list the commands to run" }))], {
    error: COMMAND_RULE
  }),
  transform((value, context) => {
    if (Array.isArray(value)) return value.every((item) => Array.isArray(item)) ? value : [value];
    const split = splitShellWords(value);
    if ("words" in split && split.words.length > 0) return [split.words];
    context.issues.push({ code: "custom", message: "error" in split ? split.error : "must name the program to run", input: value });
    return NEVER;
  })
);
var tolerance = pipe(
  union(
    [number({ error: TOLERANCE_RULE }).check(_gte(0)), string({ error: TOLERANCE_RULE }).check(_regex(TOLERANCE_TEXT))],
    { error: TOLERANCE_RULE }
  ),
  // The union admits only what toleranceFrom reads.
  transform((value) => toleranceFrom(value))
);
var bound = number({ error: "must be a number" });
var metricPolicyFields = mapping({
  goal: optional(_enum(["maximize", "minimize"], { error: "must be maximize or minimize" }), "Whether a higher (maximize) or lower (minimize) value is better. Without it, names with acc, f1, auc, precision, recall or r2 are maximized; loss, error, mae, mse, rmse or latency minimized; others get no verdict."),
  tolerance: optional(tolerance, 'How far the metric may move the wrong way before it counts as a regression: an absolute amount (0.005) or a percentage of the base value ("2%").', 0),
  gate: optional(onOff, "Fail the report when this metric regresses beyond its tolerance.", false),
  min: optional(bound, "Promotion bound: a model whose value is below this is not promoted."),
  max: optional(bound, "Promotion bound: a model whose value is above this is not promoted.")
});
var metricPolicy = metricPolicyFields.check(
  superRefine((policy, context) => {
    if (typeof policy.min === "number" && typeof policy.max === "number" && policy.min > policy.max) {
      context.addIssue({ code: "custom", path: ["min"], message: `must not be greater than "max" (${policy.max})`, input: policy.min });
    }
  })
);
function toPolicy(written) {
  const policy = {};
  if (written?.goal != null) policy.goal = written.goal;
  if (written?.tolerance != null) policy.tolerance = written.tolerance;
  if (written?.gate != null) policy.gate = written.gate;
  if (written?.min != null) policy.min = written.min;
  if (written?.max != null) policy.max = written.max;
  return policy;
}
__name(toPolicy, "toPolicy");
var METRICS_RULE = "must be a mapping of metric names or globs to policies, or a list of metric names";
var metricPattern = text('must be a metric name or glob, such as accuracy or "*loss*"');
var metrics = pipe(
  union(
    [
      array(metricPattern, { error: METRICS_RULE }),
      record(metricPattern, nullable(metricPolicy), { error: METRICS_RULE })
    ],
    { error: METRICS_RULE }
  ),
  transform(
    (value) => Array.isArray(value) ? value.map((pattern) => ({ pattern, policy: {} })) : Object.entries(value).map(([pattern, policy]) => ({ pattern, policy: toPolicy(policy) }))
  )
);
var METRICS_DESCRIPTION = 'Policies for metrics by exact name or glob ("*loss*", "test.*"); an exact name wins over a glob, then the first matching glob. A list of names tracks them with the default policy.';
var ENVIRONMENT_RULE = 'must be an environment name of 1 to 255 letters, digits, spaces, ".", "_" or "-"';
var LOGIN_RULE = 'must be a GitHub login: letters, digits and "-", and "[bot]" at the end for an app';
var logins = array(string({ error: LOGIN_RULE }).check(_regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/)), { error: "must be a list of GitHub logins" });
var environmentNameSchema = /* @__PURE__ */ __name(() => string({ error: ENVIRONMENT_RULE }).check(_regex(/^[A-Za-z0-9._ -]{1,255}$/)), "environmentNameSchema");
var environmentName = environmentNameSchema();
var describedEnvironmentName = environmentNameSchema();
globalRegistry.add(describedEnvironmentName, { description: "The environment's name, as GitHub Environments spell it." });
var ENVIRONMENT_ENTRY_RULE = "must be an environment name, or a mapping such as { name: staging, auto: true }";
var environmentEntry = pipe(
  union(
    [
      environmentName,
      mapping({
        name: describedEnvironmentName,
        auto: optional(onOff, "Promote every model a push to the default branch trained (or reused) and that passed all its gates to this environment, with `promote` and `version: auto`. The environment-order rule still applies: an automatic environment after a manual one receives only what is live in the one before.", false)
      })
    ],
    { error: ENVIRONMENT_ENTRY_RULE }
  ),
  transform((entry) => typeof entry === "string" ? { name: entry, auto: false } : { name: entry.name, auto: entry.auto ?? false })
);
var environments = array(environmentEntry, { error: "must be a list of environment names" }).check(
  _minLength(1, { error: "must list at least one environment" }),
  superRefine((entries, context) => {
    const seen = /* @__PURE__ */ new Set();
    entries.forEach((entry, index) => {
      const name = entry?.name;
      if (typeof name !== "string") return;
      const key = name.toLowerCase();
      if (seen.has(key)) {
        context.addIssue({ code: "custom", path: [index], message: "repeats an earlier environment (GitHub ignores case in environment names)", input: name });
      }
      seen.add(key);
    });
  })
);
var RUNS_ON_DESCRIPTION = "Runner label, or list of labels, for the training job.";
var PYTHON_DESCRIPTION = 'Python version for actions/setup-python; quote it ("3.10"), because YAML reads 3.10 as 3.1.';
var TIMEOUT_DESCRIPTION = "Minutes the training job may run, the job's timeout-minutes; a fraction is fine (0.5 is 30 seconds). model-ci stops the install, training and evaluation at this limit.";
var NAME_TEMPLATE_RULE = `must be a name in which {model} stands for the model's name, such as "{model}" or "ci/{model}"`;
var nameTemplate = text(NAME_TEMPLATE_RULE).check(refine((value) => !/[{}]/.test(value.replaceAll("{model}", "")), { error: NAME_TEMPLATE_RULE }));
var TRACKING_URI_RULE = "must be an http:// or https:// URL without a user name or password (give those in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)";
var trackingUri = text(TRACKING_URI_RULE).check(refine(isPlainHttpUrl, { error: TRACKING_URI_RULE }));
function isPlainHttpUrl(value) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}
__name(isPlainHttpUrl, "isPlainHttpUrl");
var repoFileSchema = mapping({
  models: optional(repoGlobs("must list at least one glob"), "Glob, or list of globs, of model directories. A matched directory that holds model.yml or src/train.py is a model named after the directory.", DEFAULT_REPO_CONFIG.models),
  shared: optional(repoGlobs(), "Glob, or list of globs, of files whose change retrains every model.", DEFAULT_REPO_CONFIG.shared),
  ignore: optional(
    repoGlobs(),
    'Glob, or list of globs, of files whose change retrains no model, wherever they are (for example "**/*.md": a README edit trains nothing). They still count in the fingerprint when a model trains for another change.',
    DEFAULT_REPO_CONFIG.ignore
  ),
  defaults: optional(
    mapping({
      "runs-on": optional(runsOn, RUNS_ON_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.runsOn),
      python: optional(python, PYTHON_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.python),
      "timeout-minutes": optional(timeoutMinutes, TIMEOUT_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.timeoutMinutes)
    }),
    "Settings for every model; a model.yml can override each."
  ),
  metrics: optional(metrics, METRICS_DESCRIPTION),
  environments: optional(environments, "Environments a model is promoted to, in promotion order: names, or mappings such as { name: staging, auto: true } for an environment that every push to the default branch promotes to automatically.", DEFAULT_REPO_CONFIG.environments),
  promotion: optional(
    mapping({
      "allow-pull-request-sources": optional(onOff, "Allow promoting a model trained on a pull request, not only one trained on the default branch.", DEFAULT_REPO_CONFIG.promotion.allowPullRequestSources),
      "record-creators": optional(
        logins,
        "GitHub logins whose model-ci:promote deployments count as promotion records, besides the identity of the promote job's own token (github-actions[bot] for the workflow's token): the app or account whose token recorded earlier promotions (quote a login ending in [bot]). A deployment anyone else created is ignored.",
        DEFAULT_REPO_CONFIG.promotion.recordCreators
      )
    }),
    "Promotion policy."
  ),
  mlflow: optional(
    mapping({
      "tracking-uri": optional(trackingUri, "The MLflow tracking server, when it is no secret; without it model-ci reads MLFLOW_TRACKING_URI from the environment (a secret in CI)."),
      experiment: optional(nameTemplate, "The MLflow experiment of each model's runs; {model} stands for the model's name.", DEFAULT_MLFLOW.experiment),
      "registered-model": optional(nameTemplate, "The registered model in MLflow's Model Registry that promote adds versions to and moves the environment's alias on; {model} stands for the model's name.", DEFAULT_MLFLOW.registeredModel),
      required: optional(onOff, "Fail train and promote when the MLflow server cannot be reached or refuses (false: warn, train and promote without MLflow).", DEFAULT_MLFLOW.required)
    }),
    "Turns on the MLflow integration (write `mlflow: {}` for the defaults): every training is an MLflow run, every promotion moves the environment's alias in the MLflow Model Registry."
  )
}).register(globalRegistry, {
  title: "model-ci.yml",
  description: "Configuration of model-ci, the CI/CD for a repository of machine-learning models. Every key is optional."
});
var modelFileSchema = mapping({
  name: optional(text("must be the name of the model directory"), "The model's name, ignored for identity: the directory's name is the model's name; a differing name draws a warning."),
  train: optional(
    commands,
    "Training command, run in the model directory without a shell: a string split into words like a shell would (quotes and backslashes, no variables or pipes), or a list of arguments; or a list of such argument lists, run one after the other (for example: prepare the data, then train), each only after the one before succeeded.",
    DEFAULT_TRAIN_COMMAND.join(" ")
  ),
  evaluate: optional(commands, "Evaluation command, or list of commands, run after train, in the same way."),
  monitor: optional(
    commands,
    "Monitoring command, or list of commands, run by `monitor` in the model directory against the live version of an environment, in the same way: MODEL_CI_LIVE_DIR holds the promoted version's verified files, MODEL_CI_DATA_DIR the monitoring data, and the last command writes metrics to MODEL_CI_METRICS_FILE; default the evaluate command (a model with neither is not monitored)."
  ),
  "monitor-data": optional(modelPath, "Folder of the monitoring data, relative to the model directory, passed to the monitor command as MODEL_CI_DATA_DIR.", DEFAULT_MONITOR_DATA),
  requirements: optional(modelPath, `Requirements file, relative to the model directory; default ${REQUIREMENTS_LOOKED_FOR.join(", else ")}, the first that exists.`),
  output: optional(outputFolder, "Directory, relative to the model directory, where training writes the model; it is uploaded as the artifact.", DEFAULT_OUTPUT),
  "metrics-file": optional(modelPath, `Metrics file (JSON, YAML or CSV), relative to the model directory; default <output>/${METRICS_FILE_NAME}.`),
  "runs-on": optional(runsOn, RUNS_ON_DESCRIPTION),
  python: optional(python, PYTHON_DESCRIPTION),
  "timeout-minutes": optional(timeoutMinutes, TIMEOUT_DESCRIPTION),
  metrics: optional(metrics, `${METRICS_DESCRIPTION} These come before the repository's policies.`),
  watch: optional(repoGlobs(), "Glob, or list of globs, relative to the folder of model-ci.yml (the repository root unless working-directory says otherwise), of files outside the model directory that count as the model's inputs.", []),
  ignore: optional(
    modelGlobs,
    `Glob, or list of globs, relative to the model directory, of the model's files whose change alone does not retrain it (for example "notebooks/**" or "*.md"). They still count in the fingerprint when it trains for another change.`,
    []
  ),
  cache: optional(onOff, "Skip training and reuse the earlier outputs when nothing the training reads has changed.", true),
  venv: optional(onOff, "Train in a venv made for the model (false: install the requirements into the interpreter itself and train with it).", true),
  "metrics-from": optional(
    _enum(["file", "mlflow"], { error: "must be file or mlflow" }),
    "Where the metrics come from: the metrics file the training writes (file), or the MLflow run model-ci created for the training (mlflow, which needs model-ci.yml's mlflow block).",
    "file"
  )
}).register(globalRegistry, {
  title: "model.yml",
  description: "Settings of one model in a model-ci repository, over model-ci.yml's defaults. Every key is optional."
});

// src/core/config/parse.ts
function parseFile(schema, text2, file) {
  if (text2 === void 0) return void 0;
  const data = loadYaml(text2, file);
  if (data === void 0 || data === null) return void 0;
  const result = schema.safeParse(data);
  if (!result.success) throw new UserError(`${file}: ${describeIssue(result.error.issues[0], data)}`, { file });
  return result.data;
}
__name(parseFile, "parseFile");
function parseRepoConfig(text2, file = CONFIG_FILE) {
  const config2 = defaultRepoConfig();
  const written = parseFile(repoFileSchema, text2, file);
  if (!written) return config2;
  return {
    models: written.models ?? config2.models,
    shared: written.shared ?? config2.shared,
    ignore: written.ignore ?? config2.ignore,
    defaults: {
      runsOn: written.defaults?.["runs-on"] ?? config2.defaults.runsOn,
      python: written.defaults?.python ?? config2.defaults.python,
      timeoutMinutes: written.defaults?.["timeout-minutes"] ?? config2.defaults.timeoutMinutes
    },
    metrics: written.metrics ?? config2.metrics,
    environments: written.environments?.map((entry) => entry.name) ?? config2.environments,
    autoEnvironments: written.environments?.filter((entry) => entry.auto).map((entry) => entry.name) ?? config2.autoEnvironments,
    promotion: {
      allowPullRequestSources: written.promotion?.["allow-pull-request-sources"] ?? config2.promotion.allowPullRequestSources,
      recordCreators: written.promotion?.["record-creators"] ?? config2.promotion.recordCreators
    },
    ...written.mlflow != null && { mlflow: mlflowConfig(written.mlflow) }
  };
}
__name(parseRepoConfig, "parseRepoConfig");
function mlflowConfig(written) {
  return {
    ...written["tracking-uri"] != null && { trackingUri: written["tracking-uri"] },
    experiment: written.experiment ?? DEFAULT_MLFLOW.experiment,
    registeredModel: written["registered-model"] ?? DEFAULT_MLFLOW.registeredModel,
    required: written.required ?? DEFAULT_MLFLOW.required
  };
}
__name(mlflowConfig, "mlflowConfig");
function setEntries(entries) {
  const result = {};
  for (const key in entries) {
    const value = entries[key];
    if (value !== null && value !== void 0) result[key] = value;
  }
  return result;
}
__name(setEntries, "setEntries");
function parseModelOverrides(text2, file) {
  const written = parseFile(modelFileSchema, text2, file);
  if (!written) return {};
  return setEntries({
    name: written.name,
    train: written.train,
    evaluate: written.evaluate,
    monitor: written.monitor,
    monitorData: written["monitor-data"],
    requirements: written.requirements,
    output: written.output,
    metricsFile: written["metrics-file"],
    runsOn: written["runs-on"],
    python: written.python,
    timeoutMinutes: written["timeout-minutes"],
    metrics: written.metrics,
    watch: written.watch,
    cache: written.cache,
    venv: written.venv,
    metricsFrom: written["metrics-from"],
    ignore: written.ignore
  });
}
__name(parseModelOverrides, "parseModelOverrides");

export {
  parseRepoConfig,
  parseModelOverrides
};
