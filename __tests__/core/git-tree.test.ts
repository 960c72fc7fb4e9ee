// gitTreeId against git itself: the ids `git write-tree` gives a repository's folders, computed from
// the index's entries and from a listing of the files on disk (a checkout without git).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { listFilesWithoutGit } from '../../src/adapters/node/fs-listing.js'
import { gitTreeId, parseTreeObject } from '../../src/core/git-tree.js'
import type { FileEntry } from '../../src/ports/git.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'

// Names whose order differs between a file and a folder: git sorts the folder "a" as "a/", after
// "a-b", "a.txt" and "a+", before "a0"; "é" sorts by its UTF-8 bytes, after every ASCII name.
const FILES: Record<string, string> = {
  'a.txt': 'a\n',
  'a-b': 'a-b\n',
  'a+': 'plus\n',
  'a0': 'zero\n',
  'a/b.txt': 'b\n',
  'a/c/d.txt': 'd\n',
  'a/c.txt/e': 'a folder called c.txt\n',
  'B.md': 'capital\n',
  'é/x.py': 'accent\n',
  'models/fraud/src/train.py': 'print("fraud")\n',
  'models/fraud/model.yml': 'python: "3.12"\n',
  'models/fraud-v2/model.yml': '{}\n',
  'empty.txt': ''
}
const EXECUTABLE = 'models/fraud/run.sh'
const SYMLINK = 'models/fraud/link'

let repo: string
beforeAll(async () => {
  repo = makeTempDir('model-ci-git-tree-')
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  writeFileSync(join(repo, EXECUTABLE), '#!/bin/sh\necho run\n')
  chmodSync(join(repo, EXECUTABLE), 0o755)
  symlinkSync('src/train.py', join(repo, SYMLINK))
  // A folder without files is not in git's tree.
  mkdirSync(join(repo, 'models/fraud/outputs'))
  await git(repo, ['init', '-q'])
  await git(repo, ['add', '-A'])
})
afterAll(() => removeDir(repo))

async function indexEntries(): Promise<FileEntry[]> {
  const output = await git(repo, ['ls-files', '-s', '-z'])
  return output
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const [info, path] = record.split('\t')
      const [mode, oid] = info.split(' ')
      return { path, mode, oid }
    })
}

/** The files below `dir`, with paths relative to it. */
function below(entries: readonly FileEntry[], dir: string): FileEntry[] {
  return entries.filter((entry) => entry.path.startsWith(`${dir}/`)).map((entry) => ({ ...entry, path: entry.path.slice(dir.length + 1) }))
}

describe('gitTreeId', () => {
  it("is the id git write-tree gives the repository's top folder", async () => {
    const entries = await indexEntries()
    expect(entries.map((entry) => entry.mode)).toEqual(expect.arrayContaining(['100755', '120000', '100644']))

    expect(gitTreeId(entries)).toBe(await git(repo, ['write-tree']))
  })

  it('is the id git gives each folder, nested ones and those whose name sorts differently as a folder included', async () => {
    const entries = await indexEntries()
    const root = await git(repo, ['write-tree'])
    for (const dir of ['a', 'a/c', 'a/c.txt', 'é', 'models', 'models/fraud', 'models/fraud/src', 'models/fraud-v2']) {
      expect({ dir, id: gitTreeId(below(entries, dir)) }).toEqual({ dir, id: await git(repo, ['rev-parse', `${root}:${dir}`]) })
    }
  })

  it('gives the same ids from the files on disk, as a checkout without git lists them', async () => {
    const root = await git(repo, ['write-tree'])
    const listed = listFilesWithoutGit(repo)

    expect(gitTreeId(listed)).toBe(root)
    expect(gitTreeId(below(listed, 'models/fraud'))).toBe(await git(repo, ['rev-parse', `${root}:models/fraud`]))
  })

  it("changes with a file's content, its mode and its name", async () => {
    const entries = await indexEntries()
    const first = gitTreeId(entries)
    const train = entries.findIndex((entry) => entry.path === 'models/fraud/src/train.py')
    const variants = [
      entries.map((entry, index) => (index === train ? { ...entry, oid: 'f'.repeat(40) } : entry)),
      entries.map((entry, index) => (index === train ? { ...entry, mode: '100755' } : entry)),
      entries.map((entry, index) => (index === train ? { ...entry, path: 'models/fraud/src/train2.py' } : entry))
    ]
    expect(new Set([first, ...variants.map((variant) => gitTreeId(variant))]).size).toBe(variants.length + 1)
  })

  it("of no files is git's empty tree", () => {
    expect(gitTreeId([])).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
  })
})

describe('parseTreeObject', () => {
  it('reads the entries of a tree object as git ls-tree lists them', async () => {
    const root = await git(repo, ['write-tree'])
    for (const tree of [root, await git(repo, ['rev-parse', `${root}:models/fraud`])]) {
      const content = execFileSync('git', ['cat-file', 'tree', tree], { cwd: repo })
      const listed = (await git(repo, ['ls-tree', '-z', tree]))
        .split('\0')
        .filter(Boolean)
        .map((record) => {
          const [info, name] = record.split('\t')
          const [mode, , oid] = info.split(' ')
          return { mode: mode.replace(/^0/, ''), name, oid }
        })

      expect(parseTreeObject(content)).toEqual(listed)
    }
  })
})
