// Monitoring results of local runs: `monitor` keeps each as `.model-ci/monitor/<run>.json`, the
// same monitor.json a GitHub job uploads as its `model-ci-monitor` artifact.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { recordIds, recordPath } from '../adapters/local/json-records.js'
import { LOCAL_STATE_DIR } from '../adapters/local/state-dir.js'
import { isUserError } from '../errors.js'
import type { Logger } from '../ports/logger.js'
import type { MonitorResult } from '../records/monitor-results.js'
import { MAX_MONITOR_BYTES, parseMonitorResult } from '../records/monitor-results.js'

/** Where local monitoring results are kept, one `<run>.json` per monitoring run. */
export function localMonitorDir(root: string): string {
  return join(root, LOCAL_STATE_DIR, 'monitor')
}

/** The newest `limit` local monitoring results, newest first; one that cannot be read is warned about and skipped. */
export async function localMonitorResults(root: string, logger: Logger, limit: number): Promise<MonitorResult[]> {
  const directory = localMonitorDir(root)
  const results: MonitorResult[] = []
  for (const id of await recordIds(directory)) {
    if (results.length >= limit) break
    const path = recordPath(directory, id)
    const source = `${LOCAL_STATE_DIR}/monitor/${id}.json`
    try {
      const { size } = await stat(path)
      if (size > MAX_MONITOR_BYTES) throw new Error(`it is ${size} bytes, more than the ${MAX_MONITOR_BYTES} model-ci reads`)
      results.push(parseMonitorResult(await readFile(path, 'utf8'), source))
    } catch (error) {
      if (!isUserError(error) && !(error instanceof Error)) throw error
      logger.warning(`${isUserError(error) ? error.message : `${source}: ${error.message}`}; it was skipped`)
    }
  }
  return results
}
