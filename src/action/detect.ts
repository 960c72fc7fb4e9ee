import * as core from '@actions/core'
import { count } from '../core/report/format.js'
import { readRunContext } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getDetectInputs } from '../adapters/github/inputs.js'
import { appendStepSummary } from '../adapters/github/step-summary.js'
import { detect } from '../commands/detect/detect.js'
import type { DetectResult } from '../commands/detect/detect.js'
import { Outputs } from '../constants.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/** `command: detect` on a GitHub runner. */
export async function runDetectAction(common: CommonInputs): Promise<void> {
  const inputs = getDetectInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const result = await withAnnotationPaths(checkout, () =>
    detect(
      {
        ...checkout.ports,
        pullRequestFiles: async () => {
          const { createGitHubClient } = await import('../adapters/github/octokit.js')
          const { GitHubPullRequestFiles } = await import('../adapters/github/pull-request-files.js')
          return new GitHubPullRequestFiles(createGitHubClient(inputs.token), context.repository)
        },
        ledger: async () => {
          const { defaultBranchLedger } = await import('./default-branch-ledger.js')
          return defaultBranchLedger({ token: inputs.token, repository: context.repository, branch: context.defaultBranch, logger: checkout.ports.logger })
        }
      },
      { context, models: inputs.models, configFile: inputs.configFile, maxJobs: inputs.maxJobs, jobs: inputs.jobs }
    )
  )
  setDetectOutputs(result)
  appendStepSummary(result.summary)
  core.info(`${count(result.models.length, 'model')} to train${listed(result.models)}`)
  if (result.matrix.include.length < result.models.length) core.info(`in ${result.matrix.include.length} jobs (more models than max-jobs, ${inputs.maxJobs})`)
  if (result.deleted.length > 0) core.info(`${result.deleted.length} deleted${listed(result.deleted)}`)
}

function setDetectOutputs(result: DetectResult): void {
  core.setOutput(Outputs.Matrix, JSON.stringify(result.matrix))
  core.setOutput(Outputs.Models, JSON.stringify(result.models))
  core.setOutput(Outputs.HasModels, result.models.length > 0 ? 'true' : 'false')
  core.setOutput(Outputs.Deleted, JSON.stringify(result.deleted))
  core.setOutput(Outputs.BaseSha, result.baseSha)
  core.setOutput(Outputs.HeadSha, result.headSha)
}

/** Names for the log, cut short: the outputs and the summary hold them all. */
function listed(names: readonly string[]): string {
  const shown = 20
  if (names.length === 0) return ''
  return `: ${names.slice(0, shown).join(', ')}${names.length > shown ? ` and ${names.length - shown} more` : ''}`
}
