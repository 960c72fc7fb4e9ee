import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const POLL_MS = 25
/** How long to wait for the kernel to finish off a group after SIGKILL before giving up on it. */
const AFTER_KILL_MS = 1000

/**
 * Sends a signal to every process in the group. A group that is gone (ESRCH), or whose remaining
 * members are not ours to signal (EPERM, e.g. a setuid program), is left as it is.
 */
export function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ESRCH' && code !== 'EPERM') throw error
  }
}

/**
 * Whether any process of the group is still running. Zombies do not count: where PID 1 does not
 * reap orphans (container jobs whose PID 1 is `tail -f /dev/null`), a killed grandchild stays a
 * zombie for good, and `kill(-group, 0)` alone would call the group alive forever.
 */
export function groupHasLiveMembers(groupId: number): boolean {
  try {
    process.kill(-groupId, 0)
  } catch {
    // ESRCH: the group is empty. EPERM: its members are not ours to signal.
    return false
  }
  return process.platform === 'linux' ? linuxGroupHasRunningMember(groupId) : true
}

function linuxGroupHasRunningMember(groupId: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended while we looked
    }
    // "pid (command) state ppid pgrp ...": the command may hold spaces and parentheses.
    const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(processGroup) === groupId && state !== 'Z' && state !== 'X') return true
  }
  return false
}

/**
 * Ends a process group: `firstSignal` so its processes can clean up, then SIGKILL for whatever is
 * still running after `graceMs`. Resolves as soon as the group is gone.
 */
export async function terminateGroup(groupId: number, firstSignal: NodeJS.Signals, graceMs: number): Promise<void> {
  signalGroup(groupId, firstSignal)
  if (await groupEndsWithin(groupId, graceMs)) return
  signalGroup(groupId, 'SIGKILL')
  await groupEndsWithin(groupId, AFTER_KILL_MS)
}

async function groupEndsWithin(groupId: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (groupHasLiveMembers(groupId)) {
    if (Date.now() >= deadline) return false
    await sleep(POLL_MS)
  }
  return true
}
