import { describe, expect, it } from '@jest/globals'
import { currentRun } from '../../../src/adapters/github/workflow-context.js'
import { UserError } from '../../../src/errors.js'

const runner = {
  GITHUB_RUN_ID: '8800000123',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/models',
  GITHUB_WORKFLOW: 'Models CI'
}

describe('currentRun', () => {
  it('reads the run, its attempt, its page and the workflow\'s name', () => {
    expect(currentRun(runner)).toEqual({
      id: 8800000123,
      attempt: 2,
      url: 'https://github.com/acme/models/actions/runs/8800000123',
      workflowName: 'Models CI'
    })
  })

  it('takes attempt 1 when the runner does not say, and a server URL with a trailing slash', () => {
    expect(currentRun({ ...runner, GITHUB_RUN_ATTEMPT: undefined, GITHUB_SERVER_URL: 'https://ghe.example.com/' })).toMatchObject({
      attempt: 1,
      url: 'https://ghe.example.com/acme/models/actions/runs/8800000123'
    })
  })

  it.each(['GITHUB_RUN_ID', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_WORKFLOW'])('names %s when it is missing', (name) => {
    expect(() => currentRun({ ...runner, [name]: undefined })).toThrow(new UserError(`environment variable ${name} is not set; model-ci must run as a step of a GitHub Actions job (or use the model-ci CLI locally)`))
  })

  it.each([
    ['GITHUB_RUN_ID', '12abc'],
    ['GITHUB_RUN_ID', '0'],
    ['GITHUB_RUN_ATTEMPT', '-1'],
    ['GITHUB_RUN_ATTEMPT', '1.5']
  ])('refuses %s=%s with a one-line error naming the variable', (name, value) => {
    expect(() => currentRun({ ...runner, [name]: value })).toThrow(
      new UserError(`environment variable ${name} is ${JSON.stringify(value)}, not a whole number above 0; model-ci reads the value the GitHub Actions runner sets`)
    )
  })
})
