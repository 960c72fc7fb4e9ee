import picomatch from 'picomatch'
import type { MetricPolicy, MetricRule } from './types.js'

interface PatternMatcher {
  test: (name: string) => boolean
  /** The answer for each name already asked about. */
  answers: Map<string, boolean>
}

// Patterns come from config files, so there are few; each is compiled once. A report asks about
// the same metric names for every model, each model with rules of its own (its model.yml's, then
// model-ci.yml's), so each pattern remembers its answer per name rather than per rules list.
// Names are untrusted text and a manifest may hold thousands, so the answers are bounded.
const MAX_ANSWERS_PER_PATTERN = 10_000
const matchers = new Map<string, PatternMatcher>()

function matches(pattern: string, name: string): boolean {
  let matcher = matchers.get(pattern)
  if (!matcher) {
    // Metric names are not paths: bash mode lets "*" match any text, "/" included ("*loss*"
    // matches "train/loss"), and dot mode lets it match a leading ".". A "." in a pattern is a
    // literal dot, so "test.*" matches the flattened "test.f1".
    matcher = { test: picomatch(pattern, { bash: true, dot: true }), answers: new Map() }
    matchers.set(pattern, matcher)
  }
  let answer = matcher.answers.get(name)
  if (answer === undefined) {
    answer = matcher.test(name)
    if (matcher.answers.size >= MAX_ANSWERS_PER_PATTERN) matcher.answers.clear()
    matcher.answers.set(name, answer)
  }
  return answer
}

/**
 * The policy for metric `name`: the first rule whose pattern is exactly the name, else the first
 * rule whose glob matches it, else no policy. Rules are not merged: the chosen rule's policy is
 * the whole policy.
 */
export function metricPolicyFor(name: string, rules: readonly MetricRule[]): MetricPolicy {
  const exact = rules.find((rule) => rule.pattern === name)
  if (exact) return exact.policy
  return rules.find((rule) => matches(rule.pattern, name))?.policy ?? {}
}
