import { describe, expect, it } from '@jest/globals'
import { compressionLevelFor } from '../../src/core/compression.js'

const MiB = 1024 * 1024

describe('compressionLevelFor', () => {
  it('deflates small text and pickles', () => {
    expect(compressionLevelFor([{ path: 'model.pkl', size: 5 * MiB }, { path: 'metrics.json', size: 200 }])).toBe(6)
  })

  it('stores files whose bytes are mostly compressed already', () => {
    expect(compressionLevelFor([{ path: 'weights.safetensors', size: 50 * MiB }, { path: 'config.json', size: 1000 }])).toBe(0)
  })

  it('stores a large artifact whatever it holds', () => {
    expect(compressionLevelFor([{ path: 'model.pkl', size: 300 * MiB }])).toBe(0)
  })

  it('deflates an empty artifact (a failed training uploads only its manifest)', () => {
    expect(compressionLevelFor([])).toBe(6)
  })
})
