// The Git port's reads of a repository's files, against real git repositories in temp folders.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GitCli } from '../../src/adapters/git/git-cli.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'

const COMMITTER = ['-c', 'user.name=model-ci tests', '-c', 'user.email=tests@example.invalid']

async function makeRepository(dir: string, files: Record<string, string>): Promise<GitCli> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  await git(dir, ['init', '-q'])
  await git(dir, ['add', '-A'])
  await git(dir, [...COMMITTER, 'commit', '-q', '-m', 'seed'])
  const opened = await GitCli.open(dir)
  if (!opened) throw new Error(`no repository at ${dir}`)
  return opened
}

let tempDir: string
beforeAll(() => {
  tempDir = makeTempDir('model-ci-git-cli-')
})
afterAll(() => removeDir(tempDir))

describe('GitCli.findInIndex', () => {
  let repo: GitCli
  beforeAll(async () => {
    repo = await makeRepository(join(tempDir, 'find'), {
      'models/fraud/model.yml': 'python: "3.12"\n',
      'models/fraud/src/train.py': 'print("fraud")\n',
      'models/fraud/src/requirements.txt': 'numpy\n',
      'models/team/churn/src/train.py': 'print("churn")\n',
      'models/fraud/data/notes.txt': 'model.yml is not here\n',
      'ml [v2]/models/ranking/model.yml': '{}\n',
      'ml v2/models/ranking/model.yml': '{}\n',
      'other/x/model.yml': '{}\n',
      'model.yml': '{}\n'
    })
  })

  it('lists the files of those names at any depth below a folder, with their modes and blob ids', async () => {
    const found = await repo.findInIndex(['models'], ['model.yml', 'src/train.py'])

    expect(found.map((entry) => entry.path).sort()).toEqual(['models/fraud/model.yml', 'models/fraud/src/train.py', 'models/team/churn/src/train.py'])
    const modelFile = found.find((entry) => entry.path === 'models/fraud/model.yml')
    expect(modelFile).toEqual({ path: 'models/fraud/model.yml', mode: '100644', oid: await git(repo.root, ['rev-parse', 'HEAD:models/fraud/model.yml']) })
  })

  it('takes the characters of a folder literally, pattern characters and spaces included', async () => {
    const found = await repo.findInIndex(['ml [v2]'], ['model.yml'])

    expect(found.map((entry) => entry.path)).toEqual(['ml [v2]/models/ranking/model.yml'])
  })

  it('looks everywhere for the top folder, "."', async () => {
    const found = await repo.findInIndex(['.'], ['model.yml'])

    expect(found.map((entry) => entry.path).sort()).toEqual([
      'ml [v2]/models/ranking/model.yml',
      'ml v2/models/ranking/model.yml',
      'models/fraud/model.yml',
      'other/x/model.yml'
    ])
  })
})

describe('GitCli.indexAgrees', () => {
  it('is true in a fresh checkout and false once a change to those files is staged', async () => {
    const dir = join(tempDir, 'agrees')
    const repo = await makeRepository(dir, { 'models/fraud/model.yml': 'python: "3.12"\n', 'README.md': '# models\n' })
    expect(await repo.indexAgrees('HEAD', ['models'], ['model.yml'])).toBe(true)

    writeFileSync(join(dir, 'README.md'), '# other files do not count\n')
    await git(dir, ['add', 'README.md'])
    expect(await repo.indexAgrees('HEAD', ['models'], ['model.yml'])).toBe(true)

    writeFileSync(join(dir, 'models/fraud/model.yml'), 'python: "3.13"\n')
    await git(dir, ['add', 'models/fraud/model.yml'])
    expect(await repo.indexAgrees('HEAD', ['models'], ['model.yml'])).toBe(false)
  })

  it('is false for a file only marked as to be added (git add -N)', async () => {
    const dir = join(tempDir, 'intent-to-add')
    const repo = await makeRepository(dir, { 'models/fraud/model.yml': '{}\n' })
    mkdirSync(join(dir, 'models/churn'))
    writeFileSync(join(dir, 'models/churn/model.yml'), '{}\n')
    await git(dir, ['add', '-N', 'models/churn/model.yml'])

    expect(await repo.indexAgrees('HEAD', ['models'], ['model.yml'])).toBe(false)
  })
})

describe('GitCli.listTree', () => {
  let repo: GitCli
  beforeAll(async () => {
    repo = await makeRepository(join(tempDir, 'tree'), {
      'models/fraud/src/train.py': 'print("fraud")\n',
      'models/churn/src/train.py': 'print("churn")\n',
      'scripts/prep.py': 'X = 1\n',
      'scripts/lib/util.py': 'Y = 2\n',
      'README.md': '# models\n'
    })
  })

  it("lists a folder's entries for a path ending in /, the entry itself for a path without", async () => {
    const children = await repo.listTree('HEAD', ['models/'], { recursive: false })
    const itself = await repo.listTree('HEAD', ['models/fraud'], { recursive: false })

    expect(children.map((entry) => [entry.path, entry.mode])).toEqual([
      ['models/churn', '040000'],
      ['models/fraud', '040000']
    ])
    expect(itself).toEqual([{ path: 'models/fraud', mode: '040000', oid: await git(repo.root, ['rev-parse', 'HEAD:models/fraud']) }])
  })

  it('lists every file below the paths when recursive, and the top folder for "."', async () => {
    const below = await repo.listTree('HEAD', ['scripts'], { recursive: true })
    const top = await repo.listTree('HEAD', ['.'], { recursive: false })

    expect(below.map((entry) => entry.path)).toEqual(['scripts/lib/util.py', 'scripts/prep.py'])
    expect(top.map((entry) => entry.path)).toEqual(['README.md', 'models', 'scripts'])
  })
})

describe('GitCli.readObjects', () => {
  it('reads blobs by id and trees by <rev>:<path>, in the order asked, undefined for what does not exist', async () => {
    const repo = await makeRepository(join(tempDir, 'objects'), { 'models/fraud/model.yml': 'python: "3.12"\n', 'my models/a b.txt': 'x\n' })
    const blob = await git(repo.root, ['rev-parse', 'HEAD:models/fraud/model.yml'])

    const objects = await repo.readObjects([blob, 'HEAD:models', 'HEAD:no/such/path', 'HEAD:my models/no such file', blob])

    expect(objects[0]).toEqual({ oid: blob, type: 'blob', content: Buffer.from('python: "3.12"\n') })
    expect(objects[1]?.type).toBe('tree')
    expect(objects[1]?.oid).toBe(await git(repo.root, ['rev-parse', 'HEAD:models']))
    expect(objects[2]).toBeUndefined()
    expect(objects[3]).toBeUndefined()
    expect(objects[4]?.content.toString()).toBe('python: "3.12"\n')
  })

  it('returns an output much larger than a pipe holds, whole', async () => {
    const big = `${'0123456789abcdef'.repeat(64 * 1024)}\n`
    const repo = await makeRepository(join(tempDir, 'big'), { 'data/big.txt': big })
    const names = Array.from({ length: 3 }, () => 'HEAD:data/big.txt')

    const objects = await repo.readObjects(names)

    expect(objects.map((object) => object?.content.equals(Buffer.from(big)))).toEqual([true, true, true])
  })
})

describe('GitCli.parentsOf', () => {
  it('gives the parents a commit records, also in a shallow clone that lacks them, and undefined for an unknown commit', async () => {
    const repo = await makeRepository(join(tempDir, 'parents'), { 'README.md': 'one\n' })
    const root = await git(repo.root, ['rev-parse', 'HEAD'])
    writeFileSync(join(repo.root, 'README.md'), 'two\n')
    await git(repo.root, [...COMMITTER, 'commit', '-q', '-a', '-m', 'second'])
    const second = await git(repo.root, ['rev-parse', 'HEAD'])
    const shallowDir = join(tempDir, 'parents-shallow')
    await git(tempDir, ['clone', '-q', '--depth=1', pathToFileURL(repo.root).href, shallowDir])
    const shallow = await GitCli.open(shallowDir)

    expect(await repo.parentsOf(root)).toEqual([])
    expect(await repo.parentsOf(second)).toEqual([root])
    expect(await shallow?.parentsOf(second)).toEqual([root])
    expect(await shallow?.parentsOf(root)).toBeUndefined()
  })
})

describe('GitCli.changesSinceMergeBase', () => {
  it('gives the merge-base and the paths changed from it, and nothing when there is no single merge-base', async () => {
    const dir = join(tempDir, 'merge-base')
    const repo = await makeRepository(dir, { 'models/a/model.yml': '{}\n', 'models/b/model.yml': '{}\n' })
    const commit = async (branch: string, path: string, text: string) => {
      await git(dir, ['checkout', '-q', branch])
      writeFileSync(join(dir, path), text)
      await git(dir, [...COMMITTER, 'commit', '-q', '-am', `${branch} ${path}`])
      return git(dir, ['rev-parse', 'HEAD'])
    }
    const fork = await git(dir, ['rev-parse', 'HEAD'])
    const trunk = await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'])
    await git(dir, ['branch', 'feature'])
    const main = await commit(trunk, 'models/b/model.yml', 'python: "3.12"\n')
    const feature = await commit('feature', 'models/a/model.yml', 'python: "3.13"\n')

    expect(await repo.changesSinceMergeBase(main, feature)).toEqual({ mergeBase: fork, paths: ['models/a/model.yml'] })

    // A criss-cross: each branch merges the other's tip, so the two tips have two merge-bases.
    await git(dir, ['checkout', '-q', '--detach', main])
    await git(dir, [...COMMITTER, 'merge', '-q', '--no-edit', feature])
    const left = await commit('HEAD', 'models/b/model.yml', 'python: "3.11"\n')
    await git(dir, ['checkout', '-q', '--detach', feature])
    await git(dir, [...COMMITTER, 'merge', '-q', '--no-edit', main])
    const right = await commit('HEAD', 'models/a/model.yml', 'python: "3.10"\n')
    expect(await git(dir, ['merge-base', '--all', left, right])).toContain('\n')

    expect(await repo.changesSinceMergeBase(left, right)).toBeUndefined()
    expect(await repo.changesSinceMergeBase(main, 'deadbeef'.repeat(5))).toBeUndefined()
  })
})
