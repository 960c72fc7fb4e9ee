import picomatch from 'picomatch'
import type { MetricPolicy, MetricRule } from './types.js'

type NameMatcher = (name: string) => boolean

// Patterns come from config files, so there are few; compiling each once keeps a report of many
// metrics cheap.
const matchers = new Map<string, NameMatcher>()

function matcherFor(pattern: string): NameMatcher {
  let matcher = matchers.get(pattern)
  if (!matcher) {
    // Metric names are not paths: bash mode lets "*" match any text, "/" included ("*loss*"
    // matches "train/loss"), and dot mode lets it match a leading ".". A "." in a pattern is a
    // literal dot, so "test.*" matches the flattened "test.f1".
    matcher = picomatch(pattern, { bash: true, dot: true })
    matchers.set(pattern, matcher)
  }
  return matcher
}

/**
 * The policy for metric `name`: the first rule whose pattern is exactly the name, else the first
 * rule whose glob matches it, else no policy. Rules are not merged: the chosen rule's policy is
 * the whole policy.
 */
export function metricPolicyFor(name: string, rules: readonly MetricRule[]): MetricPolicy {
  const exact = rules.find((rule) => rule.pattern === name)
  if (exact) return exact.policy
  return rules.find((rule) => matcherFor(rule.pattern)(name))?.policy ?? {}
}
