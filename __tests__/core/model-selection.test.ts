import { describe, expect, it } from '@jest/globals'
import { selectModels } from '../../src/core/model-selection.js'

const models = ['churn', 'fraud', 'vision'].map((name) => ({ name, path: `models/${name}` }))
const dispatch = { input: 'models', event: 'workflow_dispatch' }

describe('selectModels', () => {
  it('takes "all" as every model, and an empty selection too on workflow_dispatch and schedule', () => {
    expect(selectModels('all', models, dispatch)).toEqual(models)
    expect(selectModels(' ALL ', models, { input: 'models', event: 'release' })).toEqual(models)
    expect(selectModels('', models, dispatch)).toEqual(models)
    expect(selectModels(' \n', models, { input: 'models', event: 'schedule' })).toEqual(models)
  })

  it.each(['release', 'repository_dispatch', 'workflow_run'])('refuses an empty selection on %s, naming the event and the input', (event) => {
    expect(() => selectModels(' ', models, { input: 'models', event })).toThrow(
      `input "models" is empty, and a ${event} event has no changes to pick models from; set it to "all" or to the models to train`
    )
  })

  it('takes names separated by commas, spaces or newlines, once each', () => {
    expect(selectModels('fraud, churn\nfraud  vision', models, dispatch).map((m) => m.name)).toEqual(['fraud', 'churn', 'vision'])
  })

  it('names the selection as the platform calls it: an action input by default, or what the caller says', () => {
    expect(() => selectModels('frud', models, { ...dispatch, shownAs: '--models' })).toThrow('--models: unknown model "frud"; use "all" or names of known models: churn, fraud, vision')
  })

  it('rejects an unknown name and lists the known ones', () => {
    expect(() => selectModels('fraud,frud', models, dispatch)).toThrow(
      'input "models": unknown model "frud"; use "all" or names of known models: churn, fraud, vision'
    )
  })
})
