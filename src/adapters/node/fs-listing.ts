import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { FileEntry } from '../../ports/git.js'
import { LOCAL_STATE_DIR } from '../local/state-dir.js'

/** Folders that are never a model's input. */
const SKIPPED = new Set(['.git', LOCAL_STATE_DIR, 'node_modules'])

/**
 * Lists the files below `root` as git would record them (mode and blob id), for checkouts without
 * git (actions/checkout falls back to a tarball when git is missing). The ids equal git's, so a
 * model's fingerprint is the same with or without git.
 */
export function listFilesWithoutGit(root: string): FileEntry[] {
  const entries: FileEntry[] = []
  const walk = (dir: string, prefix: string) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(dirent.name)) continue
      const full = join(dir, dirent.name)
      const path = prefix + dirent.name
      if (dirent.isDirectory()) walk(full, `${path}/`)
      else if (dirent.isSymbolicLink()) entries.push({ path, mode: '120000', oid: blobId(Buffer.from(readlinkSync(full))) })
      else if (dirent.isFile()) {
        const executable = (statSync(full).mode & 0o111) !== 0
        entries.push({ path, mode: executable ? '100755' : '100644', oid: blobId(readFileSync(full)) })
      }
    }
  }
  walk(root, '')
  return entries
}

function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}
