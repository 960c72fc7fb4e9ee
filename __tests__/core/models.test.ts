import { describe, expect, it } from '@jest/globals'
import { compileModelDirGlobs } from '../../src/core/globs.js'
import { lookalikeFolders, markerFolders, modelsAmong } from '../../src/core/models.js'
import { UserError } from '../../src/errors.js'

const isModelDir = compileModelDirGlobs(['models/*'])

function discoverModels(paths: string[], matches: typeof isModelDir, configFile: string) {
  return modelsAmong(markerFolders(paths), matches, configFile)
}

describe('modelsAmong the marker folders', () => {
  it('finds directories with model.yml or src/train.py, sorted by name, each once', () => {
    const models = discoverModels(
      ['models/b/model.yml', 'models/b/src/train.py', 'models/a/src/train.py', 'models/c/README.md', 'other/d/model.yml'],
      isModelDir,
      'model-ci.yml'
    )
    expect(models).toEqual([
      { name: 'a', path: 'models/a' },
      { name: 'b', path: 'models/b' }
    ])
  })

  it('rejects an invalid model name with the directory named', () => {
    expect(() => discoverModels(['models/-bad name/model.yml'], isModelDir, 'model-ci.yml')).toThrow(
      new UserError(
        'models/-bad name: "-bad name" is not a valid model name; rename the directory to start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100 characters), or exclude it from "models" in model-ci.yml'
      )
    )
  })

  it('rejects the name the ledger artifact uses, naming the directory', () => {
    expect(() => discoverModels(['models/ledger/src/train.py'], isModelDir, 'model-ci.yml')).toThrow(
      new UserError(
        'models/ledger: "ledger" is reserved (model-ci stores its ledger as the artifact model-ci-ledger); rename the directory, or exclude it from "models" in model-ci.yml'
      )
    )
  })

  it('rejects two directories with the same model name', () => {
    expect(() =>
      discoverModels(['models/x/model.yml', 'legacy/x/model.yml'], compileModelDirGlobs(['models/*', 'legacy/*']), 'model-ci.yml')
    ).toThrow(/legacy\/x: model name "x" is already used by models\/x/)
  })

  it('does not take hidden directories for models', () => {
    expect(discoverModels(['models/.cache/model.yml', 'models/ok/model.yml'], isModelDir, 'model-ci.yml')).toEqual([
      { name: 'ok', path: 'models/ok' }
    ])
  })
})

describe('markerFolders', () => {
  it('gives each folder with a marker file once, with its first marker file, in the order given', () => {
    const folders = markerFolders(['models/b/model.yml', 'models/b/src/train.py', 'models/a/src/train.py', 'models/a/src/requirements.txt', 'model.yml'])

    expect([...folders]).toEqual([
      ['models/b', 'models/b/model.yml'],
      ['models/a', 'models/a/src/train.py']
    ])
  })
})

describe('lookalikeFolders', () => {
  const models = [
    { name: 'churn', path: 'models/churn' },
    { name: 'fraud', path: 'teams/risk/fraud' }
  ]

  it('names the folders the globs match that hold Python files but are no model, the outermost of nested ones', () => {
    const isDir = compileModelDirGlobs(['models/*', 'teams/**'])
    const python = [
      'models/churn/src/train.py',
      'models/churn/src/features.py',
      'models/forgotten/src/train_model.py',
      'models/forgotten/src/lib/util.py',
      'models/flat/fit.py',
      'teams/risk/fraud/src/train.py',
      'teams/risk/helpers.py',
      'teams/growth/ltv/notebook.py',
      'scripts/prep.py'
    ]
    // teams/risk holds a model: its own Python file is no model's, yet the folder is no lookalike; teams/growth holds none.
    expect(lookalikeFolders(python, models, isDir)).toEqual(['models/flat', 'models/forgotten', 'teams/growth'])
  })

  it('names nothing when every Python file is in a model', () => {
    expect(lookalikeFolders(['models/churn/src/train.py', 'models/churn/x.py'], models, compileModelDirGlobs(['models/**']))).toEqual([])
  })
})
