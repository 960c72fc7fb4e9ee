/** A child process group that must not outlive this process. */
export interface GuardedGroup {
  /** This process got SIGINT or SIGTERM: stop the group (it may take a grace period). */
  interrupt(signal: NodeJS.Signals): void
  /** This process is exiting now: nothing asynchronous runs any more, kill the group at once. */
  killNow(): void
}

const INTERRUPTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
const guarded = new Set<GuardedGroup>()

function onInterrupt(signal: NodeJS.Signals): void {
  for (const group of guarded) group.interrupt(signal)
}

function onExit(): void {
  for (const group of guarded) group.killNow()
}

/**
 * Passes this process's SIGINT and SIGTERM on to a running child group, and kills the group if
 * this process exits first. A detached child leads its own process group, so a Ctrl-C or a job
 * cancellation would otherwise never reach it and it would live on as an orphan. One set of
 * process listeners serves every running child; it is removed when the last one is released.
 * Returns the release function.
 */
export function guardWhileRunning(group: GuardedGroup): () => void {
  if (guarded.size === 0) {
    for (const signal of INTERRUPTS) process.on(signal, onInterrupt)
    process.on('exit', onExit)
  }
  guarded.add(group)
  return () => {
    if (!guarded.delete(group) || guarded.size > 0) return
    for (const signal of INTERRUPTS) process.off(signal, onInterrupt)
    process.off('exit', onExit)
  }
}

/**
 * While a child ran, the listener above stood in for the signal's default action, which is to
 * end this process. Once released, deliver the signal again so the process ends as it would have
 * without us, unless the program listens for that signal itself and so decides on its own.
 */
export function resendIfUnhandled(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}
