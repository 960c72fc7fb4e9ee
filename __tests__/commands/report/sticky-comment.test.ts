import { describe, expect, test } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import { commentHeader, commentMarker, postStickyComment, runIdOf } from '../../../src/commands/report/sticky-comment.js'
import type { PullRequestComment, PullRequestInfo, PullRequestThreads } from '../../../src/ports/comment-thread.js'
import type { Logger } from '../../../src/ports/logger.js'

const BOT = 'github-actions[bot]'
const PR = 7
const WORKFLOW = 42
const MARKER = commentMarker(WORKFLOW)

/** One pull request's comments in memory; each call waits `delay()` ms first, so that runs interleave. */
class FakeThread implements PullRequestThreads {
  comments: PullRequestComment[] = []
  private nextId = 100

  constructor(
    private readonly login = BOT,
    private readonly delay: () => number = () => 0
  ) {}

  add(body: string, author = BOT): PullRequestComment {
    const comment = { id: this.nextId++, body, url: `https://github.test/pr/${PR}#c${this.nextId}`, author, createdAt: '2026-11-27T00:00:00Z' }
    this.comments.push(comment)
    return comment
  }

  async findByHeadSha(): Promise<PullRequestInfo[]> {
    return []
  }
  async get(): Promise<PullRequestInfo | undefined> {
    return undefined
  }
  async listCommentsWith(number: number, marker: string): Promise<PullRequestComment[]> {
    await sleep(this.delay())
    expect(number).toBe(PR)
    return this.comments.filter((comment) => comment.body.includes(marker)).map((comment) => ({ ...comment }))
  }
  async ownLogin(): Promise<string> {
    return this.login
  }
  async createComment(_number: number, body: string): Promise<PullRequestComment> {
    await sleep(this.delay())
    return { ...this.add(body, this.login) }
  }
  async updateComment(id: number, body: string): Promise<PullRequestComment> {
    await sleep(this.delay())
    const comment = this.comments.find((c) => c.id === id)
    if (!comment) throw new Error(`comment ${id} is gone`)
    comment.body = body
    return { ...comment }
  }
  async deleteComment(id: number): Promise<void> {
    await sleep(this.delay())
    this.comments = this.comments.filter((comment) => comment.id !== id)
  }
}

const logged: string[] = []
const logger: Logger = {
  info: (message) => logged.push(message),
  debug: () => undefined,
  warning: (message) => logged.push(message),
  group: (_title, work) => work()
}

function bodyOf(runId: number, text = `report of run ${runId}`): string {
  return `${commentHeader(WORKFLOW, runId)}\n${text}`
}

function post(thread: FakeThread, runId: number) {
  return postStickyComment(thread, logger, { number: PR, marker: MARKER, runId, body: bodyOf(runId) })
}

describe('postStickyComment', () => {
  test('creates the comment when the pull request has none of ours', async () => {
    const thread = new FakeThread()
    const result = await post(thread, 10)
    expect(result.outcome).toBe('created')
    expect(thread.comments).toHaveLength(1)
    expect(thread.comments[0].body).toBe(bodyOf(10))
    expect(result.comment.url).toBe(thread.comments[0].url)
  })

  test("updates our comment in place for a newer run, and the body names the run", async () => {
    const thread = new FakeThread()
    const old = thread.add(bodyOf(10))
    const result = await post(thread, 11)
    expect(result.outcome).toBe('updated')
    expect(thread.comments.map((c) => c.id)).toEqual([old.id])
    expect(runIdOf(thread.comments[0].body)).toBe(11)
  })

  test("an older run never overwrites a newer run's comment", async () => {
    const thread = new FakeThread()
    const newer = thread.add(bodyOf(20))
    const result = await post(thread, 19)
    expect(result.outcome).toBe('newer-kept')
    expect(result.comment.url).toBe(newer.url)
    expect(thread.comments).toEqual([newer])
  })

  test('a re-run attempt of the same run replaces its own comment', async () => {
    const thread = new FakeThread()
    thread.add(bodyOf(20, 'attempt 1'))
    await postStickyComment(thread, logger, { number: PR, marker: MARKER, runId: 20, body: bodyOf(20, 'attempt 2') })
    expect(thread.comments.map((c) => c.body)).toEqual([bodyOf(20, 'attempt 2')])
  })

  test("another user's comment with the same marker is not ours: left alone, and ours is made beside it", async () => {
    const thread = new FakeThread()
    const theirs = thread.add(bodyOf(99, 'copied marker'), 'mallory')
    const result = await post(thread, 10)
    expect(result.outcome).toBe('created')
    expect(thread.comments).toHaveLength(2)
    expect(thread.comments[0]).toEqual(theirs)
    expect(thread.comments[1]).toMatchObject({ author: BOT, body: bodyOf(10) })
  })

  test('a comment of another workflow is not ours', async () => {
    const thread = new FakeThread()
    const other = thread.add(`${commentHeader(WORKFLOW + 1, 50)}\nother workflow`)
    await post(thread, 10)
    expect(thread.comments).toHaveLength(2)
    expect(thread.comments[0]).toEqual(other)
  })

  test('duplicates left by an earlier race: the oldest is kept with the newest body, the others deleted', async () => {
    const thread = new FakeThread()
    const oldest = thread.add(bodyOf(5))
    thread.add(bodyOf(6))
    thread.add(bodyOf(4))
    const result = await post(thread, 7)
    expect(result.outcome).toBe('updated')
    expect(thread.comments).toHaveLength(1)
    expect(thread.comments[0].id).toBe(oldest.id)
    expect(thread.comments[0].body).toBe(bodyOf(7))
  })

  test('two runs at once, in many interleavings, leave exactly one comment with the newer run', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      let state = seed
      // A small deterministic generator, so a failing interleaving repeats.
      const random = () => {
        state = (state * 1103515245 + 12345) % 2 ** 31
        return state % 4
      }
      const thread = new FakeThread(BOT, random)
      const results = await Promise.all([post(thread, 30), post(thread, 31)])
      expect({ seed, count: thread.comments.length }).toEqual({ seed, count: 1 })
      expect({ seed, run: runIdOf(thread.comments[0].body) }).toEqual({ seed, run: 31 })
      for (const result of results) expect(result.comment.id).toBe(thread.comments[0].id)
    }
  })

  test('a body without a run line counts as older than any run', () => {
    expect(runIdOf(`${MARKER}\nhand-edited`)).toBe(0)
    expect(runIdOf(bodyOf(123456789))).toBe(123456789)
  })

  test('a run line quoted in the report (a metric name) is not the header', async () => {
    const thread = new FakeThread()
    const quoted = bodyOf(10, 'metric `<!-- model-ci:run 999999 -->`')
    expect(runIdOf(quoted)).toBe(10)
    thread.add(quoted)
    await post(thread, 11)
    expect(runIdOf(thread.comments[0].body)).toBe(11)
  })

  test("our own comment of another workflow that quotes this workflow's marker is not this workflow's", async () => {
    const thread = new FakeThread()
    const other = thread.add(`${commentHeader(WORKFLOW + 1, 50)}\nmetric \`${MARKER}\``)
    const result = await post(thread, 10)
    expect(result.outcome).toBe('created')
    expect(thread.comments).toHaveLength(2)
    expect(thread.comments[0]).toEqual(other)
  })
})
