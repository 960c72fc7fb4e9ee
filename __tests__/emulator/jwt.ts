/**
 * Runtime tokens for the results service. The real runner hands a job a signed JWT whose `scp`
 * claim names the run and the job (`Actions.Results:<runBackendId>:<jobBackendId>`); the
 * @actions/artifact and @actions/cache clients decode it without checking the signature, so the
 * emulator mints unsigned ones (`alg: none`) and reads the scope back from the same claim.
 */

/** The run and job a runtime token is scoped to, as the results service sees them. */
export interface RuntimeScope {
  runBackendId: string
  jobBackendId: string
}

const RESULTS_SCOPE = 'Actions.Results'

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An unsigned JWT carrying `scp: "Actions.Results:<runId>:<jobId>"`, valid for six hours. */
export function mintRuntimeToken(runId: number | string, jobId: number | string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000)
  const claims = {
    iss: 'github-emulator',
    aud: 'actions.results',
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 ${RESULTS_SCOPE}:${runId}:${jobId}`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + 6 * 3600
  }
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`
}

/** The results scope of a runtime token, or undefined when it is not one of ours. */
export function readRuntimeScope(token: string): RuntimeScope | undefined {
  const [, payload] = token.split('.')
  if (payload === undefined) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  const scp = (claims as { scp?: unknown }).scp
  if (typeof scp !== 'string') return undefined
  for (const scope of scp.split(' ')) {
    const [name, runBackendId, jobBackendId, ...rest] = scope.split(':')
    if (name === RESULTS_SCOPE && runBackendId && jobBackendId && rest.length === 0) {
      return { runBackendId, jobBackendId }
    }
  }
  return undefined
}
