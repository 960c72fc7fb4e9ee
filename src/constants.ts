/** Names of the action's inputs, as action.yml declares them. */
export enum Inputs {
  Command = 'command',
  Model = 'model',
  Models = 'models',
  MaxJobs = 'max-jobs',
  Jobs = 'jobs',
  Version = 'version',
  Environment = 'environment',
  Token = 'token',
  WorkingDirectory = 'working-directory',
  Config = 'config',
  DefaultBranch = 'default-branch',
  Python = 'python',
  PipArgs = 'pip-args',
  RetentionDays = 'retention-days',
  RunId = 'run-id',
  FailOnRegression = 'fail-on-regression',
  StatusFile = 'status-file'
}

/** Names of the action's outputs, as action.yml declares them. */
export enum Outputs {
  Matrix = 'matrix',
  Models = 'models',
  HasModels = 'has-models',
  Deleted = 'deleted',
  BaseSha = 'base-sha',
  HeadSha = 'head-sha',
  Metrics = 'metrics',
  ArtifactName = 'artifact-name',
  ArtifactId = 'artifact-id',
  Digest = 'digest',
  Fingerprint = 'fingerprint',
  CacheHit = 'cache-hit',
  Status = 'status',
  Regressions = 'regressions',
  CommentUrl = 'comment-url',
  Report = 'report',
  ModelDir = 'model-dir',
  Version = 'version',
  PreviousVersion = 'previous-version',
  DeploymentId = 'deployment-id',
  MlflowModelUri = 'mlflow-model-uri',
  Promoted = 'promoted',
  NotPromoted = 'not-promoted',
  StatusFile = 'status-file',
  Degraded = 'degraded'
}

/** GitHub refuses a matrix with more jobs than this. */
export const MAX_MATRIX_JOBS = 256

/** The most models that train at once in one process (the CLI's -j, a batched job's `jobs`). */
export const MAX_PARALLEL_TRAININGS = 1024

export const CONFIG_FILE = 'model-ci.yml'
export const MODEL_CONFIG_FILE = 'model.yml'
