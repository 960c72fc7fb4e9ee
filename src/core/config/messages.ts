import { showUntrusted, valueAt } from '../untrusted-text.js'
import type * as z from 'zod/mini'

type KeyPath = readonly PropertyKey[]
type Issue = z.core.$ZodIssue

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/
const MAX_SHOWN_TEXT = 80

/**
 * A key path as a user would look for it in the file: `"defaults.timeout-minutes"`,
 * `"environments[1]"`, or with a key that is not a plain word `metrics["*loss*"].tolerance`.
 */
function keyPathLabel(path: KeyPath): string {
  if (path.length === 0) return 'the top level'
  let label = ''
  for (const key of path) {
    if (typeof key === 'number') label += `[${key}]`
    else if (PLAIN_KEY.test(String(key))) label += (label ? '.' : '') + String(key)
    else label += `[${JSON.stringify(String(key))}]`
  }
  return label.includes('"') ? label : `"${label}"`
}

/** Where an unknown key was found: "at the top level" or `in "defaults"`. */
function locationLabel(path: KeyPath): string {
  return path.length === 0 ? 'at the top level' : `in ${keyPathLabel(path)}`
}

/** A value as the error shows what the user wrote: quoted text (shortened), a number, "a list". */
export function describeValue(value: unknown): string {
  // A URL's password (a tracking URI written with one) is never repeated into a log.
  if (typeof value === 'string') return showUntrusted(value.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/, '$1***@'), MAX_SHOWN_TEXT)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return 'an empty value'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  return 'a mapping'
}

/** The sentence for a field that breaks a rule: `"python" must be …, got 3.1` (no file name). */
function ruleBroken(path: KeyPath, rule: string, value: unknown): string {
  return `${keyPathLabel(path)} ${rule}, got ${describeValue(value)}`
}

/**
 * For a union that failed, the first issue of the option whose type the value had (a list given
 * to "a glob or a list of globs" fails for its items, not for not being a glob), if any. Of two
 * such options (a list of arguments, or a list of commands), the one that got further into the
 * value before it failed: `[[python, a.py], [python, 10]]` is a list of commands with a bad item.
 */
function firstIssueOfMatchingOption(issue: Extract<Issue, { code: 'invalid_union' }>): Issue | undefined {
  let found: Issue | undefined
  for (const optionIssues of issue.errors) {
    const first = optionIssues[0]
    if (!first || (first.code === 'invalid_type' && first.path.length === 0)) continue
    if (found === undefined || isFurther(first.path, found.path)) found = first
  }
  return found
}

/** Whether `a` points later into a value than `b`: a later item, or deeper into the same one. */
function isFurther(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue
    return typeof a[i] === 'number' && typeof b[i] === 'number' && (a[i] as number) > (b[i] as number)
  }
  return a.length > b.length
}

/**
 * One line for a schema issue, without the file name. Messages set on the schemas say what is
 * allowed ("must be …"); this adds which key and what was found, read from the parsed `data`.
 */
export function describeIssue(issue: Issue, data: unknown): string {
  if (issue.code === 'invalid_union') {
    const inner = firstIssueOfMatchingOption(issue)
    // The option's issue has a path relative to the union.
    if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, data)
  }
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1]
    const rule = issue.issues[0]?.message ?? issue.message
    return `the key ${JSON.stringify(String(key))} ${locationLabel(issue.path.slice(0, -1))} ${rule}`
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ')
    return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${keys} ${locationLabel(issue.path)}; ${issue.message}`
  }
  return ruleBroken(issue.path, issue.message, valueAt(data, issue.path))
}
