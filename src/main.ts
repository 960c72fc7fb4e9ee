import * as core from '@actions/core'
import { getCommonInputs } from './adapters/github/inputs.js'
import { isUserError } from './errors.js'

/**
 * The action's entry: reads the command and runs it. Each command's module is imported only when
 * that command runs, so `detect` does not load the artifact and cache clients. Errors become one
 * failure here: a UserError as a one-line annotation, anything else with its stack.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getCommonInputs()
    switch (inputs.command) {
      case 'detect':
        await (await import('./action/detect.js')).runDetectAction(inputs)
        break
      case 'train':
        await (await import('./action/train.js')).runTrainAction(inputs)
        break
      case 'report':
        await (await import('./action/report.js')).runReportAction(inputs)
        break
      case 'promote':
        await (await import('./action/promote.js')).runPromoteAction(inputs)
        break
      case 'status':
        await (await import('./action/status.js')).runStatusAction(inputs)
        break
      case 'monitor':
        await (await import('./action/monitor.js')).runMonitorAction(inputs)
        break
    }
  } catch (error) {
    if (isUserError(error)) {
      core.error(error.message, { title: 'model-ci', file: error.file })
      process.exitCode = 1
    } else {
      core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error))
    }
  }
}
