// scanIndexFile against the index files real git writes: the same entries `git ls-files --stage`
// lists, and no answer at all for the layouts it leaves to git.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { GitCli } from '../../src/adapters/git/git-cli.js'
import { scanIndexFile } from '../../src/adapters/git/index-file.js'
import type { FileEntry } from '../../src/ports/git.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'

const COMMITTER = ['-c', 'user.name=model-ci tests', '-c', 'user.email=tests@example.invalid']
const NAMES = ['model.yml', 'src/train.py']

/** A path longer than the 12 bits an index entry has for its length (0xfff), and than a file system takes: committed through the index alone. */
const LONG_PATH = `models/${Array.from({ length: 22 }, (_, index) => `${String(index).padStart(2, '0')}${'x'.repeat(190)}`).join('/')}/model.yml`

const FILES: Record<string, string> = {
  'models/fraud/model.yml': 'python: "3.12"\n',
  'models/fraud/src/train.py': 'print("fraud")\n',
  'models/fraud/data/a.csv': 'a\n',
  'models/team/churn/src/train.py': 'print("churn")\n',
  'models/é ü/model.yml': '{}\n',
  'models-old/x/model.yml': '{}\n',
  'models/model.yml': '{}\n',
  'ml [v2]/models/ranking/model.yml': '{}\n',
  'other/x/model.yml': '{}\n',
  'model.yml': '{}\n',
  'scripts/run.sh': '#!/bin/sh\n'
}

async function makeRepository(dir: string, files: Record<string, string>, initArgs: string[] = []): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  await git(dir, ['init', '-q', ...initArgs])
  await git(dir, ['add', '-A'])
  const blobFile = join(dirname(dir), `${basename(dir)}.blob`)
  writeFileSync(blobFile, '{}\n')
  const blob = await git(dir, ['hash-object', '-w', blobFile])
  await git(dir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${LONG_PATH}`])
  await git(dir, [...COMMITTER, 'commit', '-q', '-m', 'seed'])
  return dir
}

/** What `git ls-files --stage` lists for the pathspecs findInIndex stands for. */
async function lsFiles(dir: string, folders: string[], names: string[]): Promise<FileEntry[]> {
  const pathspecs = folders.flatMap((folder) => names.map((name) => `${folder === '.' ? '' : folder.replace(/[*?[\\]/g, '\\$&')}*/${name}`))
  const output = await git(dir, ['-c', 'core.quotePath=false', 'ls-files', '--stage', '-z', '--', ...pathspecs])
  return output
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const [info, path] = record.split('\t')
      const [mode, oid] = info.split(' ')
      return { path, mode, oid }
    })
}

function scan(dir: string, folders: string[], names = NAMES, oidLength = 20) {
  return scanIndexFile(readFileSync(join(dir, '.git', 'index')), oidLength, folders, names)
}

let tempDir: string
beforeAll(() => {
  tempDir = makeTempDir('model-ci-index-file-')
})
afterAll(() => removeDir(tempDir))

describe('scanIndexFile', () => {
  let repo: string
  beforeAll(async () => {
    repo = await makeRepository(join(tempDir, 'plain'), FILES)
  })

  it.each([[['models']], [['.']], [['ml [v2]']], [['models', 'other']], [['models/team']]])('lists what git ls-files lists below %j', async (folders) => {
    expect(scan(repo, folders)?.entries).toEqual(await lsFiles(repo, folders, NAMES))
  })

  it('reads a path too long for its length field, and names that are not ASCII', () => {
    const paths = scan(repo, ['models'])?.entries.map((entry) => entry.path)

    expect(paths).toContain(LONG_PATH)
    expect(paths).toContain('models/é ü/model.yml')
  })

  it("gives the cache tree's root, HEAD's tree in a fresh commit, and none once a staged change invalidates it", async () => {
    const dir = await makeRepository(join(tempDir, 'staged'), { 'models/a/model.yml': '{}\n', 'README.md': 'one\n' })
    expect(scan(dir, ['models'])?.rootTree).toBe(await git(dir, ['rev-parse', 'HEAD^{tree}']))

    writeFileSync(join(dir, 'README.md'), 'two\n')
    await git(dir, ['add', 'README.md'])

    expect(scan(dir, ['models'])?.rootTree).toBeUndefined()
  })

  it('reads a version 3 index, whose entries with extended flags (skip-worktree) are longer', async () => {
    const dir = await makeRepository(join(tempDir, 'v3'), FILES)
    await git(dir, ['update-index', '--skip-worktree', 'models/fraud/model.yml'])
    expect(readFileSync(join(dir, '.git', 'index')).readUInt32BE(4)).toBe(3)

    expect(scan(dir, ['models'])?.entries).toEqual(await lsFiles(dir, ['models'], NAMES))
  })

  it.each([
    ['a version 4 index (compressed paths)', ['update-index', '--index-version', '4']],
    ['a split index', ['update-index', '--split-index']]
  ])('leaves %s to git', async (_what, args) => {
    const dir = await makeRepository(join(tempDir, `left-${args[1]}`), { 'models/a/model.yml': '{}\n' })
    await git(dir, args)

    expect(scan(dir, ['models'])).toBeUndefined()
  })

  it('leaves a sparse index, whose entries include folders, to git', async () => {
    const dir = await makeRepository(join(tempDir, 'sparse'), { 'models/a/model.yml': '{}\n', 'models/b/model.yml': '{}\n' })
    await git(dir, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'models/a'])

    expect(scan(dir, ['models'])).toBeUndefined()
  })

  it('leaves a file only marked as to be added (git add -N) to git', async () => {
    const dir = await makeRepository(join(tempDir, 'intent'), { 'models/a/model.yml': '{}\n' })
    mkdirSync(join(dir, 'models/b'))
    writeFileSync(join(dir, 'models/b/model.yml'), '{}\n')
    await git(dir, ['add', '-N', 'models/b/model.yml'])

    expect(scan(dir, ['models'])).toBeUndefined()
  })

  it('leaves a merge in progress, with its unmerged stages, to git', async () => {
    const dir = await makeRepository(join(tempDir, 'conflict'), { 'models/a/model.yml': 'python: "3.11"\n' })
    await git(dir, ['checkout', '-q', '-b', 'other'])
    writeFileSync(join(dir, 'models/a/model.yml'), 'python: "3.12"\n')
    await git(dir, [...COMMITTER, 'commit', '-q', '-am', 'other'])
    await git(dir, ['checkout', '-q', '-'])
    writeFileSync(join(dir, 'models/a/model.yml'), 'python: "3.13"\n')
    await git(dir, [...COMMITTER, 'commit', '-q', '-am', 'main'])
    await git(dir, [...COMMITTER, 'merge', '-q', 'other']).catch(() => undefined)

    expect(scan(dir, ['models'])).toBeUndefined()
  })

  it('leaves a damaged file to git', () => {
    const data = readFileSync(join(repo, '.git', 'index'))

    expect(scanIndexFile(data.subarray(0, 200), 20, ['models'], NAMES)).toBeUndefined()
    expect(scanIndexFile(Buffer.from('not an index at all, not at all'), 20, ['models'], NAMES)).toBeUndefined()
  })
})

describe('GitCli.findInIndex from the index file', () => {
  it('reads a SHA-256 repository with its 32-byte ids, as git ls-files does', async () => {
    const dir = await makeRepository(join(tempDir, 'sha256'), FILES, ['--object-format=sha256'])
    const repo = await GitCli.open(dir)

    const found = await repo?.findInIndex(['models'], NAMES)

    expect(found).toEqual(await lsFiles(dir, ['models'], NAMES))
    expect(found?.[0].oid).toHaveLength(64)
    expect(await repo?.indexAgrees('HEAD', ['models'], NAMES)).toBe(true)
  })
})
