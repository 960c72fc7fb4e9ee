// Records a promotion: a deployment, then its `success` status. Only a deployment whose newest
// status is success counts as live, so a promotion that fails half way is never mistaken for one.
import { UserError } from '../../errors.js'
import type { Deployments, PromotionPayload } from '../../ports/deployments.js'
import type { Logger } from '../../ports/logger.js'

export interface RecordOptions {
  environment: string
  payload: PromotionPayload
  description: string
  /** The promoting run's page, linked from the status. */
  logUrl: string
  /**
   * What else the promotion changes (the MLflow alias): `apply` runs once the deployment exists
   * and before its success status, and its failure leaves the deployment an error; `undo` runs
   * when the success status cannot be set after `apply`, so neither is left without the other.
   */
  alongside?: { what: string; apply(deploymentId: number): Promise<void>; undo(): Promise<void> }
}

/** Creates the record and marks it successful; returns the deployment id. */
export async function recordPromotion(deployments: Deployments, logger: Logger, options: RecordOptions): Promise<number> {
  const { environment, payload } = options
  const what = `${payload.model} ${payload.version} to ${environment}`
  let deploymentId: number
  try {
    deploymentId = await deployments.create(environment, payload, options.description)
  } catch (error) {
    // If GitHub created it but the answer was lost, the deployment has no status: not live.
    throw new UserError(`the promotion of ${what} was not recorded: ${reasonOf(error)}; nothing was promoted, so run the promotion again`, { cause: error })
  }
  const alongside = options.alongside
  if (alongside) {
    try {
      await alongside.apply(deploymentId)
    } catch (error) {
      const marked = await markFailed(deployments, logger, deploymentId, options.logUrl)
      throw new UserError(
        `the promotion of ${what} was not recorded: ${alongside.what} failed (${reasonOf(error)}); deployment ${deploymentId} ${marked ? 'is marked as an error' : 'has no status'} and is not live, so run the promotion again`,
        { cause: error }
      )
    }
  }
  try {
    await deployments.setStatus(deploymentId, 'success', { logUrl: options.logUrl, description: `Promoted ${payload.version}` })
  } catch (error) {
    if (alongside) await undoAlongside(alongside, logger)
    const marked = await markFailed(deployments, logger, deploymentId, options.logUrl)
    throw new UserError(
      `the promotion of ${what} was not recorded: deployment ${deploymentId} was created, but its success status could not be set (${reasonOf(error)}); ` +
        `${marked ? 'it is marked as an error' : 'it has no status'} and is not live, so run the promotion again`,
      { cause: error }
    )
  }
  return deploymentId
}

async function undoAlongside(alongside: NonNullable<RecordOptions['alongside']>, logger: Logger): Promise<void> {
  try {
    await alongside.undo()
  } catch (error) {
    logger.warning(`${alongside.what} could not be undone (${reasonOf(error)}); undo it by hand`)
  }
}

/** Best effort: a deployment without any status is not live either. */
async function markFailed(deployments: Deployments, logger: Logger, deploymentId: number, logUrl: string): Promise<boolean> {
  try {
    await deployments.setStatus(deploymentId, 'error', { logUrl, description: 'model-ci could not record the promotion' })
    return true
  } catch (error) {
    logger.warning(`Deployment ${deploymentId} could not be marked as an error either (${reasonOf(error)}); it has no status, so it is not live`)
    return false
  }
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}
