import { describe, expect, it } from '@jest/globals'
import { compileGlobs, globBase, globBases } from '../../src/core/globs.js'

describe('globBase', () => {
  it.each([
    ['models/*', 'models'],
    ['scripts/**', 'scripts'],
    ['data/processed/**', 'data/processed'],
    ['teams/*/models/*', 'teams'],
    ['data/*.csv', 'data'],
    ['config/settings.yml', 'config/settings.yml'],
    ['**/*.py', ''],
    ['{a,b}/**', ''],
    ['!scripts/**', ''],
    ['./scripts/**', ''],
    ['/abs/**', ''],
    ['a/../b/**', ''],
    ['models\\[x\\]/*', '']
  ])('%s → %j', (glob, base) => {
    expect(globBase(glob)).toBe(base)
  })

  it('is a folder that holds every path the glob matches', () => {
    const paths = ['scripts/a.py', 'scripts/deep/b.py', 'scriptsx/c.py', 'data/processed/x.csv', 'data/raw/y.csv', 'teams/t1/models/m/model.yml']
    for (const glob of ['scripts/**', 'data/processed/**', 'data/*/x.csv', 'teams/*/models/*/model.yml']) {
      const base = globBase(glob)
      for (const path of paths.filter(compileGlobs([glob]))) expect(path.startsWith(`${base}/`)).toBe(true)
    }
  })
})

describe('globBases', () => {
  it('drops repeats and bases inside another one', () => {
    expect(globBases(['scripts/**', 'scripts/lib/*.py', 'data/processed/**', 'data/*.csv', 'scripts/**'])).toEqual(['data', 'scripts'])
  })

  it('is the whole repository when one glob has no base', () => {
    expect(globBases(['scripts/**', '**/*.cfg'])).toEqual([''])
  })

  it('is empty for no globs', () => {
    expect(globBases([])).toEqual([])
  })
})
