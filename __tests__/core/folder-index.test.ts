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

describe('FolderIndex, asked about paths in the order a diff lists them', () => {
  it('answers each path by its own folder, also right after a path of another folder', () => {
    const index = new FolderIndex([
      ['models/a', 'a'],
      ['models/ab', 'ab'],
      ['models/b', 'b']
    ])
    const paths = ['models/a/1', 'models/a/x/2', 'models/ab/3', 'models/abc/4', 'models/b/5', 'models/b', 'models/b/6', 'README.md', 'models/a/7']
    expect(paths.map((path) => index.owner(path))).toEqual(['a', 'a', 'ab', undefined, 'b', undefined, 'b', undefined, 'a'])
  })

  it('still prefers the innermost of nested folders', () => {
    const index = new FolderIndex([
      ['models/a', 'outer'],
      ['models/a/sub', 'inner']
    ])
    const paths = ['models/a/x.py', 'models/a/sub/y.py', 'models/a/z.py', 'models/a/sub/w.py']
    expect(paths.map((path) => index.owner(path))).toEqual(['outer', 'inner', 'outer', 'inner'])
  })
})
