import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startEmulator, type Emulator } from './index.js'

let gh: Emulator

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  gh.addToken('ghp_alice', { login: 'alice', type: 'User' })
})

afterAll(() => gh.close())

describe('GET /user', () => {
  it('answers a person\'s token with its account', async () => {
    const { data } = await getOctokit('ghp_alice', { baseUrl: gh.apiUrl }).rest.users.getAuthenticated()
    expect(data).toMatchObject({ login: 'alice', type: 'User', html_url: `${gh.serverUrl}/alice` })
  })

  it('refuses an installation token (a workflow\'s GITHUB_TOKEN) with 403, as GitHub does', async () => {
    await expect(getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl }).rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration')
    })
  })

  it('still wants a token', async () => {
    const response = await fetch(`${gh.apiUrl}/user`)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ message: 'Requires authentication' })
  })
})

describe('POST /graphql', () => {
  it('answers `viewer { login }` for every token, an installation token\'s bot included', async () => {
    const viewer = (token: string) => getOctokit(token, { baseUrl: gh.apiUrl }).graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    gh.addToken('ghs_app', { login: 'model-ci-app[bot]' })
    expect(await viewer('ghp_alice')).toEqual({ viewer: { login: 'alice' } })
    expect(await viewer(gh.defaultToken)).toEqual({ viewer: { login: 'github-actions[bot]' } })
    expect(await viewer('ghs_app')).toEqual({ viewer: { login: 'model-ci-app[bot]' } })
  })

  it('answers any other query with a GraphQL error, so a test learns the emulator lacks it', async () => {
    await expect(getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl }).graphql('query { viewer { login name } }')).rejects.toMatchObject({
      name: 'GraphqlResponseError',
      errors: [expect.objectContaining({ message: expect.stringContaining('viewer { login }') })]
    })
  })
})
