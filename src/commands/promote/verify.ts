// Downloads the artifact to promote and proves it is what its training wrote: the zip against the
// digest GitHub lists, then every output file against the manifest. Anything else in the
// artifact, or anything missing from it, refuses the promotion.
import { join } from 'node:path'
import type { Manifest, ManifestFile } from '../../core/manifest.js'
import { MANIFEST_FILE } from '../../core/manifest.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { FileSystem } from '../../ports/file-system.js'
import { downloadManifest } from '../../records/model-artifact.js'

/** The folder of the artifact that holds the model's output files, beside manifest.json. */
export const OUTPUTS_FOLDER = 'outputs'

export interface VerifyPorts {
  artifacts: ArtifactStore
  files: FileSystem
  hashTree: (root: string) => Promise<ManifestFile[]>
}

export interface ArtifactToVerify {
  runId: number
  artifact: { id: number; name: string; digest: string }
  model: string
  /** The version the manifest must have, when the request named one. */
  expectedVersion?: string
}

export interface VerifiedModel {
  manifest: Manifest
  /** The verified output files: `<destination>/outputs`. */
  modelDir: string
}

/**
 * Empties `destination`, downloads the artifact into it and verifies it. Throws a UserError that
 * names the artifact and the file at fault; `destination` is emptied again when it does.
 */
export async function downloadVerified(ports: VerifyPorts, source: ArtifactToVerify, destination: string): Promise<VerifiedModel> {
  await ports.files.remove(destination)
  try {
    return await verifiedDownload(ports, source, destination)
  } catch (error) {
    await ports.files.remove(destination)
    throw error
  }
}

async function verifiedDownload(ports: VerifyPorts, source: ArtifactToVerify, destination: string): Promise<VerifiedModel> {
  const { artifact, runId } = source
  const name = `artifact ${artifact.name} (id ${artifact.id}) of run ${runId}`
  // The store refuses content whose digest differs, and then puts nothing in the destination.
  const manifest = await downloadManifest(ports, { runId, artifact, name }, destination)
  if (manifest.model !== source.model) {
    throw refusal(name, `its manifest is for model ${showUntrusted(manifest.model, 100)}, not ${source.model}`)
  }
  if (manifest.status !== 'success') {
    throw refusal(name, `its training failed in the ${manifest.failure?.phase ?? 'unknown'} phase, so there is no model to promote`)
  }
  if (source.expectedVersion !== undefined && manifest.version !== source.expectedVersion) {
    throw refusal(name, `its manifest has version ${manifest.version}, not ${showUntrusted(source.expectedVersion, 100)}`)
  }
  const present = await ports.hashTree(destination)
  checkFiles(manifest.files, present, name)
  const modelDir = join(destination, OUTPUTS_FOLDER)
  // A training may write no files; the deploy step still gets a folder.
  await ports.files.makeDir(modelDir)
  return { manifest, modelDir }
}

/** Every file the manifest lists is present with its size and sha256, and nothing else is. */
function checkFiles(listed: readonly ManifestFile[], present: readonly ManifestFile[], name: string): void {
  const found = new Map(present.map((file) => [file.path, file]))
  found.delete(MANIFEST_FILE)
  for (const expected of listed) {
    const path = `${OUTPUTS_FOLDER}/${expected.path}`
    const file = found.get(path)
    if (!file) throw refusal(name, `${showUntrusted(path, 200)} is listed in its manifest but missing`)
    if (file.size !== expected.size) {
      throw refusal(name, `${showUntrusted(path, 200)} is ${file.size} bytes, but the manifest says ${expected.size}: it changed after the training`)
    }
    if (file.sha256 !== expected.sha256) {
      throw refusal(name, `${showUntrusted(path, 200)} has sha256 ${file.sha256}, but the manifest says ${expected.sha256}: it changed after the training`)
    }
    found.delete(path)
  }
  const [extra] = found.keys()
  if (extra !== undefined) {
    const more = found.size > 1 ? ` and ${found.size - 1} more file(s)` : ''
    throw refusal(name, `${showUntrusted(extra, 200)}${more} is not listed in its manifest`)
  }
}

function refusal(name: string, reason: string): UserError {
  return new UserError(`${name} failed verification and was not promoted: ${reason}`)
}
