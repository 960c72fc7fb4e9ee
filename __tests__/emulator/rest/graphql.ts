/**
 * `POST /graphql`, answering the one query model-ci sends: `viewer { login }`, the token's own
 * account. GitHub answers it for every kind of token: a person's login for a personal token, the
 * app's bot (`github-actions[bot]`, `<app>[bot]`) for an installation token, which `GET /user`
 * refuses. Any other document gets a GraphQL error (HTTP 200 with `errors`, as GitHub answers a
 * query it cannot run), so a test learns at once that the emulator lacks it.
 */
import { json, type Reply } from '../http.js'
import { bodyFields, type RestContext } from './context.js'

/** `{ viewer { login } }`, optionally as a named `query`, whatever the white space. */
const VIEWER_LOGIN = /^(?:query(?:[A-Za-z_]\w*)?)?\{viewer\{login\}\}$/

export function graphql(context: RestContext): Reply {
  const query = bodyFields(context).query
  if (typeof query !== 'string' || !VIEWER_LOGIN.test(query.replace(/\s+/g, ''))) {
    return json(200, { errors: [{ type: 'UNSUPPORTED', message: 'The GitHub emulator answers only the query `viewer { login }`' }] })
  }
  return json(200, { data: { viewer: { login: context.identity.login } } })
}
