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

type Call = 'list' | 'create' | 'update' | 'delete'

/**
 * Two runs' calls in an order the test chooses: each run sees `thread` through `view(run, waits)`,
 * whose nth call of a kind (named `<run>:<kind><n>`, e.g. `31:update1`) first waits until the call
 * that `waits` names has finished. `log` lists the calls in the order they finished.
 */
class Choreography {
  readonly log: string[] = []
  private readonly finished = new Map<string, { promise: Promise<void>; resolve: () => void }>()

  constructor(private readonly thread: FakeThread) {}

  view(run: number, waits: Record<string, string>): PullRequestThreads {
    const counts = new Map<Call, number>()
    const step = async <T>(kind: Call, work: () => Promise<T>): Promise<T> => {
      const n = (counts.get(kind) ?? 0) + 1
      counts.set(kind, n)
      const name = `${run}:${kind}${n}`
      const after = waits[name]
      if (after !== undefined) await this.gate(after).promise
      const result = await work()
      this.log.push(name)
      this.gate(name).resolve()
      return result
    }
    const thread = this.thread
    return {
      findByHeadSha: () => thread.findByHeadSha(),
      ownLogin: () => thread.ownLogin(),
      listCommentsWith: (number, marker) => step('list', () => thread.listCommentsWith(number, marker)),
      createComment: (number, body) => step('create', () => thread.createComment(number, body)),
      updateComment: (id, body) => step('update', () => thread.updateComment(id, body)),
      deleteComment: (id) => step('delete', () => thread.deleteComment(id))
    }
  }

  private gate(name: string): { promise: Promise<void>; resolve: () => void } {
    let gate = this.finished.get(name)
    if (!gate) {
      let resolve = () => undefined as void
      const promise = new Promise<void>((done) => (resolve = done))
      this.finished.set(name, (gate = { promise, resolve }))
    }
    return gate
  }
}

function postAs(view: PullRequestThreads, runId: number) {
  return postStickyComment(view, logger, { number: PR, marker: MARKER, runId, body: bodyOf(runId) })
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

  test("an older run's update that lands after the newer run's is written over: the newer run lists again after its write", async () => {
    const thread = new FakeThread()
    const comment = thread.add(bodyOf(29))
    const steps = new Choreography(thread)
    // Both list and see run 29; 31 writes, then 30 writes over it; then 31 lists again.
    const newer = postAs(steps.view(31, { '31:update1': '30:list1', '31:list2': '30:update1' }), 31)
    const older = postAs(steps.view(30, { '30:update1': '31:update1' }), 30)
    const [result] = await Promise.all([newer, older])
    expect(steps.log.slice(0, 4)).toEqual(['31:list1', '30:list1', '31:update1', '30:update1'])
    expect(thread.comments).toEqual([expect.objectContaining({ id: comment.id, body: bodyOf(31) })])
    expect(result).toMatchObject({ outcome: 'updated', comment: { id: comment.id } })
  })

  test('an older run that finds a newer run\'s report after its own write leaves it, without writing again', async () => {
    const thread = new FakeThread()
    const comment = thread.add(bodyOf(29))
    const steps = new Choreography(thread)
    // Both list and see run 29; 30 writes, then 31; then 30 lists again.
    const older = postAs(steps.view(30, { '30:update1': '31:list1', '30:list2': '31:update1' }), 30)
    const newer = postAs(steps.view(31, { '31:update1': '30:update1' }), 31)
    const [result] = await Promise.all([older, newer])
    expect(result).toMatchObject({ outcome: 'newer-kept', comment: { id: comment.id } })
    expect(steps.log.filter((call) => call.startsWith('30:update'))).toEqual(['30:update1'])
    expect(thread.comments).toEqual([expect.objectContaining({ id: comment.id, body: bodyOf(31) })])
  })

  test('a run whose every write is written over by an older run stops after three writes', async () => {
    const updates: string[] = []
    class OverwrittenThread extends FakeThread {
      override async updateComment(id: number, body: string): Promise<PullRequestComment> {
        updates.push(body)
        const written = await super.updateComment(id, body)
        // Another, older run's write lands right after ours.
        await super.updateComment(id, bodyOf(30))
        return written
      }
    }
    const thread = new OverwrittenThread()
    thread.add(bodyOf(29))
    const result = await postAs(thread, 31)
    expect(updates).toEqual([bodyOf(31), bodyOf(31), bodyOf(31)])
    expect(result.outcome).toBe('updated')
    expect(logged).toContainEqual(expect.stringContaining('after 3 writes of run 31'))
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
