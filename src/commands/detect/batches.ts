import { batchId, packBatches, trainingsAtOnce } from '../../core/batching.js'
import type { Ledger } from '../../core/ledger.js'
import { isUserError } from '../../errors.js'
import type { Logger } from '../../ports/logger.js'
import type { BatchEntry, MatrixEntry } from '../../core/matrix.js'

export type { BatchEntry } from '../../core/matrix.js'

export interface Batching {
  entries: BatchEntry[]
  /** What the batches were balanced by, for the job summary. */
  balancedBy: string
}

/** How the models of a batch may train: how many at once (detect's `jobs`), and which models must train alone. */
export interface BatchTrainings {
  jobs: number
  trainsAlone: ReadonlySet<string>
}

/**
 * Packs the models' entries into at most `maxJobs` batches (see packBatches), balanced by each
 * model's training time in the default branch's newest ledger, each saying how many of its models
 * train at once (see trainingsAtOnce). `readLedger` is called only here, past the cap; without a
 * ledger, or when it cannot be read (warned), the batches are balanced by their count of models.
 */
export async function batchEntries(
  entries: readonly MatrixEntry[],
  maxJobs: number,
  trainings: BatchTrainings,
  readLedger: (() => Promise<Ledger | undefined>) | undefined,
  logger: Pick<Logger, 'debug' | 'warning'>
): Promise<Batching> {
  const { ledger, balancedBy } = await ledgerOrReason(readLedger, logger)
  const batches = packBatches(entries, {
    maxBatches: maxJobs,
    groupOf: (entry) => JSON.stringify([entry['runs-on'], entry.python]),
    secondsOf: (entry) => ledger?.models[entry.model]?.training_s
  })
  return {
    balancedBy,
    entries: batches.map((batch, index) => ({
      batch: batchId(index, batches.length),
      models: batch.map((entry) => entry.model),
      paths: batch.map((entry) => entry.path),
      jobs: trainingsAtOnce(trainings.jobs, batch.length, batch.some((entry) => trainings.trainsAlone.has(entry.model))),
      'runs-on': batch[0]['runs-on'],
      python: batch[0].python,
      // Rounded: 0.1 + 0.2 minutes should read 0.3, and twelve digits lose nothing a timeout needs.
      'timeout-minutes': Number(batch.reduce((sum, entry) => sum + entry['timeout-minutes'], 0).toPrecision(12)),
      fingerprints: batch.map((entry) => entry.fingerprint)
    }))
  }
}

async function ledgerOrReason(
  readLedger: (() => Promise<Ledger | undefined>) | undefined,
  logger: Pick<Logger, 'debug' | 'warning'>
): Promise<{ ledger?: Ledger; balancedBy: string }> {
  const byCount = 'the count of models in each job'
  if (!readLedger) return { balancedBy: `${byCount} (no ledger to read training times from)` }
  let ledger: Ledger | undefined
  try {
    ledger = await readLedger()
  } catch (error) {
    // The times only balance the jobs: any failure to read them (a token without `actions: read`,
    // GitHub unreachable) leaves the matrix as right, if less even. A bug still shows as one.
    if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) throw error
    const reason = isUserError(error) || error instanceof Error ? error.message.split('\n')[0] : String(error)
    logger.warning(`model-ci detect: the default branch's ledger could not be read (${reason}), so the jobs are balanced by their count of models, not by training time; give the detect job "actions: read"`)
    return { balancedBy: `${byCount} (the ledger could not be read: ${reason})` }
  }
  if (!ledger) {
    logger.debug('No ledger on the default branch yet: the jobs are balanced by their count of models')
    return { balancedBy: `${byCount} (the default branch has no ledger yet)` }
  }
  return { ledger, balancedBy: `each model's last training time in the ledger of run ${ledger.run_id}` }
}
