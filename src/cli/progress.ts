import { causeOf } from '../core/failure-cause.js'
import type { Failure } from '../core/manifest.js'
import type { Terminal } from './terminal.js'
import { paint } from './terminal.js'

/** How one model's training ended, as its progress line tells it. */
export type TrainingOutcome =
  /** `uncommitted`: the model's inputs had uncommitted changes, so it trained without the run-cache. */
  | { kind: 'trained'; cacheHit: boolean; reusedRun?: number; uncommitted: boolean }
  | { kind: 'failed'; failure: Failure }
  /** train() itself stopped (a config error, a store that failed): no manifest was uploaded. */
  | { kind: 'error'; message: string }

/** One line per model when its training starts and one when it ends, aligned on the model names. */
export class TrainingProgress {
  private readonly width: number

  /**
   * `showCause`: a failed training's line is followed by the last lines of its output that say why
   * (see failureCause); off where the command's error line carries them instead.
   */
  constructor(
    private readonly terminal: Terminal,
    models: readonly string[],
    private readonly options: { showCause: boolean }
  ) {
    this.width = Math.max(0, ...models.map((model) => model.length))
  }

  started(model: string): void {
    this.terminal.out(`  ${paint(this.terminal, 'dim', '•')} ${this.name(model)}  training…`)
  }

  finished(model: string, seconds: number, outcome: TrainingOutcome, logFile: string): void {
    const took = formatSeconds(seconds)
    switch (outcome.kind) {
      case 'trained': {
        const cache = outcome.cacheHit
          ? `run-cache hit: nothing trained, the outputs of run ${outcome.reusedRun ?? '?'} reused`
          : outcome.uncommitted
            ? 'run-cache not used: uncommitted changes'
            : 'run-cache miss'
        this.terminal.out(`  ${paint(this.terminal, 'green', '✓')} ${this.name(model)}  done in ${took} (${cache})`)
        return
      }
      case 'failed': {
        const { phase, message } = outcome.failure
        this.terminal.out(`  ${paint(this.terminal, 'red', '✗')} ${this.name(model)}  failed in the ${phase} phase after ${took}: ${message}${how(outcome.failure)}; log: ${logFile}`)
        if (this.options.showCause) for (const line of causeOf(outcome.failure)) this.terminal.out(`      ${line}`)
        return
      }
      case 'error':
        this.terminal.out(`  ${paint(this.terminal, 'red', '✗')} ${this.name(model)}  could not train after ${took}: ${outcome.message}`)
    }
  }

  private name(model: string): string {
    return paint(this.terminal, 'bold', model.padEnd(this.width))
  }
}

/** How the failed command ended; a metrics failure's message says it all. */
function how(failure: Failure): string {
  if (failure.phase === 'metrics' || failure.phase === 'mlflow') return ''
  if (failure.signal) return ` (killed by ${failure.signal})`
  return failure.exit_code === null ? '' : ` (exit code ${failure.exit_code})`
}

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}
