import { describe, expect, it } from '@jest/globals'
import { FolderIndex } from '../../src/core/folder-index.js'

describe('FolderIndex', () => {
  it('finds the folder that holds a path at any depth, and none for paths outside', () => {
    const index = new FolderIndex([
      ['models/fraud', 'fraud'],
      ['teams/a/models/churn', 'churn']
    ])
    expect(index.owner('models/fraud/src/train.py')).toBe('fraud')
    expect(index.owner('teams/a/models/churn/model.yml')).toBe('churn')
    expect(index.owner('models/fraud')).toBeUndefined()
    expect(index.owner('models/fraudulent/x')).toBeUndefined()
    expect(index.owner('README.md')).toBeUndefined()
  })

  it('prefers the innermost folder when folders nest', () => {
    const index = new FolderIndex([
      ['models/a', 'outer'],
      ['models/a/sub', 'inner']
    ])
    expect(index.owner('models/a/sub/x.py')).toBe('inner')
    expect(index.owner('models/a/x.py')).toBe('outer')
  })
})
