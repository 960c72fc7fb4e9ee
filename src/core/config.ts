// The configuration module: model-ci.yml and model.yml, parsed, validated and resolved. Pure: the
// callers read the files and pass their text. The JSON Schemas for editors are built from the same
// definitions by ./config/json-schema.js, which is imported directly by the scripts and tests
// that need it, so it stays out of the action's bundle.
export type { Goal, MetricPolicy, MetricRule, ModelConfig, ModelOverrides, RepoConfig, Tolerance } from './config/types.js'
export { MODEL_NAME_PATTERN } from './config/types.js'
export { DEFAULT_REPO_CONFIG } from './config/defaults.js'
export { parseModelOverrides, parseRepoConfig } from './config/parse.js'
export { resolveModelConfig, trainingConfigKey } from './config/resolve.js'
export { parseTolerance } from './config/tolerance.js'
export { metricPolicyFor } from './config/metric-policy.js'
export { splitShellWords } from './config/shell-words.js'
export type { SplitResult } from './config/shell-words.js'
