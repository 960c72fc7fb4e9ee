import type { RepoConfig } from './types.js'

export const DEFAULT_TRAIN_COMMAND: readonly string[] = ['python', 'src/train.py']
export const DEFAULT_REQUIREMENTS = 'src/requirements.txt'
/** Where a model's requirements are looked for when model.yml names none, in this order. */
export const REQUIREMENTS_LOOKED_FOR: readonly string[] = [DEFAULT_REQUIREMENTS, 'requirements.txt']
export const DEFAULT_OUTPUT = 'outputs'
export const METRICS_FILE_NAME = 'metrics.json'
/** Where a model's monitoring data is, relative to its directory, unless model.yml's `monitor-data` says (DESIGN.md section 9). */
export const DEFAULT_MONITOR_DATA = 'data/monitoring'
/** What an `mlflow:` block without keys means (DESIGN.md section 9). */
export const DEFAULT_MLFLOW = Object.freeze({ experiment: '{model}', registeredModel: '{model}', required: false })

/** A fresh copy of the defaults, so a caller that changes its config cannot change anyone else's. */
export function defaultRepoConfig(): RepoConfig {
  return {
    models: ['models/*'],
    shared: [],
    ignore: [],
    defaults: { runsOn: 'ubuntu-latest', python: '3.11', timeoutMinutes: 60 },
    metrics: [],
    environments: ['staging', 'production'],
    autoEnvironments: [],
    promotion: { allowPullRequestSources: false, recordCreators: [] }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** The config of a repository without model-ci.yml. Frozen: use defaultRepoConfig() for a copy to change. */
export const DEFAULT_REPO_CONFIG: RepoConfig = deepFreeze(defaultRepoConfig())
