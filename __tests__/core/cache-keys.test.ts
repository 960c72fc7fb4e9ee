import { describe, expect, it } from '@jest/globals'
import { dependencyCacheKeys, runCacheKey } from '../../src/core/cache-keys.js'

const base = { model: 'fraud', runnerOs: 'Linux', pythonVersion: '3.11.7', requirements: 'numpy==2.0\n', pipArgs: [] as string[] }

describe('cache keys', () => {
  it('keys the run-cache by model and fingerprint, within GitHub limits', () => {
    const key = runCacheKey('fraud', `sha256:${'a'.repeat(64)}`)
    expect(key).toBe(`model-ci-run-v1-fraud-${'a'.repeat(64)}`)
    expect(runCacheKey('x'.repeat(100), `sha256:${'a'.repeat(64)}`).length).toBeLessThanOrEqual(512)
  })

  it('changes the dependency key with the requirements or the pip arguments, not the restore key', () => {
    const first = dependencyCacheKeys(base)
    const otherRequirements = dependencyCacheKeys({ ...base, requirements: 'numpy==2.1\n' })
    const otherArgs = dependencyCacheKeys({ ...base, pipArgs: ['--no-index'] })
    expect(new Set([first.key, otherRequirements.key, otherArgs.key]).size).toBe(3)
    expect(otherRequirements.restoreKeys).toEqual(first.restoreKeys)
    expect(first.key.startsWith(first.restoreKeys[0])).toBe(true)
  })

  it('separates runner systems and Python versions', () => {
    expect(dependencyCacheKeys({ ...base, runnerOs: 'macOS' }).restoreKeys).not.toEqual(dependencyCacheKeys(base).restoreKeys)
    expect(dependencyCacheKeys({ ...base, pythonVersion: '3.12.1' }).restoreKeys).not.toEqual(dependencyCacheKeys(base).restoreKeys)
  })
})
