import { basename } from 'node:path'
import { UserError } from '../errors.js'
import type { ArtifactStore, ListedArtifact } from '../ports/artifact-store.js'
import type { FileSystem } from '../ports/file-system.js'

/**
 * The text of a record file (manifest.json, ledger.json) unpacked from an untrusted artifact or
 * cache entry. Its size is checked before it is read, so that a huge one is refused rather than
 * loaded: a UserError says that `source` holds no such file, or one larger than `maxBytes`.
 */
export async function readRecordFile(files: FileSystem, path: string, maxBytes: number, source: string): Promise<string> {
  const name = basename(path)
  const size = await files.fileSize(path)
  if (size === undefined) throw new UserError(`${source} holds no ${name}`)
  if (size > maxBytes) throw new UserError(`${source}: ${name} is ${size} bytes, more than the ${maxBytes} model-ci reads`)
  return files.readText(path)
}

/**
 * The text of the record file `file` (manifest.json, ledger.json) at the root of an untrusted
 * artifact, read out of it without downloading the rest (ArtifactStore.readFile): a UserError says
 * that `source` holds no such file, or why it could not be read.
 */
export async function readArtifactRecord(
  artifacts: ArtifactStore,
  artifact: ListedArtifact,
  file: string,
  options: { runId?: number; maxBytes: number; source: string }
): Promise<string> {
  const text = await artifacts.readFile(artifact, file, { runId: options.runId, maxBytes: options.maxBytes })
  if (text === undefined) throw new UserError(`${options.source} holds no ${file}`)
  return text
}
