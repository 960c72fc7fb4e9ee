// What model-ci writes into MLflow (DESIGN.md section 9): names, tags and aliases. Pure: the
// train and promote commands talk to the server through the TrackingServer port.

/** An experiment or registered model name from its template: `{model}` stands for the model's name. */
export function mlflowName(template: string, model: string): string {
  return template.replaceAll('{model}', model)
}

/** What a reviewer needs to find a training from its MLflow run, as the run's tags. */
export function trainingTags(training: {
  model: string
  version: string
  fingerprint: string
  sha: string
  ref: string
  event: string
  runUrl?: string
  pullRequest?: number
}): Record<string, string> {
  const tags: Record<string, string> = {
    'model_ci.model': training.model,
    'model_ci.version': training.version,
    'model_ci.fingerprint': training.fingerprint,
    'model_ci.sha': training.sha,
    'model_ci.ref': training.ref,
    'model_ci.event': training.event,
    // MLflow's own tag for the commit: its UI shows it in the run's source column.
    'mlflow.source.git.commit': training.sha
  }
  if (training.runUrl !== undefined) tags['model_ci.run_url'] = training.runUrl
  if (training.pullRequest !== undefined) tags['model_ci.pull_request'] = String(training.pullRequest)
  return tags
}

/** The metrics model-ci read that the run does not have yet (the training's own logging wins). */
export function metricsToLog(read: Readonly<Record<string, number>>, logged: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(read).filter(([name]) => !Object.hasOwn(logged, name)))
}

/**
 * The registry alias of an environment: MLflow takes letters, digits, "_" and "-" (and no name
 * like `latest` or `v3`, which address versions), so other characters become "-" and such a
 * name gets an `env-` prefix. `staging` and `production` stay as they are.
 */
export function environmentAlias(environment: string): string {
  const alias = environment.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')
  return alias === 'latest' || /^v\d+$/.test(alias) ? `env-${alias}` : alias
}

/** The tags a promoted model version carries: which training it is and which promotion put it there. */
export function promotionTags(promotion: { version: string; digest: string; deploymentId: number }): Record<string, string> {
  return {
    'model_ci.version': promotion.version,
    'model_ci.digest': promotion.digest,
    'model_ci.deployment_id': String(promotion.deploymentId)
  }
}

/**
 * The registered version that holds a training already (an earlier promotion registered it), so
 * that promoting it again, or rolling back to it, moves the alias instead of adding a copy.
 */
export function versionHolding<T extends { tags: Record<string, string> }>(versions: readonly T[], training: { version: string; digest: string }): T | undefined {
  return versions.find((v) => v.tags['model_ci.version'] === training.version && v.tags['model_ci.digest'] === training.digest)
}

/** Where model-ci uploads a training's verified files in its run, when the training logged no model. */
export const UPLOADED_MODEL_PATH = 'model-ci'
