// buildReportModels over a real repository in a temp folder (read without git): a model whose
// artifact could not be read is a failed model that carries the reason itself, not a report note.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { listFilesWithoutGit } from '../../../src/adapters/node/fs-listing.js'
import { FsWorkspace } from '../../../src/adapters/node/fs-workspace.js'
import type { CollectedModel } from '../../../src/commands/report/collect.js'
import { buildReportModels } from '../../../src/commands/report/models.js'
import { Repository } from '../../../src/repository/repository.js'
import { ScopedGit } from '../../../src/repository/scoped-git.js'
import { MAX_METRICS_FILE_BYTES } from '../../../src/core/metrics.js'
import { buildManifest } from '../../../src/core/manifest.js'
import type { Git } from '../../../src/ports/git.js'
import type { Logger } from '../../../src/ports/logger.js'
import { makeTempDir, removeDir } from '../../harness/git-repo.js'

const RUN_URL = 'https://github.com/octo/models/actions/runs/812'
const SHA = 'a'.repeat(40)
const logger: Logger = { info: () => undefined, debug: () => undefined, warning: () => undefined, group: (_title, work) => work() }

let root: string
let repository: Repository
beforeAll(async () => {
  root = makeTempDir('model-ci-report-models-')
  for (const [path, text] of Object.entries({
    'model-ci.yml': 'metrics:\n  accuracy: { gate: true }\n',
    'models/alpha/src/train.py': 'print("alpha")\n',
    'models/sneaky/src/train.py': 'print("sneaky")\n'
  })) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  repository = await Repository.read({ git: undefined, workspace: new FsWorkspace(root), logger, listFilesWithoutGit: () => listFilesWithoutGit(root) }, 'model-ci.yml')
})
afterAll(() => removeDir(root))

/** What alpha's training job uploads: a successful manifest with `metrics`. */
function alphaManifest(metrics: Record<string, number>) {
  return buildManifest({
    model: 'alpha',
    fingerprint: `sha256:${'ab'.repeat(32)}`,
    sha: SHA,
    ref: 'refs/heads/main',
    event: 'push',
    runId: 812,
    runAttempt: 1,
    createdAt: new Date('2026-11-27T10:00:00Z'),
    metrics,
    files: [],
    python: '3.11.7',
    runnerOs: 'Linux',
    timings: { install_s: 0, train_s: 1, evaluate_s: null },
    cache: { dependencies: 'none', run: 'miss' },
    failure: null
  })
}

describe('buildReportModels', () => {
  const artifact = (model: string, id: number) => ({ id, name: `model-ci-${model}`, size: 100, digest: `sha256:${'0'.repeat(64)}` })

  it('gives a model whose artifact could not be read the reason as its problem, and adds no note', async () => {
    const reason = 'artifact model-ci-sneaky: the manifest is of model "alpha", not sneaky, so it was not used'
    const collected: CollectedModel[] = [
      { model: 'alpha', artifact: artifact('alpha', 1), manifest: alphaManifest({ accuracy: 0.9 }) },
      { model: 'sneaky', artifact: artifact('sneaky', 2), error: reason }
    ]
    const { models, notes } = await buildReportModels(
      { git: undefined, logger },
      { repository, collected, expectedModels: ['alpha', 'sneaky'], baseline: undefined, baseSha: undefined, runUrl: RUN_URL }
    )
    expect(notes).toEqual([])
    const [alpha, sneaky] = models
    expect(alpha.comparison.model).toBe('alpha')
    expect(alpha.problem).toBeUndefined()
    expect(sneaky.comparison).toMatchObject({ model: 'sneaky', status: 'failed' })
    expect(sneaky.head).toBeUndefined()
    expect(sneaky).toMatchObject({ problem: reason, logUrl: RUN_URL })
  })

  it('warns, naming the committed metrics file, when it is too large to be a baseline', async () => {
    const warnings: string[] = []
    const recording: Logger = { ...logger, warning: (message) => void warnings.push(message) }
    const requested: string[] = []
    const oversized = Buffer.alloc(MAX_METRICS_FILE_BYTES + 1, 0x20)
    const git = new ScopedGit(
      {
        readObjects: async (names: readonly string[]) => {
          requested.push(...names)
          return names.map(() => ({ oid: '0'.repeat(40), type: 'blob', content: oversized }))
        }
      } as unknown as Git,
      ''
    )
    const { models } = await buildReportModels(
      { git, logger: recording },
      { repository, collected: [{ model: 'alpha', artifact: artifact('alpha', 1), manifest: alphaManifest({ accuracy: 0.9 }) }], expectedModels: ['alpha'], baseline: undefined, baseSha: SHA, runUrl: RUN_URL }
    )
    expect(requested).toEqual([`${SHA}:models/alpha/outputs/metrics.json`])
    expect(models[0].baseline).toEqual({ kind: 'none' })
    expect(warnings).toEqual([
      `models/alpha/outputs/metrics.json (as committed at aaaaaaa) is ${MAX_METRICS_FILE_BYTES + 1} bytes, more than the ${MAX_METRICS_FILE_BYTES} model-ci reads; alpha has no baseline`
    ])
  })

  it('gives an expected model with no artifact no problem: it is missing, not unreadable', async () => {
    const { models } = await buildReportModels(
      { git: undefined, logger },
      { repository, collected: [], expectedModels: ['alpha'], baseline: undefined, baseSha: undefined, runUrl: RUN_URL }
    )
    expect(models).toHaveLength(1)
    expect(models[0].comparison.status).toBe('missing')
    expect(models[0]).not.toHaveProperty('problem')
  })
})
