/**
 * The progress lines on a terminal: one live line per model in training, redrawn in place once a
 * second (never more often) with its phase, the seconds since it started and its log, and the
 * lines written meanwhile kept above them. A fake clock drives the redraws.
 */
import { expect, test } from '@jest/globals'
import type { ProgressClock } from '../../src/cli/progress.js'
import { TrainingProgress } from '../../src/cli/progress.js'
import type { Terminal } from '../../src/cli/terminal.js'

/** A terminal that keeps what it is sent, and replays the cursor moves progress.ts uses to show the screen as a user sees it. */
function fakeTerminal(width: number): Terminal & { screen(): string[]; writes: string[] } {
  const writes: string[] = []
  const screen: string[] = []
  const put = (text: string) => {
    writes.push(text)
    // CSI n F then CSI J: up n lines and erase them; anything else is lines of text.
    for (const part of text.split(/(\x1b\[\d+F\x1b\[J)/)) { // eslint-disable-line no-control-regex -- the escape sequences are what it replays
      const move = /^\x1b\[(\d+)F\x1b\[J$/.exec(part) // eslint-disable-line no-control-regex -- the same
      if (move) screen.splice(screen.length - Number(move[1]))
      else if (part !== '') screen.push(...part.replace(/\n$/, '').split('\n'))
    }
  }
  return { out: (line) => put(`${line}\n`), err: (line) => put(`${line}\n`), write: put, separate: () => put('\n'), live: true, color: false, width, screen: () => [...screen], writes }
}

function fakeClock(): ProgressClock & { advance(ms: number): void; timers: number } {
  let now = 0
  const ticks = new Set<() => void>()
  return {
    now: () => now,
    every: (_ms, tick) => {
      ticks.add(tick)
      return { stop: () => void ticks.delete(tick) }
    },
    advance(ms) {
      for (let left = ms; left > 0; left -= 1000) {
        now += Math.min(1000, left)
        if (Math.min(1000, left) === 1000) for (const tick of [...ticks]) tick()
      }
    },
    get timers() {
      return ticks.size
    }
  }
}

test('each model in training has a live line that shows its phase, its time and its log, redrawn once a second', () => {
  const terminal = fakeTerminal(120)
  const clock = fakeClock()
  const progress = new TrainingProgress(terminal, ['churn', 'fraud'], { showCause: false, verbose: false, clock })
  progress.started('churn', '.model-ci/logs/1/churn.log')
  progress.started('fraud', '.model-ci/logs/1/fraud.log')
  expect(terminal.screen()).toEqual(['  ⋯ churn  starting · 0 s · log: .model-ci/logs/1/churn.log', '  ⋯ fraud  starting · 0 s · log: .model-ci/logs/1/fraud.log'])

  // Phase changes between two ticks are drawn at the next tick, not as they come.
  const writes = terminal.writes.length
  progress.phase('churn', { phase: 'python' })
  progress.phase('churn', { phase: 'install' })
  progress.phase('fraud', { phase: 'train', step: { index: 1, count: 2, command: 'python prepare.py' } })
  expect(terminal.writes.length).toBe(writes)
  clock.advance(1000)
  expect(terminal.screen()).toEqual([
    '  ⋯ churn  installing the requirements · 1 s · log: .model-ci/logs/1/churn.log',
    '  ⋯ fraud  training, step 1 of 2 (python prepare.py) · 1 s · log: .model-ci/logs/1/fraud.log'
  ])
  clock.advance(64_000)
  expect(terminal.screen()[0]).toBe('  ⋯ churn  installing the requirements · 65 s · log: .model-ci/logs/1/churn.log')

  // A warning and an ended training go above the live lines, which are drawn again below them.
  progress.output.err('warning: [fraud] something to know')
  progress.finished('churn', { kind: 'trained', cacheHit: false, uncommitted: false })
  expect(terminal.screen()).toEqual([
    'warning: [fraud] something to know',
    '  ✓ churn  done in 1 min 5 s (run-cache miss)',
    '  ⋯ fraud  training, step 1 of 2 (python prepare.py) · 65 s · log: .model-ci/logs/1/fraud.log'
  ])
  progress.finished('fraud', { kind: 'error', message: 'a model.yml to fix' })
  expect(terminal.screen()).toEqual(['warning: [fraud] something to know', '  ✓ churn  done in 1 min 5 s (run-cache miss)', '  ✗ fraud  could not train after 1 min 5 s: a model.yml to fix'])
  // Nothing left in training: no timer keeps redrawing.
  expect(clock.timers).toBe(0)
})

test('a live line is cut to the width of the terminal, so that it never wraps and the redraw stays in place', () => {
  const terminal = fakeTerminal(40)
  const progress = new TrainingProgress(terminal, ['churn'], { showCause: false, verbose: false, clock: fakeClock() })
  progress.started('churn', '.model-ci/logs/1/churn.log')
  expect(terminal.screen()).toEqual(['  ⋯ churn  starting · 0 s · log: .mode…'])
  expect(Array.from(terminal.screen()[0]).length).toBeLessThan(40)
})
