import { describe, expect, it } from '@jest/globals'
import { jobUrlsOf, matrixModelOf } from '../../../src/core/report/job-links.js'

describe('matrixModelOf', () => {
  it('reads the model, the first matrix value, from the name GitHub gives a matrix job', () => {
    expect(matrixModelOf('train (fraud, models/fraud, ubuntu-latest, 3.11, 60, sha256:ab12)')).toBe('fraud')
    expect(matrixModelOf('train (fraud)')).toBe('fraud')
    expect(matrixModelOf('Train model (churn.v2-b_1, models/churn.v2-b_1)')).toBe('churn.v2-b_1')
  })

  it('finds none in a job of no matrix, or one whose values are not a model first', () => {
    expect(matrixModelOf('detect')).toBeUndefined()
    expect(matrixModelOf('report')).toBeUndefined()
    expect(matrixModelOf('train (fraud) extra')).toBeUndefined()
    expect(matrixModelOf('train (, models/fraud)')).toBeUndefined()
    expect(matrixModelOf('train (two words, x)')).toBeUndefined()
  })
})

describe('jobUrlsOf', () => {
  const job = (name: string, conclusion: string | null, url: string) => ({ name, conclusion, url })

  it('maps each wanted model to its job\'s page, and leaves out the rest', () => {
    const jobs = [
      job('detect', 'success', 'https://github.com/o/r/actions/runs/1/job/10'),
      job('train (fraud, models/fraud)', 'failure', 'https://github.com/o/r/actions/runs/1/job/11'),
      job('train (churn, models/churn)', 'success', 'https://github.com/o/r/actions/runs/1/job/12'),
      job('train (fraud-v2, models/fraud-v2)', 'cancelled', 'https://github.com/o/r/actions/runs/1/job/13')
    ]
    expect(jobUrlsOf(jobs, ['fraud', 'fraud-v2', 'lost'])).toEqual(
      new Map([
        ['fraud', 'https://github.com/o/r/actions/runs/1/job/11'],
        ['fraud-v2', 'https://github.com/o/r/actions/runs/1/job/13']
      ])
    )
  })

  it('prefers, of two jobs of one model, the one that did not succeed', () => {
    const jobs = [job('lint (fraud)', 'success', 'https://x/lint'), job('train (fraud)', 'failure', 'https://x/train'), job('test (fraud)', 'failure', 'https://x/test')]
    expect(jobUrlsOf(jobs, ['fraud']).get('fraud')).toBe('https://x/train')
  })
})
