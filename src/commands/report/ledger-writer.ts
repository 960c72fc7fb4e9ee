import { join } from 'node:path'
import type { Ledger } from '../../core/ledger.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, nextLedger, serializeLedger } from '../../core/ledger.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { Logger } from '../../ports/logger.js'
import type { CollectedModel } from './collect.js'

/** JSON compresses well, and a ledger of thousands of models is read on every pull request. */
const LEDGER_COMPRESSION = 6

/**
 * Uploads the next ledger of the default branch as artifact `model-ci-ledger`: the previous one,
 * plus this run's successful trainings, minus the models no longer at head. A re-run attempt's
 * upload replaces the earlier attempt's (the ArtifactStore does that).
 */
export async function writeLedger(
  ports: { artifacts: ArtifactStore; files: FileSystem; logger: Logger },
  input: {
    previous: Ledger | undefined
    run: { branch: string; sha: string; runId: number }
    collected: readonly CollectedModel[]
    modelsAtHead: ReadonlySet<string>
    tempDir: string
  }
): Promise<{ artifactId: number; digest: string }> {
  const trainings = input.collected.flatMap((item) =>
    'manifest' in item && item.manifest.status === 'success' && item.artifact.digest !== undefined
      ? [{ manifest: item.manifest, artifact: { id: item.artifact.id, name: item.artifact.name, digest: item.artifact.digest } }]
      : []
  )
  const ledger = nextLedger(input.previous, input.run, trainings, input.modelsAtHead)
  const stored = await ports.files.inTempDir(input.tempDir, 'model-ci-next-ledger-', async (directory) => {
    const file = join(directory, LEDGER_FILE)
    await ports.files.writeText(file, serializeLedger(ledger))
    return ports.artifacts.upload(LEDGER_ARTIFACT, directory, [file], { compressionLevel: LEDGER_COMPRESSION })
  })
  ports.logger.info(`Wrote ${LEDGER_ARTIFACT} (${Object.keys(ledger.models).length} models, ${trainings.length} trained in this run): artifact ${stored.id}`)
  return { artifactId: stored.id, digest: stored.digest }
}
