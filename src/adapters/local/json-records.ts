// Numbered JSON records in a folder (`<dir>/<id>.json`), shared by the local twins of GitHub's
// workflow runs and deployments. Several CLIs may write to one folder at once: a new record
// takes its id with an exclusive hard link, and a changed record replaces the old by a rename,
// so a reader sees a whole record or none, never half of one.
import { randomBytes } from 'node:crypto'
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const RECORD_NAME = /^([1-9][0-9]{0,14})\.json$/

/** The path of record `id` in `directory`. */
export function recordPath(directory: string, id: number): string {
  return join(directory, `${id}.json`)
}

/**
 * Writes `make(id)` as a new record with the next free id (one more than the largest there) and
 * returns the id. link(2) fails when the name exists, so two writers never take the same id, and
 * the record appears with its whole content.
 */
export async function createRecord(directory: string, make: (id: number) => unknown): Promise<number> {
  await mkdir(directory, { recursive: true })
  const staging = stagingPath(directory)
  try {
    for (let id = (await largestId(directory)) + 1; ; id += 1) {
      await writeFile(staging, serialize(make(id)), { flag: 'wx' })
      try {
        await link(staging, recordPath(directory, id))
        return id
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      await rm(staging, { force: true })
    }
  } finally {
    await rm(staging, { force: true })
  }
}

/** Replaces record `id` with `value` in one rename. */
export async function replaceRecord(directory: string, id: number, value: unknown): Promise<void> {
  const staging = stagingPath(directory)
  try {
    await writeFile(staging, serialize(value), { flag: 'wx' })
    await rename(staging, recordPath(directory, id))
  } finally {
    await rm(staging, { force: true })
  }
}

/** Record `id` parsed as JSON, or undefined when there is none. Text that is not JSON throws. */
export async function readRecord(directory: string, id: number): Promise<unknown> {
  const text = await readFile(recordPath(directory, id), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  return text === undefined ? undefined : JSON.parse(text)
}

/** The ids of the records in `directory`, largest (newest) first. */
export async function recordIds(directory: string): Promise<number[]> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  const ids: number[] = []
  for (const name of names) {
    const match = RECORD_NAME.exec(name)
    if (match) ids.push(Number(match[1]))
  }
  return ids.sort((a, b) => b - a)
}

async function largestId(directory: string): Promise<number> {
  return (await recordIds(directory))[0] ?? 0
}

/** A dot name: never read as a record, and on the same file system as the records for rename and link. */
function stagingPath(directory: string): string {
  return join(directory, `.writing-${process.pid}-${randomBytes(6).toString('hex')}`)
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
