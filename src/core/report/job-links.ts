// Which job of a run trained which model, from the names GitHub gives the jobs of a matrix.

import type { WorkflowJob } from '../../ports/workflow-runs.js'

/**
 * The model a job of the train matrix trains, from its name: GitHub names a matrix job after the
 * job, then its matrix values in parentheses, in the order of the matrix entry, and detect's
 * entries start with the model: `train (fraud, models/fraud, ubuntu-latest, 3.11, 60, sha256:…)`,
 * or `train (fraud)` for a workflow that names its jobs so. undefined for a job of no matrix.
 */
export function matrixModelOf(jobName: string): string | undefined {
  return /\(\s*([^,()\s]+)\s*(?:,[^()]*)?\)$/.exec(jobName)?.[1]
}

/**
 * The page of each of `models`' jobs among `jobs`. A model claimed by more than one job (another
 * matrix over the same models) gets the one that did not succeed, whose log is the one to read.
 */
export function jobUrlsOf(jobs: readonly WorkflowJob[], models: readonly string[]): Map<string, string> {
  const wanted = new Set(models)
  const found = new Map<string, WorkflowJob>()
  for (const job of jobs) {
    const model = matrixModelOf(job.name)
    if (model === undefined || !wanted.has(model)) continue
    const earlier = found.get(model)
    if (!earlier || (earlier.conclusion === 'success' && job.conclusion !== 'success')) found.set(model, job)
  }
  return new Map([...found].map(([model, job]) => [model, job.url]))
}
