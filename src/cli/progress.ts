import type { PhaseChange, TrainingPhase } from '../commands/train/phases.js'
import { causeOf } from '../core/failure-cause.js'
import type { Failure } from '../core/manifest.js'
import { formatSeconds } from '../core/report/format.js'
import { escapeControlCharacters, truncate } from '../core/untrusted-text.js'
import type { Terminal } from './terminal.js'
import { paint } from './terminal.js'

/** How one model's training ended, as its progress line tells it. */
export type TrainingOutcome =
  /** `uncommitted`: the model's inputs had uncommitted changes, so it trained without the run-cache. */
  | { kind: 'trained'; cacheHit: boolean; reusedRun?: number; uncommitted: boolean }
  | { kind: 'failed'; failure: Failure }
  /** train() itself stopped (a config error, a store that failed): no manifest was uploaded. */
  | { kind: 'error'; message: string }

/** What the progress lines are timed with; the real clock unless a test gives its own. */
export interface ProgressClock {
  /** Milliseconds, from any origin. */
  now(): number
  /** Calls `tick` every `ms` milliseconds until `stop`; never keeps the process alive. */
  every(ms: number, tick: () => void): { stop(): void }
}

export const realClock: ProgressClock = {
  now: () => performance.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms)
    timer.unref()
    return { stop: () => clearInterval(timer) }
  }
}

/** How often a terminal's live lines are redrawn: the elapsed times tick in seconds. */
const REDRAW_MS = 1000

const PHASE_WORDS: Record<TrainingPhase, string> = {
  'run-cache': 'looking in the run-cache',
  python: 'setting up Python',
  install: 'installing the requirements',
  train: 'training',
  evaluate: 'evaluating',
  upload: 'storing the artifact'
}

/** A phase as its line says it, with the step of a `train` or `evaluate` given as several commands. */
export function describePhase(change: PhaseChange | undefined): string {
  if (change === undefined) return 'starting'
  const words = PHASE_WORDS[change.phase]
  // The command is model.yml's: shown without its control characters, and cut.
  return change.step ? `${words}, step ${change.step.index} of ${change.step.count} (${escapeControlCharacters(truncate(change.step.command, 60))})` : words
}

interface Training {
  started: number
  phase?: PhaseChange
  logFile: string
}

/**
 * One line per model when its training starts and one when it ends, aligned on the model names,
 * and in between the phase it is in (see phases.ts), with the time since it started:
 * - on a terminal (`terminal.live`), one live line per model in training at the bottom, redrawn in
 *   place every second, with the path of its log; whatever else is written goes above them;
 * - elsewhere (CI logs, pipes), one plain line per phase change, never a control sequence;
 * - with `verbose`, no phase lines: the training's own output, with its group titles, says it all.
 */
export class TrainingProgress {
  private readonly width: number
  private readonly trainings = new Map<string, Training>()
  private readonly live: LiveLines | undefined

  /**
   * `showCause`: a failed training's line is followed by the last lines of its output that say why
   * (see failureCause); off where the command's error line carries them instead.
   */
  constructor(
    private readonly terminal: Terminal,
    models: readonly string[],
    private readonly options: { showCause: boolean; verbose: boolean; clock?: ProgressClock }
  ) {
    this.width = Math.max(0, ...models.map((model) => model.length))
    this.live = terminal.live && !options.verbose ? new LiveLines(terminal, options.clock ?? realClock, () => this.liveLines()) : undefined
  }

  /**
   * Where the trainings' own warnings go while the progress is shown: on a terminal, above the
   * live lines, which are drawn again below them.
   */
  get output(): Terminal {
    return this.live?.above ?? this.terminal
  }

  started(model: string, logFile: string): void {
    this.trainings.set(model, { started: this.clock.now(), logFile })
    if (this.live) this.live.redraw()
    else this.terminal.out(`  ${paint(this.terminal, 'dim', '•')} ${this.name(model)}  started; log: ${logFile}`)
  }

  /** A training entered `change.phase`: said at once as a line, or on a terminal at the next redraw. */
  phase(model: string, change: PhaseChange): void {
    const training = this.trainings.get(model)
    if (!training) return
    training.phase = change
    if (this.live || this.options.verbose) return
    this.terminal.out(`  ${paint(this.terminal, 'dim', '•')} ${this.name(model)}  ${describePhase(change)} (after ${formatSeconds(this.seconds(training))})`)
  }

  finished(model: string, outcome: TrainingOutcome): void {
    const training = this.trainings.get(model)
    if (!training) return
    this.trainings.delete(model)
    const out = (line: string) => this.output.out(line)
    const took = formatSeconds(this.seconds(training))
    switch (outcome.kind) {
      case 'trained': {
        const cache = outcome.cacheHit
          ? `run-cache hit: nothing trained, the outputs of run ${outcome.reusedRun ?? '?'} reused`
          : outcome.uncommitted
            ? 'run-cache not used: uncommitted changes'
            : 'run-cache miss'
        out(`  ${paint(this.terminal, 'green', '✓')} ${this.name(model)}  done in ${took} (${cache})`)
        break
      }
      case 'failed': {
        const { phase, message } = outcome.failure
        out(`  ${paint(this.terminal, 'red', '✗')} ${this.name(model)}  failed in the ${phase} phase after ${took}: ${message}${how(outcome.failure)}; log: ${training.logFile}`)
        if (this.options.showCause) for (const line of causeOf(outcome.failure)) out(`      ${line}`)
        break
      }
      case 'error':
        out(`  ${paint(this.terminal, 'red', '✗')} ${this.name(model)}  could not train after ${took}: ${outcome.message}`)
    }
    if (this.trainings.size === 0) this.live?.stop()
  }

  private get clock(): ProgressClock {
    return this.options.clock ?? realClock
  }

  private seconds(training: Training): number {
    return (this.clock.now() - training.started) / 1000
  }

  /** The live lines: each model in training, its phase, the whole seconds since it started, and its log. */
  private liveLines(): string[] {
    return Array.from(this.trainings, ([model, training]) => `  ⋯ ${model.padEnd(this.width)}  ${describePhase(training.phase)} · ${Math.floor(this.seconds(training))} s · log: ${training.logFile}`)
  }

  private name(model: string): string {
    return paint(this.terminal, 'bold', model.padEnd(this.width))
  }
}

/** Previous line, column 1 (CSI n F), then erase to the end of the screen (CSI J). */
const up = (lines: number) => `\x1b[${lines}F\x1b[J`

/**
 * Lines kept at the bottom of a terminal and redrawn in place: every REDRAW_MS while any is shown,
 * and at once when a line is written above them. Each is cut to the terminal's width, so that none
 * wraps and the count of lines to go back up stays true.
 */
class LiveLines {
  private drawn = 0
  private timer: { stop(): void } | undefined
  readonly above: Terminal

  constructor(
    private readonly terminal: Terminal,
    private readonly clock: ProgressClock,
    private readonly lines: () => string[]
  ) {
    const around = (write: (line: string) => void) => (line: string) => {
      this.erase()
      write(line)
      this.draw()
    }
    this.above = { ...terminal, out: around(terminal.out), err: around(terminal.err) }
  }

  redraw(): void {
    this.timer ??= this.clock.every(REDRAW_MS, () => this.redraw())
    this.erase()
    this.draw()
  }

  stop(): void {
    this.timer?.stop()
    this.timer = undefined
    this.erase()
  }

  private erase(): void {
    if (this.drawn > 0) this.terminal.write(up(this.drawn))
    this.drawn = 0
  }

  private draw(): void {
    if (this.timer === undefined) return
    const columns = Math.max(20, (this.terminal.width || 80) - 1)
    const lines = this.lines().map((line) => (Array.from(line).length > columns ? `${Array.from(line).slice(0, columns - 1).join('')}…` : line))
    if (lines.length > 0) this.terminal.write(lines.map((line) => `${line}\n`).join(''))
    this.drawn = lines.length
  }
}

/** How the failed command ended; a metrics failure's message says it all. */
function how(failure: Failure): string {
  if (failure.phase === 'metrics' || failure.phase === 'mlflow') return ''
  if (failure.signal) return ` (killed by ${failure.signal})`
  return failure.exit_code === null ? '' : ` (exit code ${failure.exit_code})`
}
