/** GitHub's REST error bodies (`basic-error` and `validation-error` in its OpenAPI description). */
import type { components } from '@octokit/openapi-types'
import { HttpError, json, type Reply } from '../http.js'

type BasicError = components['schemas']['basic-error']
type ValidationErrorDetail = { resource: string; field: string; code: string; message?: string }

export const DOCS_URL = 'https://docs.github.com/rest'

export function restError(status: number, message: string, documentationUrl = DOCS_URL, headers: Record<string, string> = {}): Reply {
  const body: BasicError = { message, documentation_url: documentationUrl, status: String(status) }
  return json(status, body, headers)
}

export function notFound(): HttpError {
  return new HttpError(restError(404, 'Not Found'))
}

/** 422 Validation Failed with GitHub's `errors` list. */
export function validationFailed(errors: ValidationErrorDetail[]): HttpError {
  return new HttpError(
    json(422, { message: 'Validation Failed', errors, documentation_url: DOCS_URL, status: '422' })
  )
}

/** What GitHub says when a token lacks a permission: apps and personal tokens word it differently. */
export function forbidden(type: 'User' | 'Bot'): HttpError {
  const who = type === 'Bot' ? 'integration' : 'personal access token'
  return new HttpError(restError(403, `Resource not accessible by ${who}`))
}
