import { describe, expect, it } from '@jest/globals'
import { batchId, installsIntoInterpreter, packBatches, trainingWeights, trainingsAtOnce } from '../../src/core/batching.js'
import { UserError } from '../../src/errors.js'

interface Item {
  name: string
  runner: string
  seconds?: number
}

const options = (maxBatches: number) => ({ maxBatches, groupOf: (item: Item) => item.runner, secondsOf: (item: Item) => item.seconds })
const names = (batches: Item[][]) => batches.map((batch) => batch.map((item) => item.name))
const cpu = (name: string, seconds?: number): Item => ({ name, runner: 'cpu', seconds })
const gpu = (name: string, seconds?: number): Item => ({ name, runner: 'gpu', seconds })

describe('packBatches', () => {
  it('balances by count without times, never mixing groups, batches in the order of their first item', () => {
    const items = [cpu('a'), gpu('b'), cpu('c'), cpu('d'), gpu('e'), cpu('f'), cpu('g'), gpu('h'), gpu('i'), cpu('j')]
    // Six CPU models against four GPU ones: the CPU group, busier, gets the third batch.
    expect(names(packBatches(items, options(3)))).toEqual([
      ['a', 'd', 'g'],
      ['b', 'e', 'h', 'i'],
      ['c', 'f', 'j']
    ])
  })

  it('packs the longest first into the least loaded batch', () => {
    const items = [cpu('m100', 100), cpu('m60', 60), cpu('m50', 50), cpu('m40', 40), cpu('m30', 30), cpu('m20', 20)]
    const batches = packBatches(items, options(2))
    expect(names(batches)).toEqual([
      ['m100', 'm40', 'm20'],
      ['m60', 'm50', 'm30']
    ])
  })

  it('gives a group no more batches than bring it down to the longest single item', () => {
    const items = [cpu('huge', 1000), ...Array.from({ length: 9 }, (_, i) => cpu(`small${i}`, 1))]
    // A third batch could not end the matrix sooner than `huge` does.
    expect(names(packBatches(items, options(5)))).toEqual([['huge'], Array.from({ length: 9 }, (_, i) => `small${i}`)])
  })

  it('spends the batches where the time is: a group of long trainings gets more of them', () => {
    const items = [...['a', 'b', 'c', 'd'].map((name) => gpu(name, 600)), ...['e', 'f', 'g', 'h'].map((name) => cpu(name, 10))]
    const batches = packBatches(items, options(4))
    expect(names(batches)).toEqual([['a', 'd'], ['b'], ['c'], ['e', 'f', 'g', 'h']])
  })

  it('counts a model without a time as the median of those with one', () => {
    const items = [cpu('long', 90), cpu('short', 10), cpu('unknown1'), cpu('unknown2'), cpu('mid', 50)]
    // Weights 90, 10, 50, 50, 50: 90 | 50, 50 | then 50 to the first (140), 10 to the second (110).
    expect(names(packBatches(items, options(2)))).toEqual([
      ['long', 'mid'],
      ['short', 'unknown1', 'unknown2']
    ])
  })

  it('is deterministic, and each item lands in exactly one non-empty batch', () => {
    const items = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? gpu(`m${i}`, (i * 37) % 101) : cpu(`m${i}`, (i * 53) % 97)))
    const first = packBatches(items, options(256))
    expect(names(packBatches(items, options(256)))).toEqual(names(first))
    expect(first.length).toBeLessThanOrEqual(256)
    expect(first.every((batch) => batch.length > 0 && batch.every((item) => item.runner === batch[0].runner))).toBe(true)
    expect(first.flat().map((item) => item.name).sort()).toEqual(items.map((item) => item.name).sort())
  })

  it('gives one batch per group when there are exactly as many batches as groups', () => {
    const items = [cpu('a'), gpu('b'), { name: 'c', runner: 'tpu' }, cpu('d')]
    expect(names(packBatches(items, options(3)))).toEqual([['a', 'd'], ['b'], ['c']])
  })

  it('refuses more groups than batches, naming max-jobs and how many it needs', () => {
    const items = [cpu('a'), gpu('b'), { name: 'c', runner: 'tpu' }]
    expect(() => packBatches(items, options(2))).toThrow(
      new UserError(
        'max-jobs is 2, but the 3 models to train need 3 different pairs of runs-on and python, and models of different pairs never share a job; raise max-jobs to 3 or more'
      )
    )
  })
})

describe('trainingWeights', () => {
  it('takes measured times, at least a second each, and the median of them for the unknown', () => {
    expect(trainingWeights([120, 0, undefined, 30, 0.5])).toEqual([120, 1, 15.5, 30, 1])
  })

  it('weighs every model the same when none has a time', () => {
    expect(trainingWeights([undefined, undefined, undefined])).toEqual([1, 1, 1])
  })
})

describe('batchId', () => {
  it('is b and a 1-based number of at least three digits, as wide as the largest', () => {
    expect(batchId(0, 3)).toBe('b001')
    expect(batchId(255, 256)).toBe('b256')
    expect(batchId(6, 1000)).toBe('b0007')
  })
})

describe('trainingsAtOnce', () => {
  it("is the requested count, at most one per model of the batch, and 1 when a model must train alone", () => {
    expect(trainingsAtOnce(1, 5, false)).toBe(1)
    expect(trainingsAtOnce(2, 5, false)).toBe(2)
    expect(trainingsAtOnce(8, 3, false)).toBe(3)
    expect(trainingsAtOnce(4, 5, true)).toBe(1)
  })
})

describe('installsIntoInterpreter', () => {
  it("is a model with venv: false and a requirements file: its install changes the runner's own Python", () => {
    expect(installsIntoInterpreter({ venv: false, requirements: 'src/requirements.txt' })).toBe(true)
    // Without requirements, venv: false only trains with the interpreter as it is.
    expect(installsIntoInterpreter({ venv: false, requirements: undefined })).toBe(false)
    expect(installsIntoInterpreter({ venv: true, requirements: 'src/requirements.txt' })).toBe(false)
  })
})
