import { jobUrlsOf } from '../../core/report/job-links.js'
import type { ReportModel } from '../../core/report/types.js'
import type { WorkflowJobs } from '../../ports/workflow-runs.js'

/**
 * `models` with each failed or missing model's "Job log" link on its own train job rather than
 * on the run page, where the run's jobs say which job that is. The jobs are listed once, and only
 * when some model needs the link; a model whose job is not found keeps the run page.
 */
export async function linkJobLogs(jobs: WorkflowJobs | undefined, runId: number, models: ReportModel[]): Promise<ReportModel[]> {
  const needing = models.filter((model) => model.comparison.status === 'failed' || model.comparison.status === 'missing')
  if (!jobs || needing.length === 0) return models
  const urls = jobUrlsOf(await jobs.listJobs(runId), needing.map((model) => model.comparison.model))
  return models.map((model) => {
    const url = needing.includes(model) ? urls.get(model.comparison.model) : undefined
    return url === undefined ? model : { ...model, logUrl: url }
  })
}
