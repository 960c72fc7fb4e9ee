// Where a run-cache entry came from. GitHub's cache scope of the default branch is written by every
// job that runs there, and a workflow_run or pull_request_target workflow elsewhere in the
// repository runs code of its own in it: an entry for the fingerprint of a pull request about to
// merge can be planted before the branch trains it. An entry says which run trained it; on the
// default branch that run must be the branch's own successful push, and the entry must be the
// training that run uploaded as its artifact, whose digest GitHub keeps.
import type { Manifest } from '../../core/manifest.js'
import { serializeManifest } from '../../core/manifest.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { WorkflowRuns } from '../../ports/workflow-runs.js'
import { notBranchPush } from '../../records/branch-push.js'
import { artifactName, downloadManifest } from '../../records/model-artifact.js'

/** What checks a run-cache entry's origin: given to `train` for a training on the default branch. */
export interface CacheOrigin {
  /** The default branch, whose runs the training belongs to. */
  branch: string
  runs: WorkflowRuns
  history: BranchHistory
}

export interface OriginCheck {
  /** The entry's manifest, already checked against the restored files. */
  manifest: Manifest
  /** The run training now: an earlier attempt of it is a trusted origin while it is still running. */
  thisRunId: number
  /** Scratch space for the origin's manifest. */
  tempDir: string
}

/**
 * Why the entry is not the default branch's own training, or undefined when it is: its run is a
 * successful push of the branch's history (or this very run, re-run), and that run's artifact of
 * the model, downloaded by the digest GitHub lists, holds the same manifest as the entry, file
 * digests included. That download costs what the entry's own restore did.
 */
export async function untrustedOrigin(ports: { artifacts: ArtifactStore; files: FileSystem }, origin: CacheOrigin, check: OriginCheck): Promise<string | undefined> {
  const { manifest } = check
  const run = await origin.runs.get(manifest.run_id)
  if (!run) return `its run ${manifest.run_id} is not a run of this repository`
  const notOwn = await notBranchPush(origin.history, run, origin.branch)
  if (notOwn !== undefined) return notOwn
  if (run.conclusion !== 'success' && run.id !== check.thisRunId) {
    return `its run ${run.id} ${run.conclusion === null ? `has not finished (${run.status})` : `concluded ${run.conclusion}`}, and only a successful run's training is reused`
  }
  const name = artifactName(manifest.model)
  const [artifact] = await ports.artifacts.list(run.id, { name })
  const digest = artifact?.digest
  if (artifact === undefined || digest === undefined) return `run ${run.id} has no artifact ${name} with a digest to check it against`
  const uploaded = await ports.files.inTempDir(check.tempDir, 'model-ci-cache-origin-', (directory) =>
    downloadManifest(ports, { runId: run.id, artifact: { id: artifact.id, digest }, name: `artifact ${name} of run ${run.id}` }, directory)
  )
  if (serializeManifest(uploaded) !== serializeManifest(manifest)) {
    return `it is not the training run ${run.id} uploaded as ${name} (${digest}): their manifests differ`
  }
  return undefined
}
