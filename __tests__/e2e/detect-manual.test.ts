// `detect` on runs without a diff, end to end: workflow_dispatch, schedule and every other event
// that is not a push or pull request take the `models` input ("all", or names separated by commas,
// spaces or newlines); empty, it means every model only on workflow_dispatch and schedule.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { otherEvent, scheduleEvent, workflowDispatchEvent } from '../../__fixtures__/events.js'
import { GitOrigin, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import { ensureBundle, expectSuccess, runDetect, seedRepository } from './detect-helpers.js'
import { expectOneLineError } from './job-checks.js'

const MODELS = ['churn', 'fraud', 'ranking']

let tempDir: string
let workspace: string
let head: string
beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-manual-')
  const origin = await GitOrigin.create(tempDir)
  head = await seedRepository(origin, MODELS)
  workspace = await origin.checkout({ ref: 'refs/heads/main', sha: head })
})
afterAll(() => removeDir(tempDir))

function dispatch(models: string): JobEvent {
  return { name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { models } }) }
}

describe('workflow_dispatch', () => {
  test('"all" trains every model at the checked-out commit', async () => {
    const run = await runDetect(workspace, dispatch('all'), { models: 'all' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.matrix?.include.map((entry) => entry.model)).toEqual(MODELS)
    expect(run.outputs['has-models']).toBe('true')
    expect(run.outputs.deleted).toBe('[]')
    expect(run.outputs['base-sha']).toBe('')
    expect(run.outputs['head-sha']).toBe(head)
    expect(run.summary).toMatch(/chosen by the (&quot;|")models(&quot;|") input/)
  })

  test.each([
    ['commas', 'ranking,churn'],
    ['commas and spaces', 'ranking, churn'],
    ['spaces', 'ranking churn'],
    ['newlines', 'ranking\nchurn\n']
  ])('names separated by %s train those models', async (_separator, models) => {
    const run = await runDetect(workspace, dispatch(models), { models })

    expectSuccess(run)
    expect(run.models?.slice().sort()).toEqual(['churn', 'ranking'])
    expect(run.matrix?.include.map((entry) => entry.model).sort()).toEqual(['churn', 'ranking'])
  })

  test('an unknown name is a one-line error that lists the known models', async () => {
    const run = await runDetect(workspace, dispatch('fraud, frod'), { models: 'fraud, frod' })

    const message = expectOneLineError(run)
    expect(message).toContain('"frod"')
    expect(message).toContain('models')
    for (const model of MODELS) expect(message).toContain(model)
  })
})

describe('schedule', () => {
  test('"all" trains every model', async () => {
    const run = await runDetect(workspace, { name: 'schedule', payload: scheduleEvent() }, { models: 'all' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.outputs['head-sha']).toBe(head)
  })

  test('a list of names trains those models', async () => {
    const run = await runDetect(workspace, { name: 'schedule', payload: scheduleEvent() }, { models: 'fraud' })

    expectSuccess(run)
    expect(run.models).toEqual(['fraud'])
  })

  test('without the "models" input trains every model, as on workflow_dispatch', async () => {
    for (const event of [{ name: 'schedule', payload: scheduleEvent() }, dispatch('')]) {
      const run = await runDetect(workspace, event)

      expectSuccess(run)
      expect(run.models).toEqual(MODELS)
    }
  })
})

describe.each(['release', 'repository_dispatch', 'workflow_run'])('%s, an event with no changes to diff', (eventName) => {
  const event = (): JobEvent => ({ name: eventName, payload: otherEvent(eventName) })

  test('trains the models the "models" input names', async () => {
    const run = await runDetect(workspace, event(), { models: 'fraud ranking' })

    expectSuccess(run)
    expect(run.models).toEqual(['fraud', 'ranking'])
    expect(run.matrix?.include.map((entry) => entry.model)).toEqual(['fraud', 'ranking'])
    expect(run.outputs['head-sha']).toBe(head)
  })

  test('"all" trains every model', async () => {
    const run = await runDetect(workspace, event(), { models: 'all' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
  })

  test('without the "models" input is a one-line error naming the event and the input, not every model', async () => {
    const run = await runDetect(workspace, event())

    const message = expectOneLineError(run)
    expect(message).toContain(`input "models" is empty, and a ${eventName} event has no changes to pick models from`)
    expect(run.outputs).toEqual({})
  })
})
