import { MODEL_NAME_PATTERN } from '../../core/config/types.js'
import type { Manifest } from '../../core/manifest.js'
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest } from '../../core/manifest.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { isUserError } from '../../errors.js'
import type { ArtifactStore, ListedArtifact } from '../../ports/artifact-store.js'
import type { Logger } from '../../ports/logger.js'
import { inParallel } from '../../core/in-parallel.js'
import { modelOfArtifact } from '../../records/model-artifact.js'
import { readArtifactRecord } from '../../records/record-file.js'

/** Artifacts read at a time: each read is a few small requests, so enough to hide their latency. */
const PARALLEL_READS = 8
/**
 * Artifacts read per report. A batched matrix trains any number of models in its 256 jobs: this
 * bound only keeps a hostile run from making report read without end.
 */
const MAX_MODEL_ARTIFACTS = 10_000

type CollectPorts = { artifacts: ArtifactStore; logger: Logger }

/** One model's artifact of the run: its manifest, or why it could not be read. */
export type CollectedModel =
  | { model: string; artifact: ListedArtifact; manifest: Manifest }
  | { model: string; artifact: ListedArtifact; error: string }

/**
 * Reads the manifest of every `model-ci-<model>` artifact of run `runId` (this run when absent).
 * Only manifest.json is read out of each artifact, never the model files beside it, so the time
 * does not grow with the models' size. Everything is untrusted (a fork's run may have uploaded
 * it): the name must be a valid model name, the archive must be well formed (see
 * ArtifactStore.readFile), the manifest must fit MAX_MANIFEST_BYTES and the schema, and name the
 * model its artifact is named after. A model whose artifact fails any of these is returned with
 * the reason, and the others are read all the same. The artifact's digest is not checked (it
 * covers the model files, which are not read); `promote` checks it before it uses a model.
 */
export async function collectManifests(ports: CollectPorts, options: { runId?: number }): Promise<CollectedModel[]> {
  const listed = await ports.artifacts.list(options.runId)
  const artifacts: Array<{ model: string; artifact: ListedArtifact }> = []
  for (const artifact of listed) {
    const model = modelOfArtifact(artifact.name)
    if (model === undefined) continue
    if (!MODEL_NAME_PATTERN.test(model)) {
      ports.logger.warning(`artifact ${showUntrusted(artifact.name, 120)} was skipped: its name is not model-ci-<model> with a valid model name`)
      continue
    }
    artifacts.push({ model, artifact })
  }
  if (artifacts.length > MAX_MODEL_ARTIFACTS) {
    ports.logger.warning(`the run has ${artifacts.length} model artifacts; the report reads the first ${MAX_MODEL_ARTIFACTS}`)
    artifacts.length = MAX_MODEL_ARTIFACTS
  }
  return inParallel(artifacts, PARALLEL_READS, ({ model, artifact }) => readManifest(ports, { model, artifact, runId: options.runId }))
}

async function readManifest(ports: CollectPorts, item: { model: string; artifact: ListedArtifact; runId?: number }): Promise<CollectedModel> {
  const { model, artifact, runId } = item
  const source = `artifact ${artifact.name}${runId === undefined ? '' : ` of run ${runId}`}`
  try {
    const text = await readArtifactRecord(ports.artifacts, artifact, MANIFEST_FILE, { runId, maxBytes: MAX_MANIFEST_BYTES, source })
    const manifest = parseManifest(text, source)
    if (manifest.model !== model) {
      return { model, artifact, error: `${source}: the manifest is of model ${showUntrusted(manifest.model, 120)}, not ${model}, so it was not used` }
    }
    return { model, artifact, manifest }
  } catch (error) {
    if (isUserError(error)) return { model, artifact, error: error.message }
    // A read that still fails after the store's retries hides only this model.
    if (error instanceof Error && !(error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError)) {
      ports.logger.debug(`${source}: ${error.stack ?? error.message}`)
      return { model, artifact, error: `${source} could not be read: ${error.message.split('\n')[0]}` }
    }
    throw error
  }
}
