import { posix } from 'node:path'
import * as z from 'zod/mini'
import { DEFAULT_MLFLOW, DEFAULT_MONITOR_DATA, DEFAULT_OUTPUT, DEFAULT_REPO_CONFIG, DEFAULT_TRAIN_COMMAND, REQUIREMENTS_LOOKED_FOR, METRICS_FILE_NAME } from './defaults.js'
import { splitShellWords } from './shell-words.js'
import { TOLERANCE_RULE, TOLERANCE_TEXT, toleranceFrom } from './tolerance.js'
import type { MetricPolicy, MetricRule } from './types.js'

// The zod definitions of model-ci.yml and model.yml, as written (kebab-case keys). They validate
// the files and generate the JSON Schemas that editors use. Every schema carries a message that
// says what is allowed ("must be …"); describeIssue adds the key path and the value found.
// Built once at load: detect parses thousands of model.yml files and must not rebuild them.
// zod/mini, not classic zod: the same validation core at a fraction of the bundle and load time,
// which detect's cold-start budget needs. Its checks report with the message of the schema they
// are attached to, so `z.string({ error: rule }).check(z.minLength(1))` says `rule` for "".

/** A mapping that rejects unknown keys, naming the keys it allows. */
function mapping<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = `allowed keys: ${Object.keys(shape).join(', ')}`
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? allowed : `must be a mapping (${allowed})`)
  })
}

/** An optional key; an empty value (`key:` with nothing after it) means the same as no key. */
function optional<Schema extends z.core.SomeType>(schema: Schema, description: string, defaultValue?: unknown) {
  const key = z.nullish(schema)
  z.globalRegistry.add(key, defaultValue === undefined ? { description } : { description, default: defaultValue })
  return key
}

/** A value or a list of them; `atLeastOne` is the message for an empty list, which is allowed without it. */
function oneOrMore<Item extends z.ZodMiniType<string, string>>(item: Item, rule: string, atLeastOne?: string) {
  const list = z.array(item, { error: rule })
  return z.union([item, atLeastOne === undefined ? list : list.check(z.minLength(1, { error: atLeastOne }))], { error: rule })
}

function text(rule: string) {
  return z.string({ error: rule }).check(z.minLength(1))
}

function isInsideRoot(path: string): boolean {
  return !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..')
}

/** "./outputs/" → "outputs": one spelling per path, so the fingerprint does not depend on style. */
function normalizePath(path: string): string {
  const normal = posix.normalize(path)
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal
}

function containedPath(rule: string) {
  return z.pipe(text(rule).check(z.refine(isInsideRoot, { error: rule })), z.transform(normalizePath))
}

const MODEL_PATH_RULE = 'must be a relative path inside the model directory, without ".."'
const REPO_GLOB_RULE = 'must be a glob relative to the folder of model-ci.yml, without ".."'
const modelPath = containedPath(MODEL_PATH_RULE)
const OUTPUT_RULE = 'must be a folder inside the model directory, not the directory itself'
// The output folder is uploaded whole and emptied of stale metrics: the model's sources must not be in it.
const outputFolder = z.pipe(modelPath, z.string().check(z.refine((path) => path !== '.', { error: OUTPUT_RULE })))
const repoGlob = containedPath(REPO_GLOB_RULE)
const MODEL_GLOB_RULE = 'must be a glob relative to the model directory, without ".."'
const modelGlobs = z.pipe(
  oneOrMore(containedPath(MODEL_GLOB_RULE), `${MODEL_GLOB_RULE}, or a list of them`),
  z.transform((globs: string | string[]) => (typeof globs === 'string' ? [globs] : globs))
)
const repoGlobs = (atLeastOne?: string) =>
  z.pipe(
    oneOrMore(repoGlob, `${REPO_GLOB_RULE}, or a list of them`, atLeastOne),
    z.transform((globs: string | string[]) => (typeof globs === 'string' ? [globs] : globs))
  )

// Kept as written, one label or a list: it goes to the job's runs-on through the matrix.
const runsOn = oneOrMore(
  text('must be a runner label such as "ubuntu-latest"'),
  'must be a runner label such as "ubuntu-latest", or a list of labels',
  'must list at least one runner label'
)

const python = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? 'must be a quoted version such as "3.10" (YAML reads an unquoted 3.10 as the number 3.1)'
        : 'must be a Python version such as "3.11"'
  })
  .check(z.minLength(1))

// Any positive number, as GitHub's own `timeout-minutes` takes it: 0.5 is half a minute.
const TIMEOUT_RULE = 'must be a positive number of minutes, such as 30 or 0.5'
const timeoutMinutes = z.number({ error: TIMEOUT_RULE }).check(z.gt(0, { error: TIMEOUT_RULE }))

const onOff = z.boolean({ error: 'must be true or false' })

const COMMAND_RULE = 'must be a command (a string such as "python src/train.py", or a list of arguments) or a list of commands, each a list of arguments'

const argument = z.string({
  error: (issue) =>
    typeof issue.input === 'number' || typeof issue.input === 'boolean'
      ? 'must be quoted, such as "10", so that YAML keeps it as written'
      : 'must be text'
})

const argumentList = z.array(argument, { error: COMMAND_RULE }).check(z.minLength(1, { error: 'must list the program to run' }))

/**
 * Commands run one after the other, each an argument list: one command as a list as written or a
 * string split into words like a shell would, or a list of commands, each a list of arguments (told
 * from one command's arguments by its items being lists).
 */
const commands = z.pipe(
  z.union([z.string({ error: COMMAND_RULE }), argumentList, z.array(argumentList, { error: COMMAND_RULE }).check(z.minLength(1, { error: 'must list the commands to run' }))], {
    error: COMMAND_RULE
  }),
  z.transform((value: string | string[] | string[][], context): string[][] => {
    if (Array.isArray(value)) return value.every((item) => Array.isArray(item)) ? (value as string[][]) : [value as string[]]
    const split = splitShellWords(value)
    if ('words' in split && split.words.length > 0) return [split.words]
    context.issues.push({ code: 'custom', message: 'error' in split ? split.error : 'must name the program to run', input: value })
    return z.NEVER
  })
)

const tolerance = z.pipe(
  z.union(
    [z.number({ error: TOLERANCE_RULE }).check(z.gte(0)), z.string({ error: TOLERANCE_RULE }).check(z.regex(TOLERANCE_TEXT))],
    { error: TOLERANCE_RULE }
  ),
  // The union admits only what toleranceFrom reads.
  z.transform((value: number | string) => toleranceFrom(value)!)
)

const bound = z.number({ error: 'must be a number' })

const metricPolicyFields = mapping({
  goal: optional(z.enum(['maximize', 'minimize'], { error: 'must be maximize or minimize' }), 'Whether a higher (maximize) or lower (minimize) value is better. Without it, names with acc, f1, auc, precision, recall or r2 are maximized; loss, error, mae, mse, rmse or latency minimized; others get no verdict.'),
  tolerance: optional(tolerance, 'How far the metric may move the wrong way before it counts as a regression: an absolute amount (0.005) or a percentage of the base value ("2%").', 0),
  gate: optional(onOff, 'Fail the report when this metric regresses beyond its tolerance.', false),
  min: optional(bound, 'Promotion bound: a model whose value is below this is not promoted.'),
  max: optional(bound, 'Promotion bound: a model whose value is above this is not promoted.')
})

type WrittenPolicy = z.output<typeof metricPolicyFields>

const metricPolicy = metricPolicyFields.check(
  z.superRefine((policy: WrittenPolicy, context) => {
    if (typeof policy.min === 'number' && typeof policy.max === 'number' && policy.min > policy.max) {
      context.addIssue({ code: 'custom', path: ['min'], message: `must not be greater than "max" (${policy.max})`, input: policy.min })
    }
  })
)

function toPolicy(written: WrittenPolicy | null): MetricPolicy {
  const policy: MetricPolicy = {}
  if (written?.goal != null) policy.goal = written.goal
  if (written?.tolerance != null) policy.tolerance = written.tolerance
  if (written?.gate != null) policy.gate = written.gate
  if (written?.min != null) policy.min = written.min
  if (written?.max != null) policy.max = written.max
  return policy
}

const METRICS_RULE = 'must be a mapping of metric names or globs to policies, or a list of metric names'
const metricPattern = text('must be a metric name or glob, such as accuracy or "*loss*"')

const metrics = z.pipe(
  z.union(
    [
      z.array(metricPattern, { error: METRICS_RULE }),
      z.record(metricPattern, z.nullable(metricPolicy), { error: METRICS_RULE })
    ],
    { error: METRICS_RULE }
  ),
  z.transform((value: string[] | Record<string, WrittenPolicy | null>): MetricRule[] =>
    Array.isArray(value)
      ? value.map((pattern) => ({ pattern, policy: {} }))
      : Object.entries(value).map(([pattern, policy]) => ({ pattern, policy: toPolicy(policy) }))
  )
)

const METRICS_DESCRIPTION =
  'Policies for metrics by exact name or glob ("*loss*", "test.*"); an exact name wins over a glob, then the first matching glob. A list of names tracks them with the default policy.'

const ENVIRONMENT_RULE = 'must be an environment name of 1 to 255 letters, digits, spaces, ".", "_" or "-"'

const LOGIN_RULE = 'must be a GitHub login: letters, digits and "-", and "[bot]" at the end for an app'
const logins = z.array(z.string({ error: LOGIN_RULE }).check(z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/)), { error: 'must be a list of GitHub logins' })

const environmentNameSchema = () => z.string({ error: ENVIRONMENT_RULE }).check(z.regex(/^[A-Za-z0-9._ -]{1,255}$/))
const environmentName = environmentNameSchema()
const describedEnvironmentName = environmentNameSchema()
z.globalRegistry.add(describedEnvironmentName, { description: "The environment's name, as GitHub Environments spell it." })
const ENVIRONMENT_ENTRY_RULE = 'must be an environment name, or a mapping such as { name: staging, auto: true }'

/** An environment as model-ci.yml lists it: a name, or `{ name, auto }`. */
export interface EnvironmentEntry {
  name: string
  /** Promoted automatically on every push to the default branch (DESIGN.md section 9). */
  auto: boolean
}

const environmentEntry = z.pipe(
  z.union(
    [
      environmentName,
      mapping({
        name: describedEnvironmentName,
        auto: optional(onOff, 'Promote every model a push to the default branch trained (or reused) and that passed all its gates to this environment, with `promote` and `version: auto`. The environment-order rule still applies: an automatic environment after a manual one receives only what is live in the one before.', false)
      })
    ],
    { error: ENVIRONMENT_ENTRY_RULE }
  ),
  z.transform((entry: string | { name: string; auto?: boolean | null }): EnvironmentEntry => (typeof entry === 'string' ? { name: entry, auto: false } : { name: entry.name, auto: entry.auto ?? false }))
)

const environments = z
  .array(environmentEntry, { error: 'must be a list of environment names' })
  .check(
    z.minLength(1, { error: 'must list at least one environment' }),
    z.superRefine((entries: EnvironmentEntry[], context) => {
      // GitHub treats environment names without regard to case.
      const seen = new Set<string>()
      entries.forEach((entry, index) => {
        // An entry that failed its own rule has been reported already.
        const name = entry?.name
        if (typeof name !== 'string') return
        const key = name.toLowerCase()
        if (seen.has(key)) {
          context.addIssue({ code: 'custom', path: [index], message: 'repeats an earlier environment (GitHub ignores case in environment names)', input: name })
        }
        seen.add(key)
      })
    })
  )

const RUNS_ON_DESCRIPTION = 'Runner label, or list of labels, for the training job.'
const PYTHON_DESCRIPTION = 'Python version for actions/setup-python; quote it ("3.10"), because YAML reads 3.10 as 3.1.'
const TIMEOUT_DESCRIPTION = 'Minutes the training job may run, the job\'s timeout-minutes; a fraction is fine (0.5 is 30 seconds). model-ci stops the install, training and evaluation at this limit.'

const NAME_TEMPLATE_RULE = 'must be a name in which {model} stands for the model\'s name, such as "{model}" or "ci/{model}"'
// MLflow takes any text as an experiment or registered model name; braces other than {model} are
// refused so that a misspelt placeholder ("{name}") is not taken literally.
const nameTemplate = text(NAME_TEMPLATE_RULE).check(z.refine((value) => !/[{}]/.test(value.replaceAll('{model}', '')), { error: NAME_TEMPLATE_RULE }))
const TRACKING_URI_RULE = 'must be an http:// or https:// URL without a user name or password (give those in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)'
const trackingUri = text(TRACKING_URI_RULE).check(z.refine(isPlainHttpUrl, { error: TRACKING_URI_RULE }))

function isPlainHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

export const repoFileSchema = mapping({
  models: optional(repoGlobs('must list at least one glob'), 'Glob, or list of globs, of model directories. A matched directory that holds model.yml or src/train.py is a model named after the directory.', DEFAULT_REPO_CONFIG.models),
  shared: optional(repoGlobs(), 'Glob, or list of globs, of files whose change retrains every model.', DEFAULT_REPO_CONFIG.shared),
  ignore: optional(
    repoGlobs(),
    'Glob, or list of globs, of files whose change retrains no model, wherever they are (for example "**/*.md": a README edit trains nothing). They still count in the fingerprint when a model trains for another change.',
    DEFAULT_REPO_CONFIG.ignore
  ),
  defaults: optional(
    mapping({
      'runs-on': optional(runsOn, RUNS_ON_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.runsOn),
      python: optional(python, PYTHON_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.python),
      'timeout-minutes': optional(timeoutMinutes, TIMEOUT_DESCRIPTION, DEFAULT_REPO_CONFIG.defaults.timeoutMinutes)
    }),
    'Settings for every model; a model.yml can override each.'
  ),
  metrics: optional(metrics, METRICS_DESCRIPTION),
  environments: optional(environments, 'Environments a model is promoted to, in promotion order: names, or mappings such as { name: staging, auto: true } for an environment that every push to the default branch promotes to automatically.', DEFAULT_REPO_CONFIG.environments),
  promotion: optional(
    mapping({
      'allow-pull-request-sources': optional(onOff, 'Allow promoting a model trained on a pull request, not only one trained on the default branch.', DEFAULT_REPO_CONFIG.promotion.allowPullRequestSources),
      'record-creators': optional(
        logins,
        "GitHub logins whose model-ci:promote deployments count as promotion records, besides the identity of the promote job's own token (github-actions[bot] for the workflow's token): the app or account whose token recorded earlier promotions (quote a login ending in [bot]). A deployment anyone else created is ignored.",
        DEFAULT_REPO_CONFIG.promotion.recordCreators
      )
    }),
    'Promotion policy.'
  ),
  mlflow: optional(
    mapping({
      'tracking-uri': optional(trackingUri, 'The MLflow tracking server, when it is no secret; without it model-ci reads MLFLOW_TRACKING_URI from the environment (a secret in CI).'),
      experiment: optional(nameTemplate, 'The MLflow experiment of each model\'s runs; {model} stands for the model\'s name.', DEFAULT_MLFLOW.experiment),
      'registered-model': optional(nameTemplate, 'The registered model in MLflow\'s Model Registry that promote adds versions to and moves the environment\'s alias on; {model} stands for the model\'s name.', DEFAULT_MLFLOW.registeredModel),
      required: optional(onOff, 'Fail train and promote when the MLflow server cannot be reached or refuses (false: warn, train and promote without MLflow).', DEFAULT_MLFLOW.required)
    }),
    'Turns on the MLflow integration (write `mlflow: {}` for the defaults): every training is an MLflow run, every promotion moves the environment\'s alias in the MLflow Model Registry.'
  )
}).register(z.globalRegistry, {
  title: 'model-ci.yml',
  description: 'Configuration of model-ci, the CI/CD for a repository of machine-learning models. Every key is optional.'
})

export const modelFileSchema = mapping({
  name: optional(text('must be the name of the model directory'), "The model's name, ignored for identity: the directory's name is the model's name; a differing name draws a warning."),
  train: optional(
    commands,
    'Training command, run in the model directory without a shell: a string split into words like a shell would (quotes and backslashes, no variables or pipes), or a list of arguments; or a list of such argument lists, run one after the other (for example: prepare the data, then train), each only after the one before succeeded.',
    DEFAULT_TRAIN_COMMAND.join(' ')
  ),
  evaluate: optional(commands, 'Evaluation command, or list of commands, run after train, in the same way.'),
  monitor: optional(
    commands,
    "Monitoring command, or list of commands, run by `monitor` in the model directory against the live version of an environment, in the same way: MODEL_CI_LIVE_DIR holds the promoted version's verified files, MODEL_CI_DATA_DIR the monitoring data, and the last command writes metrics to MODEL_CI_METRICS_FILE; default the evaluate command (a model with neither is not monitored)."
  ),
  'monitor-data': optional(modelPath, 'Folder of the monitoring data, relative to the model directory, passed to the monitor command as MODEL_CI_DATA_DIR.', DEFAULT_MONITOR_DATA),
  requirements: optional(modelPath, `Requirements file, relative to the model directory; default ${REQUIREMENTS_LOOKED_FOR.join(', else ')}, the first that exists.`),
  output: optional(outputFolder, 'Directory, relative to the model directory, where training writes the model; it is uploaded as the artifact.', DEFAULT_OUTPUT),
  'metrics-file': optional(modelPath, `Metrics file (JSON, YAML or CSV), relative to the model directory; default <output>/${METRICS_FILE_NAME}.`),
  'runs-on': optional(runsOn, RUNS_ON_DESCRIPTION),
  python: optional(python, PYTHON_DESCRIPTION),
  'timeout-minutes': optional(timeoutMinutes, TIMEOUT_DESCRIPTION),
  metrics: optional(metrics, `${METRICS_DESCRIPTION} These come before the repository's policies.`),
  watch: optional(repoGlobs(), "Glob, or list of globs, relative to the folder of model-ci.yml (the repository root unless working-directory says otherwise), of files outside the model directory that count as the model's inputs.", []),
  ignore: optional(
    modelGlobs,
    "Glob, or list of globs, relative to the model directory, of the model's files whose change alone does not retrain it (for example \"notebooks/**\" or \"*.md\"). They still count in the fingerprint when it trains for another change.",
    []
  ),
  cache: optional(onOff, 'Skip training and reuse the earlier outputs when nothing the training reads has changed.', true),
  venv: optional(onOff, 'Train in a venv made for the model (false: install the requirements into the interpreter itself and train with it).', true),
  'metrics-from': optional(
    z.enum(['file', 'mlflow'], { error: 'must be file or mlflow' }),
    "Where the metrics come from: the metrics file the training writes (file), or the MLflow run model-ci created for the training (mlflow, which needs model-ci.yml's mlflow block).",
    'file'
  )
}).register(z.globalRegistry, {
  title: 'model.yml',
  description: "Settings of one model in a model-ci repository, over model-ci.yml's defaults. Every key is optional."
})
