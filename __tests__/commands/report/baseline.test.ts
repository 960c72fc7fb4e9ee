import { describe, expect, test } from '@jest/globals'
import { newestLedger } from '../../../src/records/ledger-history.js'
import { findBaselineLedger } from '../../../src/commands/report/baseline.js'
import { ScopedGit } from '../../../src/repository/scoped-git.js'
import type { Ledger } from '../../../src/core/ledger.js'
import { LEDGER_ARTIFACT, serializeLedger } from '../../../src/core/ledger.js'
import type { ArtifactStore, ListedArtifact } from '../../../src/ports/artifact-store.js'
import type { BranchHistory } from '../../../src/ports/branch-history.js'
import type { Git } from '../../../src/ports/git.js'
import type { Logger } from '../../../src/ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../../../src/ports/workflow-runs.js'

const WORKFLOW = 5
/** Commits of main, newest first: c0 is the tip; the pull request branched at c3. */
const MAIN = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((name) => name.padEnd(40, '0'))
const [TIP, , , BASE, BEFORE_BASE_1, BEFORE_BASE_2] = MAIN

function ledgerOf(runId: number, sha: string, accuracy: number): Ledger {
  const models = Object.create(null) as Ledger['models']
  models.fraud = {
    version: `v-${runId}`,
    fingerprint: `sha256:${'a'.repeat(64)}`,
    sha,
    run_id: runId,
    artifact_run_id: runId,
    artifact_id: runId * 10,
    artifact_name: 'model-ci-fraud',
    digest: `sha256:${'b'.repeat(64)}`,
    metrics: { accuracy },
    created_at: '2026-11-27T10:00:00Z'
  }
  return { schema: 1, branch: 'main', sha, run_id: runId, models }
}

interface FakeRun {
  id: number
  sha: string
  conclusion?: string
  /** The ledger the run uploaded: none when absent; text for a broken one. */
  ledger?: Ledger | string
  workflowId?: number
}

/** Push runs of main (newest first as given) and their ledger artifacts. */
function fakes(runs: FakeRun[]) {
  const warnings: string[] = []
  const reads: number[] = []
  const asRun = (run: FakeRun): WorkflowRun => ({
    id: run.id,
    workflowId: run.workflowId ?? WORKFLOW,
    headSha: run.sha,
    headBranch: 'main',
    event: 'push',
    status: 'completed',
    conclusion: run.conclusion ?? 'success',
    createdAt: '2026-11-27T10:00:00Z',
    url: `https://github.test/runs/${run.id}`
  })
  const workflowRuns: WorkflowRuns = {
    get: async (id) => runs.map(asRun).find((run) => run.id === id),
    listCompleted: async (filter) =>
      runs
        .map(asRun)
        .filter((run) => (filter.workflowId === undefined || run.workflowId === filter.workflowId) && run.event === filter.event)
        .slice(0, filter.limit)
  }
  const artifacts: ArtifactStore = {
    upload: async () => {
      throw new Error('not in this test')
    },
    list: async (runId, options): Promise<ListedArtifact[]> => {
      const run = runs.find((candidate) => candidate.id === runId)
      const held = run?.ledger === undefined ? [] : [{ id: run.id * 100, name: LEDGER_ARTIFACT, size: 1 }]
      return held.filter((artifact) => options?.name === undefined || artifact.name === options.name)
    },
    download: async () => {
      throw new Error('a ledger is read, not downloaded')
    },
    readFile: async (artifact, path) => {
      const run = runs.find((candidate) => candidate.id * 100 === artifact.id) as FakeRun
      reads.push(run.id)
      if (path !== 'ledger.json') return undefined
      return typeof run.ledger === 'string' ? run.ledger : serializeLedger(run.ledger as Ledger)
    }
  }
  const logger: Logger = {
    info: () => undefined,
    debug: () => undefined,
    warning: (message) => warnings.push(message),
    group: (_title, work) => work()
  }
  const git = {
    isShallow: async () => false,
    fetch: async () => true,
    firstParentAncestors: async (rev: string, limit: number) => MAIN.slice(MAIN.indexOf(rev), MAIN.indexOf(rev) + limit)
  } as unknown as Git
  const asked: string[] = []
  // main's history is MAIN; any other commit is not on the branch (a tag named main, a rewritten push).
  const history: BranchHistory = {
    contains: async (branch, sha) => {
      asked.push(sha)
      return branch === 'main' && MAIN.includes(sha)
    }
  }
  return { ports: { runs: workflowRuns, artifacts, logger, history, git: new ScopedGit(git, '') }, warnings, reads, asked }
}

function search(baseSha: string | undefined, excludeRunId = 999) {
  return { baseSha, branch: 'main', workflowId: WORKFLOW, excludeRunId }
}

describe('findBaselineLedger', () => {
  test("takes the ledger of the merge-base's own run over a newer one of the branch", async () => {
    const { ports } = fakes([
      { id: 40, sha: TIP, ledger: ledgerOf(40, TIP, 0.99) },
      { id: 30, sha: BASE, ledger: ledgerOf(30, BASE, 0.9) }
    ])
    const found = await findBaselineLedger(ports, search(BASE))
    expect(found).toMatchObject({ run: { id: 30 }, match: 'merge-base' })
    expect(found?.ledger.models.fraud.metrics).toEqual({ accuracy: 0.9 })
  })

  test('takes the nearest ancestor when the merge-base has no ledger (its run had nothing to report)', async () => {
    const { ports } = fakes([
      { id: 40, sha: TIP, ledger: ledgerOf(40, TIP, 0.99) },
      { id: 30, sha: BASE },
      { id: 20, sha: BEFORE_BASE_2, ledger: ledgerOf(20, BEFORE_BASE_2, 0.7) },
      { id: 25, sha: BEFORE_BASE_1, ledger: ledgerOf(25, BEFORE_BASE_1, 0.8) }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 25 }, match: 'ancestor', commitsBefore: 1 })
  })

  test('accepts a run that failed (its ledger records only successful trainings) and skips a cancelled one', async () => {
    const { ports } = fakes([
      { id: 31, sha: BASE, conclusion: 'cancelled', ledger: ledgerOf(31, BASE, 0.1) },
      { id: 30, sha: BEFORE_BASE_1, conclusion: 'failure', ledger: ledgerOf(30, BEFORE_BASE_1, 0.85) }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 30 }, match: 'ancestor', commitsBefore: 1 })
  })

  test('of two runs of one commit, the successful one comes first', async () => {
    const { ports } = fakes([
      { id: 32, sha: BASE, conclusion: 'failure', ledger: ledgerOf(32, BASE, 0.5) },
      { id: 31, sha: BASE, conclusion: 'success', ledger: ledgerOf(31, BASE, 0.9) }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 31 }, match: 'merge-base' })
  })

  test('falls back to the newest ledger when none is in the base history, and says so by its match', async () => {
    const { ports } = fakes([
      { id: 40, sha: TIP, ledger: ledgerOf(40, TIP, 0.99) },
      { id: 30, sha: BASE }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 40 }, match: 'newest' })
    expect(await findBaselineLedger(ports, search(undefined))).toMatchObject({ run: { id: 40 }, match: 'newest' })
  })

  test("never uses this run's own ledger (an earlier attempt's) or another workflow's", async () => {
    const { ports } = fakes([
      { id: 50, sha: BASE, ledger: ledgerOf(50, BASE, 0.99) },
      { id: 45, sha: BASE, ledger: ledgerOf(45, BASE, 0.98), workflowId: WORKFLOW + 1 },
      { id: 30, sha: BEFORE_BASE_1, ledger: ledgerOf(30, BEFORE_BASE_1, 0.9) }
    ])
    expect(await findBaselineLedger(ports, search(BASE, 50))).toMatchObject({ run: { id: 30 }, match: 'ancestor' })
  })

  test('skips a ledger that does not parse, with a warning, for the next one', async () => {
    const { ports, warnings } = fakes([
      { id: 30, sha: BASE, ledger: '{"schema": 1, "models": "__proto__"' },
      { id: 20, sha: BEFORE_BASE_1, ledger: ledgerOf(20, BEFORE_BASE_1, 0.9) }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 20 }, match: 'ancestor' })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('run 30')
  })

  test("refuses a ledger that names another run (one run's artifact passed off as another's)", async () => {
    const { ports, warnings } = fakes([
      { id: 30, sha: BASE, ledger: ledgerOf(12, BASE, 0.9) },
      { id: 20, sha: BEFORE_BASE_1, ledger: ledgerOf(20, BEFORE_BASE_1, 0.8) }
    ])
    expect(await findBaselineLedger(ports, search(BASE))).toMatchObject({ run: { id: 20 } })
    expect(warnings[0]).toContain('written by run 12')
  })

  test('deepens a shallow clone when the walk ends at its boundary, then finds the ancestor', async () => {
    const { ports } = fakes([{ id: 20, sha: BEFORE_BASE_2, ledger: ledgerOf(20, BEFORE_BASE_2, 0.7) }])
    let depth = 1
    const fetches: unknown[] = []
    const shallowGit = {
      isShallow: async () => true,
      fetch: async (refspecs: string[], options: unknown) => {
        fetches.push({ refspecs, options })
        depth = MAIN.length
        return true
      },
      firstParentAncestors: async (rev: string) => MAIN.slice(MAIN.indexOf(rev), MAIN.indexOf(rev) + depth)
    } as unknown as Git
    const found = await findBaselineLedger({ ...ports, git: new ScopedGit(shallowGit, '') }, search(BASE))
    expect(fetches).toEqual([{ refspecs: [BASE], options: { deepen: 200 } }])
    expect(found).toMatchObject({ run: { id: 20 }, match: 'ancestor', commitsBefore: 2 })
  })

  test("skips, with a warning, the ledger of a push named main whose commit is not in main's history, and asks only about runs with a ledger", async () => {
    const TAGGED = 'ab'.repeat(20)
    const { ports, warnings, reads, asked } = fakes([
      { id: 50, sha: TAGGED, ledger: ledgerOf(50, TAGGED, 0.99) },
      { id: 45, sha: TIP },
      { id: 40, sha: MAIN[1], ledger: ledgerOf(40, MAIN[1], 0.8) }
    ])
    expect(await findBaselineLedger(ports, search(undefined))).toMatchObject({ run: { id: 40 }, match: 'newest' })
    expect(reads).toEqual([40])
    expect(asked).toEqual([TAGGED, MAIN[1]])
    expect(warnings).toEqual([
      `The ledger of run 50 was skipped: artifact "model-ci-ledger" of run 50 is not a ledger of main: run 50 is a push named main, but its commit ${TAGGED} is not in the history of branch main (a tag named like the branch, or a commit since removed from it)`
    ])
  })

  test('no ledger anywhere: no baseline', async () => {
    const { ports } = fakes([{ id: 30, sha: BASE }])
    expect(await findBaselineLedger(ports, search(BASE))).toBeUndefined()
  })
})

describe('newestLedger', () => {
  test('is the newest run that holds a ledger, whatever its commit', async () => {
    const { ports } = fakes([
      { id: 41, sha: TIP },
      { id: 40, sha: MAIN[1], ledger: ledgerOf(40, MAIN[1], 0.95) },
      { id: 30, sha: BASE, ledger: ledgerOf(30, BASE, 0.9) }
    ])
    const found = await newestLedger(ports, { branch: 'main', workflowId: WORKFLOW })
    expect(found?.run.id).toBe(40)
    expect(found?.ledger.run_id).toBe(40)
  })
})
