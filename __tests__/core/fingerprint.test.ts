import { describe, expect, it } from '@jest/globals'
import { filesMatching, fingerprint } from '../../src/core/fingerprint.js'
import { compileGlobs } from '../../src/core/globs.js'

const file = (path: string, oid = 'a'.repeat(40), mode = '100644') => ({ path, oid, mode })
const input = {
  modelTree: '1'.repeat(40),
  watchedFiles: [],
  sharedFiles: [file('scripts/prep.py', 'c'.repeat(40)), file('scripts/util.py', 'd'.repeat(40))],
  trainingConfig: { python: '3.11', train: ['python', 'src/train.py'] }
}

describe('fingerprint', () => {
  it('is a sha256 digest that does not depend on the order files are listed in', () => {
    const first = fingerprint(input)
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(fingerprint({ ...input, sharedFiles: [...input.sharedFiles].reverse() })).toBe(first)
  })

  it("changes when the model's tree, a shared file, its mode, or the training config changes", () => {
    const first = fingerprint(input)
    const changed = [
      { ...input, modelTree: '2'.repeat(40) },
      { ...input, sharedFiles: [file('scripts/prep.py', 'e'.repeat(40)), input.sharedFiles[1]] },
      { ...input, sharedFiles: [file('scripts/prep.py', 'c'.repeat(40), '100755'), input.sharedFiles[1]] },
      { ...input, sharedFiles: [input.sharedFiles[1]] },
      { ...input, trainingConfig: { python: '3.12', train: ['python', 'src/train.py'] } },
      // the same files counted as watched instead of shared are a different input set
      { ...input, sharedFiles: [], watchedFiles: input.sharedFiles }
    ]
    const prints = changed.map((variant) => fingerprint(variant))
    expect(new Set([first, ...prints]).size).toBe(changed.length + 1)
  })
})

describe('fingerprint of many models with one list of shared files', () => {
  it('gives each model what it would get with a list of its own', () => {
    const shared = [file('scripts/util.py', 'd'.repeat(40)), file('scripts/prep.py', 'c'.repeat(40))]
    const models = ['1', '2', '3'].map((digit) => ({ ...input, modelTree: digit.repeat(40) }))

    const together = models.map((model) => fingerprint({ ...model, sharedFiles: shared }))
    const alone = models.map((model) => fingerprint({ ...model, sharedFiles: shared.map((entry) => ({ ...entry })) }))

    expect(together).toEqual(alone)
    expect(new Set(together).size).toBe(3)
  })
})

describe('filesMatching', () => {
  it('keeps the files a glob matches, dot files included', () => {
    const files = [file('scripts/a.py'), file('scripts/.env'), file('scripts2/b.py'), file('README.md')]
    expect(filesMatching(files, compileGlobs(['scripts/**'])).map((f) => f.path)).toEqual(['scripts/a.py', 'scripts/.env'])
  })
})
