/** `simple-user` payloads for people and bots. */
import type { components } from '@octokit/openapi-types'
import type { UserRecord } from '../state.js'
import { nodeId, type Links } from './context.js'

export type SimpleUser = components['schemas']['simple-user']

export function userPayload(user: UserRecord, links: Links): SimpleUser {
  const api = `${links.apiUrl}/users/${encodeURIComponent(user.login)}`
  const isBot = user.type === 'Bot'
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(isBot ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `${links.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${links.serverUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false
  }
}
