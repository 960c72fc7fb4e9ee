import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs'

/**
 * Blanks the environment this process was started with, as Linux shows it to other processes in
 * /proc/<pid>/environ, and returns whether it did.
 *
 * The runner starts the action with its token (INPUT_TOKEN) and the runtime token in its
 * environment, and /proc/<pid>/environ shows that first environment, whatever process.env says
 * later, to every process of the same user: the training among them, which could read
 * /proc/<its parent>/environ. The kernel reads that file from this process's own memory, so the
 * block is overwritten with zeros, after every variable has been set again, which moves it out
 * of the block (setenv makes a copy), so process.env keeps them all: the artifact and cache
 * clients read the runtime token from it when they are called. Nothing is written unless the
 * block, read through /proc/self/mem, is byte for byte what /proc/self/environ shows: a kernel
 * that lays the process out otherwise is left alone.
 *
 * What this does not hide: the values stay in this process's memory, which a process of the same
 * user can read only when the kernel lets it trace this one (Yama's ptrace_scope 0), or as root.
 */
export function blankStartupEnvironment(): boolean {
  if (process.platform !== 'linux') return false
  try {
    const { start, end } = environmentBlock()
    const shown = readFileSync('/proc/self/environ')
    const memory = openSync('/proc/self/mem', 'r+')
    try {
      const block = Buffer.alloc(end - start)
      if (readSync(memory, block, 0, block.length, start) !== block.length || !block.equals(shown)) return false
      for (const [name, value] of Object.entries(process.env)) {
        if (value !== undefined) process.env[name] = value
      }
      return writeSync(memory, Buffer.alloc(block.length), 0, block.length, start) === block.length
    } finally {
      closeSync(memory)
    }
  } catch {
    // No /proc, or a kernel or sandbox that refuses: the environment stays as it was.
    return false
  }
}

/** Where the environment block lies: fields 50 and 51 (env_start, env_end) of /proc/self/stat. */
function environmentBlock(): { start: number; end: number } {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  // Field 2, the command name, is in parentheses and may hold spaces: count from after it (field 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const start = Number(fields[50 - 3])
  const end = Number(fields[51 - 3])
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start <= 0 || end <= start) throw new Error('no environment block in /proc/self/stat')
  return { start, end }
}
