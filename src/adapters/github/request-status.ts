import { escapeControlCharacters } from '../../core/untrusted-text.js'
import { PermissionDeniedError } from '../../ports/comment-thread.js'

/**
 * The HTTP status of a failed octokit request (its RequestError carries `status`), or undefined
 * for anything else. Duck-typed: @octokit/request-error is not a direct dependency.
 */
export function requestStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

export function isNotFound(error: unknown): boolean {
  return requestStatus(error) === 404
}

/**
 * GitHub's own words for a refused request: the `message` of its error body, with the `errors` of
 * a 422 ("Validation Failed: description custom: too long"), on one line; '' when it said nothing.
 */
export function gitHubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown; errors?: unknown } } } | null)?.response?.data
  if (typeof data?.message !== 'string') return ''
  const details = Array.isArray(data.errors) ? data.errors.map(describeValidationError).filter(Boolean) : []
  const said = details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message
  return escapeControlCharacters(said.replace(/\s+/g, ' ').trim()).slice(0, MAX_MESSAGE_LENGTH)
}

/**
 * Runs a write; GitHub's 403 becomes a PermissionDeniedError that says what to grant (`grant`,
 * e.g. "the token needs the permission `issues: write`"). A 403 that is a rate limit never gets
 * here: the client waits it out or fails with its own UserError.
 */
export async function writeOrExplainRefusal<T>(action: string, grant: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (requestStatus(error) !== 403) throw error
    const said = gitHubMessage(error)
    throw new PermissionDeniedError(`GitHub refused to ${action}${said ? ` (${said})` : ''}: ${grant}`, { cause: error })
  }
}

const MAX_MESSAGE_LENGTH = 300

function describeValidationError(detail: unknown): string {
  if (typeof detail === 'string') return detail
  if (typeof detail !== 'object' || detail === null) return ''
  const { field, code, message } = detail as { field?: unknown; code?: unknown; message?: unknown }
  return [field, code, message].filter((part) => typeof part === 'string' && part !== '').join(' ')
}
