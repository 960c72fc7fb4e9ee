// The monitoring issue's rules against an in-memory issue tracker: what is ours (marker first and
// our author), what a failed measurement does, and a listing that lags behind a write.
import { describe, expect, test } from '@jest/globals'
import { syncMonitorIssue } from '../../../src/commands/monitor/issues.js'
import { monitorMarker } from '../../../src/core/monitor-report.js'
import { failedMonitoring, judgeMonitoring } from '../../../src/core/monitoring.js'
import type { IssueTracker, TrackedIssue } from '../../../src/ports/issue-tracker.js'
import type { Logger } from '../../../src/ports/logger.js'

const BOT = 'github-actions[bot]'
const live = { version: '2026.12.05-100000-abcdef0-r7', digest: `sha256:${'a'.repeat(64)}`, metrics: { accuracy: 0.9 } }
const rules = [{ pattern: 'accuracy', policy: { goal: 'maximize' as const, tolerance: { kind: 'absolute' as const, value: 0.01 }, gate: true } }]
const run = { id: 7, url: 'https://github.com/acme/models/actions/runs/7' }
const logger: Logger = { info: () => {}, debug: () => {}, warning: () => {}, group: (_title, work) => work() }

class MemoryIssues implements IssueTracker {
  issues: TrackedIssue[] = []
  comments: Array<{ number: number; body: string }> = []
  /** Listings that return nothing, as a listing that has not caught up with a write yet. */
  laggingListings = 0

  async ownLogin() {
    return BOT
  }
  async listOpen(options: { creator: string; marker: string }) {
    if (this.laggingListings > 0) {
      this.laggingListings--
      return []
    }
    return this.issues.filter((issue) => issue.state === 'open' && issue.author === options.creator && issue.body.includes(options.marker))
  }
  async create(title: string, body: string) {
    const issue: TrackedIssue = { number: this.issues.length + 1, title, body, author: BOT, state: 'open', url: `https://github.com/acme/models/issues/${this.issues.length + 1}` }
    this.issues.push(issue)
    return issue
  }
  async update(number: number, change: { body?: string; close?: 'completed' | 'not_planned' }) {
    const issue = this.issues.find((candidate) => candidate.number === number) as TrackedIssue
    if (change.body !== undefined) issue.body = change.body
    if (change.close) issue.state = 'closed'
    return issue
  }
  async comment(number: number, body: string) {
    this.comments.push({ number, body })
  }
}

const sync = (tracker: IssueTracker, judgement: ReturnType<typeof judgeMonitoring>) =>
  syncMonitorIssue(tracker, logger, { model: 'churn', environment: 'production', judgement, run, createdAt: '2026-12-05T10:00:00Z' })

describe('syncMonitorIssue', () => {
  test("someone else's issue with our marker, or one quoting it further down, is not ours: ours is opened beside it", async () => {
    const tracker = new MemoryIssues()
    const marker = monitorMarker('churn', 'production')
    tracker.issues.push({ number: 1, title: 'copy', body: `${marker}\nmine now`, author: 'mallory', state: 'open', url: 'u1' })
    tracker.issues.push({ number: 2, title: 'quote', body: `see:\n${marker}`, author: BOT, state: 'open', url: 'u2' })
    const outcome = await sync(tracker, judgeMonitoring(live, { accuracy: 0.5 }, rules))
    expect(outcome).toEqual({ action: 'opened', number: 3, url: 'https://github.com/acme/models/issues/3' })
    expect(tracker.issues.map((issue) => [issue.number, issue.state, issue.body.startsWith(marker) ? 'marker' : ''])).toEqual([
      [1, 'open', 'marker'],
      [2, 'open', ''],
      [3, 'open', 'marker']
    ])
    expect(tracker.issues[0].body).toBe(`${marker}\nmine now`)
    expect(tracker.comments).toEqual([])
  })

  test('a failed measurement leaves the open issue as it is, and opens none', async () => {
    const tracker = new MemoryIssues()
    expect(await sync(tracker, failedMonitoring(live, { phase: 'monitor', message: 'boom' }))).toBeUndefined()
    expect(tracker.issues).toEqual([])
    await sync(tracker, judgeMonitoring(live, { accuracy: 0.5 }, rules))
    const before = { ...tracker.issues[0] }
    expect(await sync(tracker, failedMonitoring(live, { phase: 'monitor', message: 'boom' }))).toMatchObject({ action: 'left', number: 1 })
    expect(tracker.issues).toEqual([before])
    expect(tracker.comments).toEqual([])
  })

  test('a healthy model without an issue needs none; a listing that lags behind the write keeps the issue just opened', async () => {
    const tracker = new MemoryIssues()
    expect(await sync(tracker, judgeMonitoring(live, { accuracy: 0.95 }, rules))).toBeUndefined()
    tracker.laggingListings = 2
    expect(await sync(tracker, judgeMonitoring(live, { accuracy: 0.5 }, rules))).toMatchObject({ action: 'opened', number: 1 })
    expect(tracker.issues.filter((issue) => issue.state === 'open')).toHaveLength(1)
  })
})
