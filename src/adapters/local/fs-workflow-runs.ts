import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UserError } from '../../errors.js'
import type { RunContext } from '../../ports/event.js'
import type { WorkflowRun, WorkflowRuns } from '../../ports/workflow-runs.js'
import { createRecord, readRecord, recordIds, recordPath, replaceRecord } from './json-records.js'
import { LOCAL_STATE_DIR } from './state-dir.js'

/** Every local run belongs to one workflow, the CLI's; reports look ledgers up by this id. */
export const LOCAL_WORKFLOW_ID = 1

export type LocalConclusion = 'success' | 'failure' | 'cancelled'

/** A run of the CLI: what GitHub would say about it, plus what `report` needs to report it later. */
export interface LocalRun extends WorkflowRun {
  /** The trigger the run worked out from the checkout, as a runner would read it from its event. */
  context: RunContext
  /** The models the run set out to train (detect's list): the ones `report` expects. */
  models: string[]
}

/**
 * The WorkflowRuns port over `<repo>/.model-ci/runs/<id>.json`, one file per run of the CLI, with
 * `begin` and `finish` for the CLI to record its own runs. Ids count up from 1 in the order runs
 * begin; two CLIs beginning at once get different ids (see json-records.ts).
 */
export class FsWorkflowRuns implements WorkflowRuns {
  private readonly directory: string

  constructor(
    repositoryRoot: string,
    private readonly now: () => Date = () => new Date()
  ) {
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, 'runs')
  }

  /** Records a new run, in progress, and returns it with its id. */
  async begin(start: { context: RunContext; headBranch: string | null; models: string[] }): Promise<LocalRun> {
    const createdAt = this.now().toISOString()
    const trigger = start.context.trigger
    const id = await createRecord(this.directory, (id): LocalRun => ({
      id,
      workflowId: LOCAL_WORKFLOW_ID,
      headSha: trigger.kind === 'pull_request' ? trigger.headSha : start.context.sha,
      headBranch: start.headBranch,
      event: start.context.eventName,
      status: 'in_progress',
      conclusion: null,
      createdAt,
      url: this.urlOf(id),
      context: start.context,
      models: start.models
    }))
    return this.getOrFail(id)
  }

  /** Marks run `runId` completed with `conclusion`. */
  async finish(runId: number, conclusion: LocalConclusion): Promise<LocalRun> {
    const run = await this.getOrFail(runId)
    const finished: LocalRun = { ...run, status: 'completed', conclusion }
    await replaceRecord(this.directory, runId, finished)
    return finished
  }

  async get(runId: number): Promise<LocalRun | undefined> {
    if (!Number.isSafeInteger(runId) || runId < 1) return undefined
    const file = recordPath(this.directory, runId)
    let value: unknown
    try {
      value = await readRecord(this.directory, runId)
    } catch (error) {
      throw unreadable(file, error instanceof Error ? error.message : String(error))
    }
    return value === undefined ? undefined : checkedRun(value, runId, file)
  }

  async listCompleted(filter: { workflowId?: number; branch?: string; event?: string; headSha?: string; limit: number }): Promise<LocalRun[]> {
    const runs: LocalRun[] = []
    for (const id of await recordIds(this.directory)) {
      if (runs.length >= filter.limit) break
      const run = await this.get(id)
      if (
        run !== undefined &&
        run.status === 'completed' &&
        (filter.workflowId === undefined || run.workflowId === filter.workflowId) &&
        (filter.branch === undefined || run.headBranch === filter.branch) &&
        (filter.event === undefined || run.event === filter.event) &&
        (filter.headSha === undefined || run.headSha === filter.headSha)
      ) {
        runs.push(run)
      }
    }
    return runs
  }

  /** The run's "page": its record, which a terminal or an editor opens. */
  private urlOf(runId: number): string {
    return pathToFileURL(recordPath(this.directory, runId)).href
  }

  private async getOrFail(runId: number): Promise<LocalRun> {
    const run = await this.get(runId)
    if (!run) throw new Error(`local run ${runId} is not in ${this.directory}`)
    return run
  }
}

/** A record read back: the fields every reader relies on are checked, so a hand-edited file is named, not misread. */
function checkedRun(value: unknown, id: number, file: string): LocalRun {
  const run = value as Partial<LocalRun> | null
  const fieldsOk =
    typeof run === 'object' &&
    run !== null &&
    run.id === id &&
    typeof run.workflowId === 'number' &&
    typeof run.headSha === 'string' &&
    (run.headBranch === null || typeof run.headBranch === 'string') &&
    typeof run.event === 'string' &&
    typeof run.status === 'string' &&
    (run.conclusion === null || typeof run.conclusion === 'string') &&
    typeof run.createdAt === 'string' &&
    typeof run.url === 'string' &&
    typeof run.context?.trigger?.kind === 'string' &&
    Array.isArray(run.models) &&
    run.models.every((model) => typeof model === 'string')
  if (!fieldsOk) throw unreadable(file, 'it is not a run record of this version of model-ci')
  return run as LocalRun
}

function unreadable(file: string, reason: string): UserError {
  return new UserError(`${file}: ${reason}; delete the file (the run's record is lost, its artifacts stay) or restore it`)
}
