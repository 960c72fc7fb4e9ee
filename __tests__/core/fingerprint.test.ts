import { describe, expect, it } from '@jest/globals'
import { fingerprint, groupFilesByDir } from '../../src/core/fingerprint.js'

const file = (path: string, oid = 'a'.repeat(40), mode = '100644') => ({ path, oid, mode })
const input = {
  modelFiles: [file('models/fraud/src/train.py'), file('models/fraud/model.yml', 'b'.repeat(40))],
  watchedFiles: [],
  sharedFiles: [file('scripts/prep.py', 'c'.repeat(40))],
  trainingConfig: { python: '3.11', train: ['python', 'src/train.py'] }
}

describe('fingerprint', () => {
  it('is a sha256 digest that does not depend on the order files are listed in', () => {
    const first = fingerprint(input)
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(fingerprint({ ...input, modelFiles: [...input.modelFiles].reverse() })).toBe(first)
  })

  it('changes when a file, a mode, a shared file or the training config changes', () => {
    const first = fingerprint(input)
    const changed = [
      { ...input, modelFiles: [file('models/fraud/src/train.py', 'd'.repeat(40)), input.modelFiles[1]] },
      { ...input, modelFiles: [file('models/fraud/src/train.py', 'a'.repeat(40), '100755'), input.modelFiles[1]] },
      { ...input, sharedFiles: [] },
      { ...input, trainingConfig: { python: '3.12', train: ['python', 'src/train.py'] } },
      // the same file counted as watched instead of shared is a different input set
      { ...input, sharedFiles: [], watchedFiles: input.sharedFiles }
    ]
    const prints = changed.map((variant) => fingerprint(variant))
    expect(new Set([first, ...prints]).size).toBe(changed.length + 1)
  })
})

describe('groupFilesByDir', () => {
  it('puts each file in the directory that holds it and leaves the rest out', () => {
    const groups = groupFilesByDir(
      [file('models/a/x'), file('models/a/sub/y'), file('models/b/z'), file('README.md'), file('models/ab/w')],
      new Set(['models/a', 'models/ab'])
    )
    expect(groups.get('models/a')?.map((f) => f.path)).toEqual(['models/a/x', 'models/a/sub/y'])
    expect(groups.get('models/ab')?.map((f) => f.path)).toEqual(['models/ab/w'])
    expect(groups.has('models/b')).toBe(false)
  })
})
