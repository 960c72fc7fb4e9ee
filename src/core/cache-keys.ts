import { createHash } from 'node:crypto'

/**
 * Cache keys. GitHub allows 512 characters without commas; model names are at most 100 of
 * `[A-Za-z0-9._-]` and fingerprints are `sha256:<hex>`, so every key here fits.
 */

/** The run-cache entry of a training: same model, same fingerprint, same outputs. */
export function runCacheKey(model: string, fingerprint: string): string {
  return `model-ci-run-v1-${model}-${fingerprint.replace(/^sha256:/, '')}`
}

/**
 * The dependency cache of a model's venv: by runner OS, Python version, and what pip installs
 * (the requirements' text, the extra pip arguments, and the packages it inherits from the
 * interpreter's own venv, if any). The prefix without the hash is the
 * restore key that brings back the newest venv of the same OS and Python to install on top of.
 */
export function dependencyCacheKeys(input: {
  model: string
  runnerOs: string
  pythonVersion: string
  requirements: string
  pipArgs: readonly string[]
  /** Site-packages the venv reads beyond its own (the interpreter's venv): what pip found installed there it did not install. */
  inheritedSitePackages?: readonly string[]
}): { key: string; restoreKeys: string[] } {
  const prefix = `model-ci-deps-v1-${input.model}-${input.runnerOs}-py${input.pythonVersion}-`
  const hash = createHash('sha256').update(input.requirements).update('\0').update(input.pipArgs.join('\0'))
  if (input.inheritedSitePackages?.length) hash.update('\0\0').update(input.inheritedSitePackages.join('\0'))
  const digest = hash.digest('hex')
  return { key: `${prefix}${digest.slice(0, 32)}`, restoreKeys: [prefix] }
}
