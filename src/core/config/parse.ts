import type * as z from 'zod/mini'
import { CONFIG_FILE } from '../../constants.js'
import { UserError } from '../../errors.js'
import { DEFAULT_MLFLOW, defaultRepoConfig } from './defaults.js'
import { describeIssue } from './messages.js'
import { modelFileSchema, repoFileSchema } from './schemas.js'
import type { MlflowConfig, ModelOverrides, RepoConfig } from './types.js'
import { loadYaml } from './yaml.js'

/** The validated content of a config file, or undefined for a missing, empty or comment-only file. */
function parseFile<Schema extends z.ZodMiniType>(schema: Schema, text: string | undefined, file: string): z.output<Schema> | undefined {
  if (text === undefined) return undefined
  const data = loadYaml(text, file)
  if (data === undefined || data === null) return undefined
  const result = schema.safeParse(data)
  if (!result.success) throw new UserError(`${file}: ${describeIssue(result.error.issues[0], data)}`, { file })
  return result.data
}

/**
 * model-ci.yml over the defaults; undefined `text` (no file) gives the defaults. A key that is
 * absent or empty (`key:` with nothing after it) keeps its default.
 */
export function parseRepoConfig(text: string | undefined, file = CONFIG_FILE): RepoConfig {
  const config = defaultRepoConfig()
  const written = parseFile(repoFileSchema, text, file)
  if (!written) return config
  return {
    models: written.models ?? config.models,
    shared: written.shared ?? config.shared,
    ignore: written.ignore ?? config.ignore,
    defaults: {
      runsOn: written.defaults?.['runs-on'] ?? config.defaults.runsOn,
      python: written.defaults?.python ?? config.defaults.python,
      timeoutMinutes: written.defaults?.['timeout-minutes'] ?? config.defaults.timeoutMinutes
    },
    metrics: written.metrics ?? config.metrics,
    environments: written.environments?.map((entry) => entry.name) ?? config.environments,
    autoEnvironments: written.environments?.filter((entry) => entry.auto).map((entry) => entry.name) ?? config.autoEnvironments,
    promotion: {
      allowPullRequestSources: written.promotion?.['allow-pull-request-sources'] ?? config.promotion.allowPullRequestSources,
      recordCreators: written.promotion?.['record-creators'] ?? config.promotion.recordCreators
    },
    ...(written.mlflow != null && { mlflow: mlflowConfig(written.mlflow) })
  }
}

function mlflowConfig(written: NonNullable<z.output<typeof repoFileSchema>['mlflow']>): MlflowConfig {
  return {
    ...(written['tracking-uri'] != null && { trackingUri: written['tracking-uri'] }),
    experiment: written.experiment ?? DEFAULT_MLFLOW.experiment,
    registeredModel: written['registered-model'] ?? DEFAULT_MLFLOW.registeredModel,
    required: written.required ?? DEFAULT_MLFLOW.required
  }
}

type SetEntries<T> = { [K in keyof T]?: NonNullable<T[K]> }

/** The entries whose value is set: an empty key (`key:` with nothing after it) counts as absent. */
function setEntries<T extends object>(entries: T): SetEntries<T> {
  // A plain loop: this runs once per model.yml, thousands of times in a large repository.
  const result: SetEntries<T> = {}
  for (const key in entries) {
    const value = entries[key]
    if (value !== null && value !== undefined) result[key] = value as NonNullable<T[typeof key]>
  }
  return result
}

/**
 * A model's model.yml; undefined `text` (no file) gives no overrides. A `name` key is returned as
 * written and does not name the model: its directory does, and repositories that rename a
 * directory often leave the old `name:` behind, so the caller warns about a differing name rather
 * than failing.
 */
export function parseModelOverrides(text: string | undefined, file: string): ModelOverrides {
  const written = parseFile(modelFileSchema, text, file)
  if (!written) return {}
  return setEntries({
    name: written.name,
    train: written.train,
    evaluate: written.evaluate,
    monitor: written.monitor,
    monitorData: written['monitor-data'],
    requirements: written.requirements,
    output: written.output,
    metricsFile: written['metrics-file'],
    runsOn: written['runs-on'],
    python: written.python,
    timeoutMinutes: written['timeout-minutes'],
    metrics: written.metrics,
    watch: written.watch,
    cache: written.cache,
    venv: written.venv,
    metricsFrom: written['metrics-from'],
    ignore: written.ignore
  })
}
