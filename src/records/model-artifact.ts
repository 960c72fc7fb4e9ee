import { join } from 'node:path'
import { LEDGER_ARTIFACT } from '../core/ledger.js'
import type { Manifest } from '../core/manifest.js'
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest } from '../core/manifest.js'
import type { ArtifactStore } from '../ports/artifact-store.js'
import type { FileSystem } from '../ports/file-system.js'
import { readRecordFile } from './record-file.js'

const MODEL_ARTIFACT_PREFIX = 'model-ci-'

/** The artifact `train` uploads a model's manifest and outputs as. */
export function artifactName(model: string): string {
  return `${MODEL_ARTIFACT_PREFIX}${model}`
}

/**
 * The model an artifact name says it holds (what follows `model-ci-`, unchecked: artifact names
 * are untrusted), or undefined for the ledger and for artifacts that are not model-ci's.
 */
export function modelOfArtifact(name: string): string | undefined {
  if (!name.startsWith(MODEL_ARTIFACT_PREFIX) || name === LEDGER_ARTIFACT) return undefined
  return name.slice(MODEL_ARTIFACT_PREFIX.length)
}

/**
 * Downloads artifact `artifact` of run `runId` into `directory`, refused unless its content has
 * the digest GitHub lists, and reads its manifest as untrusted (size-limited, schema-checked).
 * `name` says which artifact it is in errors.
 */
export async function downloadManifest(
  ports: { artifacts: ArtifactStore; files: FileSystem },
  source: { runId: number; artifact: { id: number; digest: string }; name: string },
  directory: string
): Promise<Manifest> {
  await ports.artifacts.download(source.artifact.id, directory, { runId: source.runId, expectedDigest: source.artifact.digest })
  return parseManifest(await readRecordFile(ports.files, join(directory, MANIFEST_FILE), MAX_MANIFEST_BYTES, source.name), `${source.name}, ${MANIFEST_FILE}`)
}
