import { beforeEach, describe, expect, it } from '@jest/globals'
import type { ResolveContext } from '../../../src/commands/promote/resolve-version.js'
import { resolveVersion } from '../../../src/commands/promote/resolve-version.js'
import { parseVersionRequest } from '../../../src/commands/promote/version-request.js'
import type { PromotionRecord } from '../../../src/ports/deployments.js'
import { FakeArtifacts, FakeBranchHistory, FakeRuns, addLedger, silentLogger, trainedArtifact } from './fakes.js'

describe('parseVersionRequest', () => {
  it.each([
    ['latest', { kind: 'latest' }],
    ['', { kind: 'latest' }],
    ['previous', { kind: 'previous' }],
    ['812', { kind: 'run', runId: 812 }],
    ['8800000001', { kind: 'run', runId: 8800000001, orCommit: '8800000001' }],
    ['3F2A9C1', { kind: 'commit', sha: '3f2a9c1' }],
    ['a'.repeat(40), { kind: 'commit', sha: 'a'.repeat(40) }],
    ['2026.11.27-100000-3f2a9c1-r812', { kind: 'label', label: '2026.11.27-100000-3f2a9c1-r812', runId: 812 }],
    ['2026.11.27-100000-3f2a9c1-r812.a2', { kind: 'label', label: '2026.11.27-100000-3f2a9c1-r812.a2', runId: 812 }]
  ])('reads %j', (text, request) => {
    expect(parseVersionRequest(text)).toEqual(request)
  })

  it.each(['newest', '3f2a9c', 'a'.repeat(41), '0812', '-1', '2026.11.27-3f2a9c1-r812'])('refuses %j', (text) => {
    expect(parseVersionRequest(text)).toBeUndefined()
  })
})

describe('resolveVersion', () => {
  let runs: FakeRuns
  let artifacts: FakeArtifacts
  beforeEach(() => {
    runs = new FakeRuns()
    artifacts = new FakeArtifacts()
  })

  const resolve = (version: string, records: Map<string, PromotionRecord[]> = new Map()) => {
    const context: ResolveContext = { model: 'fraud', version, environment: 'production', defaultBranch: 'main', records }
    return resolveVersion({ runs, artifacts, logger: silentLogger, history: new FakeBranchHistory() }, context)
  }

  /** A push run on main that trained fraud, with its artifact, and a ledger naming it. */
  function trainedOnMain(sha = 'c'.repeat(40)) {
    const run = runs.add({ headSha: sha })
    const trained = trainedArtifact({ model: 'fraud', run })
    const artifact = artifacts.add(run.id, 'model-ci-fraud', trained.files)
    addLedger(artifacts, run, { fraud: { manifest: trained.manifest, artifact } })
    return { run, artifact, manifest: trained.manifest }
  }

  it('resolves latest to the model of the newest ledger, expecting its version', async () => {
    trainedOnMain('1'.repeat(40))
    const newest = trainedOnMain('2'.repeat(40))
    const source = await resolve('latest')
    expect(source).toEqual({
      run: newest.run,
      artifact: { id: newest.artifact.id, name: 'model-ci-fraud', digest: newest.artifact.digest },
      expectedVersion: newest.manifest.version,
      foundAs: `latest on main (the ledger of run ${newest.run.id})`,
      rollback: false
    })
  })

  it("asks the ledger run for the ledger and the model's artifact by name, never for all of its artifacts", async () => {
    const { run } = trainedOnMain()
    const listed: Array<[number | undefined, string | undefined]> = []
    const list = artifacts.list.bind(artifacts)
    artifacts.list = async (runId, options) => {
      listed.push([runId, options?.name])
      return list(runId, options)
    }
    expect((await resolve('latest')).run.id).toBe(run.id)
    expect(listed).toEqual([
      [run.id, 'model-ci-ledger'],
      [run.id, 'model-ci-fraud']
    ])
  })

  it('finds the artifact of a run-cache hit in the ledger run, not in the run that trained it', async () => {
    const trainedRun = runs.add({ headSha: '1'.repeat(40) })
    const trained = trainedArtifact({ model: 'fraud', run: trainedRun })
    artifacts.add(trainedRun.id, 'model-ci-fraud', trained.files)
    const hitRun = runs.add({ headSha: '2'.repeat(40) })
    const reused = artifacts.add(hitRun.id, 'model-ci-fraud', { ...trained.files, 'outputs/extra': '' })
    addLedger(artifacts, hitRun, { fraud: { manifest: trained.manifest, artifact: reused } })
    const source = await resolve('latest')
    expect(source.run.id).toBe(hitRun.id)
    expect(source.artifact.id).toBe(reused.id)
    expect(source.expectedVersion).toBe(trained.manifest.version)
  })

  it('finds a carried-forward entry\'s artifact in the run that uploaded it, not in the ledger\'s run', async () => {
    const trainedRun = runs.add({ headSha: '1'.repeat(40) })
    const trained = trainedArtifact({ model: 'fraud', run: trainedRun })
    const hitRun = runs.add({ headSha: '2'.repeat(40) })
    const reused = artifacts.add(hitRun.id, 'model-ci-fraud', trained.files)
    const laterRun = runs.add({ headSha: '3'.repeat(40) })
    addLedger(artifacts, laterRun, { fraud: { manifest: trained.manifest, artifact: reused, artifactRunId: hitRun.id } })
    const source = await resolve('latest')
    expect(source.run.id).toBe(hitRun.id)
    expect(source.artifact.id).toBe(reused.id)
    expect(source.foundAs).toBe(`latest on main (the ledger of run ${laterRun.id})`)
  })

  it('refuses latest when the ledger digest is not the one GitHub lists', async () => {
    const { artifact } = trainedOnMain()
    artifact.digest = `sha256:${'0'.repeat(64)}`
    await expect(resolve('latest')).rejects.toThrow(/model-ci-fraud of run \d+ has digest sha256:0{64} on GitHub, but the ledger of run \d+ records sha256:/)
  })

  it('says so when no ledger exists, or the ledger lacks the model', async () => {
    await expect(resolve('latest')).rejects.toThrow(
      'version "latest" does not resolve to a training of fraud: no push to main has recorded a ledger yet (the report job writes it); run the workflow on main first; no version of fraud is known yet'
    )
    const run = runs.add()
    const churn = trainedArtifact({ model: 'churn', run })
    addLedger(artifacts, run, { churn: { manifest: churn.manifest, artifact: artifacts.add(run.id, 'model-ci-churn', churn.files) } })
    await expect(resolve('latest')).rejects.toThrow(`the newest ledger of main (run ${run.id}) has no model fraud; it has churn`)
  })

  it('resolves a run id, a version label and a commit sha to the same artifact', async () => {
    const { run, artifact, manifest } = trainedOnMain('3f2a9c1'.padEnd(40, '0'))
    for (const version of [String(run.id), manifest.version, run.headSha, '3f2a9c1']) {
      const source = await resolve(version)
      expect({ version, run: source.run.id, artifact: source.artifact.id }).toEqual({ version, run: run.id, artifact: artifact.id })
    }
    expect((await resolve(manifest.version)).expectedVersion).toBe(manifest.version)
  })

  it('prefers the successful default-branch push run of a commit with the artifact', async () => {
    const sha = 'd'.repeat(40)
    const main = trainedOnMain(sha)
    const pullRequest = runs.add({ headSha: sha, event: 'pull_request', headBranch: 'feature' })
    artifacts.add(pullRequest.id, 'model-ci-fraud', trainedArtifact({ model: 'fraud', run: pullRequest }).files)
    expect((await resolve(sha)).run.id).toBe(main.run.id)
  })

  it('takes all-digit text that is no run id as a short commit sha', async () => {
    const { run } = trainedOnMain('1234567'.padEnd(40, 'e'))
    expect((await resolve('1234567')).run.id).toBe(run.id)
  })

  it('refuses an ambiguous short sha and names the commits', async () => {
    trainedOnMain('abcdef01'.padEnd(40, '1'))
    trainedOnMain('abcdef02'.padEnd(40, '2'))
    await expect(resolve('abcdef0')).rejects.toThrow(/commit abcdef0 is ambiguous: runs of abcdef02.*, abcdef01.* match it; give more of the sha/)
  })

  it('names the newest versions that exist when a run has no such artifact or does not exist', async () => {
    const { manifest } = trainedOnMain()
    const other = runs.add()
    await expect(resolve(String(other.id))).rejects.toThrow(
      `version "${other.id}" does not resolve to a training of fraud: run ${other.id} has no artifact model-ci-fraud (it may have expired or been deleted); the newest versions of fraud: ${manifest.version} (latest on main)`
    )
    await expect(resolve('77')).rejects.toThrow(/there is no workflow run 77 in this repository; the newest versions of fraud: /)
    await expect(resolve('newest')).rejects.toThrow(/"newest" does not resolve to a training of fraud: it is not a run id, a commit sha/)
  })

  it('resolves previous to the version live before the current one, and marks it a rollback', async () => {
    const older = trainedOnMain('1'.repeat(40))
    const newer = trainedOnMain('2'.repeat(40))
    const record = (id: number, of: typeof older): PromotionRecord => ({
      deploymentId: id,
      environment: 'production',
      payload: { model: 'fraud', version: of.manifest.version, digest: of.artifact.digest, run_id: of.run.id, sha: of.run.headSha, metrics: {} },
      creator: 'octocat',
      createdAt: '2026-11-27T10:00:00Z',
      state: 'success',
      stateAt: null,
      logUrl: null
    })
    const records = new Map([['production', [record(3, newer), record(2, older)]]])
    const source = await resolve('previous', records)
    expect(source).toMatchObject({ run: { id: older.run.id }, expectedVersion: older.manifest.version, rollback: true, foundAs: 'previous in production (deployment 2)' })

    await expect(resolve('previous', new Map([['production', [record(3, newer)]]]))).rejects.toThrow(
      `"previous" rolls back to the version live in production before the current one, and only ${newer.manifest.version} has been live there; the newest versions of fraud: ${newer.manifest.version} (latest on main, live in production)`
    )
  })
})
