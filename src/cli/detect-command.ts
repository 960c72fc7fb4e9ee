import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { isGitLabJob, parentPipelineVariables } from '../adapters/gitlab/gitlab-context.js'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsWorkflowRuns, LOCAL_WORKFLOW_ID } from '../adapters/local/fs-workflow-runs.js'
import type { BatchEntry } from '../commands/detect/batches.js'
import type { MatrixEntry } from '../commands/detect/detect.js'
import { detect } from '../commands/detect/detect.js'
import { MAX_MATRIX_JOBS } from '../constants.js'
import type { Ledger } from '../core/ledger.js'
import { describeLookalikes } from '../core/detect-summary.js'
import { escapeControlCharacters } from '../core/untrusted-text.js'
import { count } from '../core/report/format.js'
import { newestLedger } from '../records/ledger-history.js'
import type { CommandLine } from './args.js'
import type { LocalWorkspace } from './local-workspace.js'
import { openLocalWorkspace } from './local-workspace.js'
import type { LocalRunContext } from './run-context.js'
import { gitlabRunContext, localRunContext, warnIfUncommitted } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci detect`: the models `run` would train, one per line with its folder; with more than
 * `--max-jobs`, the jobs of GitHub's matrix they would be batched into, one per line. In a GitLab
 * CI job (GITLAB_CI=true) the trigger comes from the pipeline's variables; `--gitlab-child-pipeline
 * FILE` also writes the child pipeline that trains them (anywhere: locally it shows what GitLab would run).
 */
export async function detectCommand(line: Extract<CommandLine, { command: 'detect' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const runs = new FsWorkflowRuns(workspace.root)
  const options = { ...line.trigger, defaultBranch: line.common.defaultBranch }
  const local: LocalRunContext & { modelsShownAs?: string; checkoutAdvice?: string } = isGitLabJob(process.env) ? gitlabRunContext(process.env, options) : await localRunContext(workspace, runs, options)
  // A config to fix is the one line main() prints: the warning about uncommitted files waits for detect.
  const detected = await detect(
    { ...workspace.ports, ledger: () => localLedger(workspace, runs, local.context.defaultBranch) },
    { context: local.context, models: local.models, modelsShownAs: local.modelsShownAs ?? '--models', checkoutAdvice: local.checkoutAdvice, configFile: workspace.configFile, maxJobs: line.maxJobs, jobs: line.jobs }
  )
  warnIfUncommitted(workspace)
  terminal.out(`detect: ${local.description}`)
  const entries = detected.matrix.include
  if (detected.models.length === 0) {
    terminal.out('No model changed.')
  } else if (entries.length < detected.models.length) {
    terminal.out(`${detected.models.length} model(s) to train, more than --max-jobs ${line.maxJobs ?? MAX_MATRIX_JOBS}: in ${count(entries.length, 'job')} of GitHub's matrix`)
    for (const entry of entries as BatchEntry[]) {
      const runsOn = Array.isArray(entry['runs-on']) ? entry['runs-on'].join(', ') : entry['runs-on']
      const atOnce = entry.jobs > 1 ? `, ${entry.jobs} at a time` : ''
      terminal.out(`  ${entry.batch}  ${runsOn}, python ${entry.python}, ${entry['timeout-minutes']} min${atOnce}: ${entry.models.join(', ')}`)
    }
  } else {
    terminal.out(`${detected.models.length} model(s) to train:`)
    const width = Math.max(0, ...detected.models.map((model) => model.length))
    for (const entry of entries as MatrixEntry[]) terminal.out(`  ${entry.model.padEnd(width)}  ${entry.path}`)
  }
  if (detected.deleted.length > 0) terminal.out(`Deleted: ${detected.deleted.join(', ')}`)
  const lookalikes = describeLookalikes(detected.lookalikes, escapeControlCharacters)
  if (lookalikes) terminal.out(lookalikes)
  if (line.gitlabChildPipeline !== undefined) {
    const file = resolve(line.gitlabChildPipeline)
    await mkdir(dirname(file), { recursive: true })
    // Loaded only here: the YAML writer is no part of a plain detect's start-up.
    const { renderChildPipeline } = await import('../adapters/gitlab/child-pipeline.js')
    // The child's jobs run model-ci as this job does (the parent pipeline's MODEL_CI and MODEL_CI_SETUP),
    // and, in a GitLab job, report this pipeline's trigger as theirs (MODEL_CI_PARENT_*).
    const parent = isGitLabJob(process.env) ? parentPipelineVariables(process.env) : undefined
    await writeFile(file, renderChildPipeline(entries, { command: process.env.MODEL_CI, setup: process.env.MODEL_CI_SETUP, parent }))
    terminal.out(
      entries.length === 0
        ? `Wrote the GitLab child pipeline ${line.gitlabChildPipeline}: one job saying that no model changed`
        : `Wrote the GitLab child pipeline ${line.gitlabChildPipeline}: ${count(entries.length, 'training job')} and a report job`
    )
  }
  return 0
}

/** The default branch's newest ledger in `.model-ci/`, whose training times balance the batches. */
async function localLedger(workspace: LocalWorkspace, runs: FsWorkflowRuns, branch: string): Promise<Ledger | undefined> {
  const logger = workspace.ports.logger
  // The store's own run is never used: newestLedger names the run of every listing and read.
  const artifacts = new FsArtifactStore(workspace.root, 0, logger)
  const found = await newestLedger({ runs, artifacts, history: new GitBranchHistory(workspace.git), logger }, { branch, workflowId: LOCAL_WORKFLOW_ID })
  return found?.ledger
}
