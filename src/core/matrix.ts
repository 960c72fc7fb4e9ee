// The entries of detect's matrix (DESIGN.md sections 5 and 9), as GitHub's matrix and GitLab's
// child pipeline both take them.

/** One model's job. */
export interface MatrixEntry {
  model: string
  path: string
  'runs-on': string | string[]
  python: string
  'timeout-minutes': number
  fingerprint: string
}

/**
 * One job of a batched matrix (DESIGN.md section 9): its models, with their paths and fingerprints
 * in the same order. `batch` comes first, so that GitHub's job name, made of the matrix values in
 * their order, starts with it.
 */
export interface BatchEntry {
  batch: string
  models: string[]
  paths: string[]
  /**
   * How many of its models train at once: detect's `jobs` input, at most its count of models, and
   * 1 when one of them installs its requirements into the runner's own Python (`venv: false`).
   */
  jobs: number
  'runs-on': string | string[]
  python: string
  /**
   * The sum of its models' timeouts: enough when they train one after the other, and still when
   * `jobs` of them train at once, with room for what runs outside a model's own timeout (the
   * run-cache, the upload).
   */
  'timeout-minutes': number
  fingerprints: string[]
}
