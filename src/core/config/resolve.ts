import { posix } from 'node:path'
import { DEFAULT_MONITOR_DATA, DEFAULT_OUTPUT, DEFAULT_TRAIN_COMMAND, METRICS_FILE_NAME } from './defaults.js'
import type { ModelConfig, ModelOverrides, RepoConfig } from './types.js'

/**
 * A model's config: its model.yml over the repository's defaults over model-ci's. Lists are
 * copied, so changing the result changes neither the repository config nor the overrides.
 */
export function resolveModelConfig(
  repo: RepoConfig,
  model: { name: string; path: string },
  overrides: ModelOverrides,
  /** The first of REQUIREMENTS_LOOKED_FOR the model's folder has committed, if any. */
  facts: { requirementsFound: string | undefined }
): ModelConfig {
  const output = overrides.output ?? DEFAULT_OUTPUT
  const runsOn = overrides.runsOn ?? repo.defaults.runsOn
  const config: ModelConfig = {
    name: model.name,
    path: model.path,
    train: (overrides.train ?? [DEFAULT_TRAIN_COMMAND]).map((argv) => [...argv]),
    output,
    metricsFile: overrides.metricsFile ?? posix.join(output, METRICS_FILE_NAME),
    runsOn: Array.isArray(runsOn) ? [...runsOn] : runsOn,
    python: overrides.python ?? repo.defaults.python,
    timeoutMinutes: overrides.timeoutMinutes ?? repo.defaults.timeoutMinutes,
    metrics: [...(overrides.metrics ?? []), ...repo.metrics],
    watch: [...(overrides.watch ?? [])],
    cache: overrides.cache ?? true,
    venv: overrides.venv ?? true,
    monitorData: overrides.monitorData ?? DEFAULT_MONITOR_DATA
  }
  if (overrides.evaluate) config.evaluate = overrides.evaluate.map((argv) => [...argv])
  const monitor = overrides.monitor ?? overrides.evaluate
  if (monitor) config.monitor = monitor.map((argv) => [...argv])
  // Only when set: a field that every config carried would change every model's fingerprint.
  if (overrides.metricsFrom === 'mlflow') config.metricsFrom = 'mlflow'
  const requirements = overrides.requirements ?? facts.requirementsFound
  if (requirements !== undefined) config.requirements = requirements
  return config
}

function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys)
  if (typeof value !== 'object' || value === null) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key]
    if (child !== undefined) sorted[key] = withSortedKeys(child)
  }
  return sorted
}

/**
 * The part of a resolved config that affects training, as plain JSON with sorted keys, for the
 * fingerprint: everything but the metric policies, which only change how results are judged, and
 * the monitoring settings, which only change how a live version is watched.
 */
export function trainingConfigKey(config: ModelConfig): unknown {
  const { metrics: _judgedNotTrained, monitor: _watchedNotTrained, monitorData: _watchedDataNotTrained, train, evaluate, ...rest } = config
  // One command is hashed as its argument list, as before commands could be a list: the
  // fingerprints of existing models, which key their run-cache entries, stay what they were.
  return withSortedKeys({ ...rest, train: asWritten(train), evaluate: evaluate && asWritten(evaluate) })
}

function asWritten(commands: readonly string[][]): string[] | string[][] {
  return commands.length === 1 ? commands[0] : [...commands]
}
