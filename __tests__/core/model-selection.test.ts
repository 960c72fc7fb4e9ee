import { describe, expect, it } from '@jest/globals'
import { selectModels } from '../../src/core/model-selection.js'

const models = ['churn', 'fraud', 'vision'].map((name) => ({ name, path: `models/${name}` }))

describe('selectModels', () => {
  it('takes "all" and an empty selection as every model', () => {
    expect(selectModels('all', models, 'models')).toEqual(models)
    expect(selectModels(' ALL ', models, 'models')).toEqual(models)
    expect(selectModels('', models, 'models')).toEqual(models)
  })

  it('takes names separated by commas, spaces or newlines, once each', () => {
    expect(selectModels('fraud, churn\nfraud  vision', models, 'models').map((m) => m.name)).toEqual(['fraud', 'churn', 'vision'])
  })

  it('rejects an unknown name and lists the known ones', () => {
    expect(() => selectModels('fraud,frud', models, 'models')).toThrow(
      'input "models": unknown model "frud"; use "all" or names of known models: churn, fraud, vision'
    )
  })
})
