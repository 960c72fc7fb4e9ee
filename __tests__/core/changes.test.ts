import { describe, expect, it } from '@jest/globals'
import { addWatchedChanges, dropIgnoredChanges, mapChanges, trainingSettingsDiffer } from '../../src/core/changes.js'
import { parseRepoConfig } from '../../src/core/config.js'
import { compileGlobs, compileModelDirGlobs } from '../../src/core/globs.js'

const models = [
  { name: 'churn', path: 'models/churn' },
  { name: 'fraud', path: 'models/fraud' }
]
const base = {
  models,
  isModelDir: compileModelDirGlobs(['models/*']),
  isShared: compileGlobs(['scripts/**']),
  watchers: []
}

describe('mapChanges', () => {
  it('picks the model whose directory holds a changed file, and only that one', () => {
    const mapping = mapChanges({ ...base, changedPaths: ['models/fraud/src/train.py', 'README.md'] })
    expect([...mapping.selected.keys()]).toEqual(['fraud'])
    expect(mapping.selected.get('fraud')?.files).toEqual(['models/fraud/src/train.py'])
    expect(mapping.deleted).toEqual([])
  })

  it('picks every model when a shared file changes, naming the file', () => {
    const mapping = mapChanges({ ...base, changedPaths: ['scripts/prep.py'] })
    expect([...mapping.selected.keys()].sort()).toEqual(['churn', 'fraud'])
    expect(mapping.selected.get('churn')?.shared).toEqual(['scripts/prep.py'])
  })

  it("skips the paths of model-ci.yml's ignore globs everywhere: in a model, in shared, in watch", () => {
    const mapping = mapChanges({
      ...base,
      isIgnored: compileGlobs(['**/*.md']),
      watchers: [{ model: 'churn', matches: compileGlobs(['docs/**']) }],
      changedPaths: ['models/fraud/README.md', 'scripts/NOTES.md', 'docs/churn.md', 'models/churn/src/train.py']
    })
    expect([...mapping.selected.keys()]).toEqual(['churn'])
    expect(mapping.selected.get('churn')).toEqual({ files: ['models/churn/src/train.py'], watched: [], shared: [], notes: [] })
  })

  it("drops a model picked only by files its model.yml's ignore globs match, and keeps one with any other reason", () => {
    const mapping = mapChanges({
      ...base,
      changedPaths: ['models/fraud/notebooks/explore.ipynb', 'models/fraud/README.md', 'models/churn/README.md', 'models/churn/src/train.py']
    })
    dropIgnoredChanges(mapping, [
      { model: models[1], ignore: ['notebooks/**', '*.md'] },
      { model: models[0], ignore: ['*.md'] }
    ])
    expect([...mapping.selected.keys()]).toEqual(['churn'])
    const shared = mapChanges({ ...base, changedPaths: ['models/fraud/README.md', 'scripts/prep.py'] })
    dropIgnoredChanges(shared, [{ model: models[1], ignore: ['*.md'] }])
    expect([...shared.selected.keys()].sort()).toEqual(['churn', 'fraud'])
  })

  it("picks a model through its own watch globs", () => {
    const mapping = mapChanges({
      ...base,
      watchers: [{ model: 'churn', matches: compileGlobs(['data/churn/**']) }],
      changedPaths: ['data/churn/2026.csv', 'data/other.csv']
    })
    expect([...mapping.selected.keys()]).toEqual(['churn'])
    expect(mapping.selected.get('churn')?.watched).toEqual(['data/churn/2026.csv'])
  })

  it('maps the same with its watch globs applied afterwards, as detect does while model.yml files are read', () => {
    const watchers = [
      { model: 'churn', matches: compileGlobs(['data/churn/**', 'models/fraud/src/**']) },
      { model: 'fraud', matches: compileGlobs(['data/fraud/**']) }
    ]
    const changedPaths = ['data/churn/a.csv', 'data/churn/b.csv', 'models/fraud/src/train.py', 'models/churn/model.yml', 'scripts/x.py']

    const later = mapChanges({ ...base, changedPaths, watchers: [] })
    addWatchedChanges(later, changedPaths, watchers)

    expect(later).toEqual(mapChanges({ ...base, changedPaths, watchers }))
    expect(later.selected.get('churn')?.watched).toEqual(['data/churn/a.csv', 'data/churn/b.csv', 'models/fraud/src/train.py'])
  })

  it("maps a diff's runs of paths in one folder to its model, a nested model's paths to the inner one, and still sees shared files in a run", () => {
    const nested = [
      { name: 'outer', path: 'models/outer' },
      { name: 'inner', path: 'models/outer/inner' },
      { name: 'churn', path: 'models/churn' }
    ]
    const changedPaths = [
      'models/churn/a.py',
      'models/churn/b.py',
      'models/churn2/model.yml',
      'models/outer/a.py',
      'models/outer/inner/b.py',
      'models/outer/z.py',
      'scripts/a.py',
      'scripts/b.py'
    ]

    const mapping = mapChanges({ ...base, models: nested, isModelDir: compileModelDirGlobs(['models/**']), changedPaths })

    expect(mapping.selected.get('churn')?.files).toEqual(['models/churn/a.py', 'models/churn/b.py'])
    expect(mapping.selected.get('outer')?.files).toEqual(['models/outer/a.py', 'models/outer/z.py'])
    expect(mapping.selected.get('inner')?.files).toEqual(['models/outer/inner/b.py'])
    expect(mapping.selected.get('inner')?.shared).toEqual(['scripts/a.py', 'scripts/b.py'])
    expect(mapping.deleted).toEqual(['churn2'])
  })

  it('reports a model directory that is gone as deleted, never as selected', () => {
    const mapping = mapChanges({
      ...base,
      changedPaths: ['models/old/model.yml', 'models/old/src/train.py', 'models/old/data/x.csv']
    })
    expect(mapping.selected.size).toBe(0)
    expect(mapping.deleted).toEqual(['old'])
  })

  it('treats a rename as the new model changed and the old name deleted', () => {
    const mapping = mapChanges({
      ...base,
      models: [...models, { name: 'fraud-v2', path: 'models/fraud-v2' }].filter((m) => m.name !== 'fraud'),
      changedPaths: ['models/fraud/src/train.py', 'models/fraud-v2/src/train.py']
    })
    expect([...mapping.selected.keys()]).toEqual(['fraud-v2'])
    expect(mapping.deleted).toEqual(['fraud'])
  })

  it('does not call a model deleted when it moved to another folder under the same name', () => {
    const mapping = mapChanges({
      ...base,
      isModelDir: compileModelDirGlobs(['models/*', 'experiments/*']),
      models: [{ name: 'fraud', path: 'experiments/fraud' }],
      changedPaths: ['models/fraud/src/train.py', 'experiments/fraud/src/train.py']
    })
    expect(mapping.deleted).toEqual([])
    expect([...mapping.selected.keys()]).toEqual(['fraud'])
  })

  it('ignores a deleted folder that never was a model (no model.yml or src/train.py)', () => {
    const mapping = mapChanges({ ...base, changedPaths: ['models/notes/readme.md'] })
    expect(mapping.deleted).toEqual([])
    expect(mapping.selected.size).toBe(0)
  })
})

describe('trainingSettingsDiffer', () => {
  const head = parseRepoConfig('models: models/*\ndefaults: { python: "3.12" }\n', 'model-ci.yml')

  it('is true when defaults changed', () => {
    expect(trainingSettingsDiffer(parseRepoConfig('models: models/*\n', 'model-ci.yml'), head)).toBe(true)
  })

  it('is false when only metric policies changed', () => {
    const before = 'models: models/*\ndefaults: { python: "3.12" }\nmetrics: { accuracy: { goal: maximize } }\n'
    expect(trainingSettingsDiffer(parseRepoConfig(before, 'model-ci.yml'), head)).toBe(false)
  })
})
