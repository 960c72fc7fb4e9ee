/** Whether a bigger or a smaller value of a metric is better. */
export type Goal = 'maximize' | 'minimize'

/** How far a metric may move the wrong way before it counts as a regression. */
export type Tolerance = { kind: 'absolute'; value: number } | { kind: 'percent'; value: number }

/** What the compare step and promotion do with one metric; unset fields take the compare defaults. */
export interface MetricPolicy {
  goal?: Goal
  tolerance?: Tolerance
  gate?: boolean
  /** Promotion bounds: a model whose metric is below `min` or above `max` is not promoted. */
  min?: number
  max?: number
}

/** A metric policy for the metrics whose name equals `pattern` or matches it as a glob. */
export interface MetricRule {
  pattern: string
  policy: MetricPolicy
}

/** model-ci.yml, resolved over the defaults. */
export interface RepoConfig {
  /** Globs of model directories. */
  models: string[]
  /** Globs of files whose change retrains every model. */
  shared: string[]
  /** Globs of files whose change alone retrains no model. */
  ignore: string[]
  defaults: { runsOn: string | string[]; python: string; timeoutMinutes: number }
  /** In file order. */
  metrics: MetricRule[]
  /** Promotion order. */
  environments: string[]
  /**
   * The environments marked `auto: true`, in promotion order: a push to the default branch
   * promotes the models it trained and that passed their gates to each (DESIGN.md section 9).
   */
  autoEnvironments: string[]
  promotion: {
    allowPullRequestSources: boolean
    /** Logins whose promotion records count, besides the token's own (see Deployments.list). */
    recordCreators: string[]
  }
  /** The MLflow integration; absent when model-ci.yml has no `mlflow:` block. */
  mlflow?: MlflowConfig
}

/** model-ci.yml's `mlflow:` block, resolved over its defaults. */
export interface MlflowConfig {
  /** The tracking server, when model-ci.yml names it; else MLFLOW_TRACKING_URI. */
  trackingUri?: string
  /** Experiment name, `{model}` standing for the model's name. */
  experiment: string
  /** Registered model name, `{model}` standing for the model's name. */
  registeredModel: string
  /** An unreachable or refusing server fails train and promote (false: a warning). */
  required: boolean
}

/** A model's model.yml as written: every key optional, camelCased. */
export interface ModelOverrides {
  name?: string
  /** Commands run in order, each an argument list (one for a single command). */
  train?: string[][]
  evaluate?: string[][]
  monitor?: string[][]
  monitorData?: string
  requirements?: string
  output?: string
  metricsFile?: string
  runsOn?: string | string[]
  python?: string
  timeoutMinutes?: number
  metrics?: MetricRule[]
  watch?: string[]
  cache?: boolean
  venv?: boolean
  metricsFrom?: 'file' | 'mlflow'
  /** Globs, relative to the model directory, of its files whose change alone does not retrain it. */
  ignore?: string[]
}

/** A model's config with every default applied. */
export interface ModelConfig {
  name: string
  /** The model directory, repository-relative posix path. */
  path: string
  /** Commands run in order, each an argument list, never run through a shell; one for a single command. */
  train: string[][]
  evaluate?: string[][]
  /**
   * The commands `monitor` runs against the live version (DESIGN.md section 9), in order, as train's:
   * model.yml's `monitor`, else `evaluate`; absent when the model has neither, and then it is not monitored.
   */
  monitor?: string[][]
  /** The monitoring data, relative to the model directory (default `data/monitoring`). */
  monitorData: string
  /** Relative to the model directory; absent when the model has no requirements file. */
  requirements?: string
  /** Relative to the model directory. */
  output: string
  /** Relative to the model directory. */
  metricsFile: string
  runsOn: string | string[]
  python: string
  timeoutMinutes: number
  /** The model's own rules first, then the repository's. */
  metrics: MetricRule[]
  /** Extra repository-relative globs that count as this model's inputs. */
  watch: string[]
  /** Reuse earlier outputs when the fingerprint is unchanged. */
  cache: boolean
  /** Train in a venv made for the model (false: install the requirements into the interpreter itself and train with it). */
  venv: boolean
  /** Set when the metrics are read from the training's MLflow run instead of the metrics file. */
  metricsFrom?: 'mlflow'
}

/** A model's name is its directory's name, and must match this. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
