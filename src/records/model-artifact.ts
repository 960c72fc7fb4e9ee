import { LEDGER_ARTIFACT } from '../core/ledger.js'

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
