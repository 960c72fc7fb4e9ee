// The Repository that detect and train share, over real git repositories in temp folders: the models,
// their config, and fingerprints that are the same read through git or, without git, from the files.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { GitCli } from '../../src/adapters/git/git-cli.js'
import { listFilesWithoutGit } from '../../src/adapters/node/fs-listing.js'
import { FsWorkspace } from '../../src/adapters/node/fs-workspace.js'
import type { RepositoryPorts } from '../../src/repository/repository.js'
import { Repository } from '../../src/repository/repository.js'
import { ScopedGit } from '../../src/repository/scoped-git.js'
import type { Logger } from '../../src/ports/logger.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'

const COMMITTER = ['-c', 'user.name=model-ci tests', '-c', 'user.email=tests@example.invalid']

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

async function commitAll(root: string): Promise<void> {
  await git(root, ['add', '-A'])
  await git(root, [...COMMITTER, 'commit', '-q', '-m', 'change'])
}

const logger: Logger = { info: () => undefined, debug: () => undefined, warning: () => undefined, group: (_title, work) => work() }

/** Ports over `workspace`: through git when it is in a repository, else from its files. */
async function portsFor(workspace: string): Promise<RepositoryPorts> {
  const repository = await GitCli.open(workspace)
  const scope = repository ? workspace.slice(repository.root.length + 1) : ''
  return {
    git: repository ? new ScopedGit(repository, scope) : undefined,
    workspace: new FsWorkspace(workspace),
    logger,
    listFilesWithoutGit: () => listFilesWithoutGit(workspace)
  }
}

async function fingerprintsOf(workspace: string): Promise<Record<string, string>> {
  const repository = await Repository.read(await portsFor(workspace), 'model-ci.yml')
  const loaded = await repository.load(repository.models)
  return Object.fromEntries(loaded.map((model) => [model.model.name, model.fingerprint()]))
}

/** A copy of the working tree without .git, as a checkout without git has it. */
function withoutGit(workspace: string, into: string): string {
  cpSync(workspace, into, { recursive: true, verbatimSymlinks: true, filter: (source) => basename(source) !== '.git' })
  return into
}

const SEED: Record<string, string> = {
  'model-ci.yml': 'shared: [scripts/**]\n',
  'models/fraud/model.yml': 'python: "3.12"\nwatch: [data/fraud/**]\n',
  'models/fraud/src/train.py': 'print("fraud")\n',
  'models/fraud/src/requirements.txt': 'numpy\n',
  'models/fraud/src/lib/features.py': 'A = 1\n',
  'models/fraud/src.txt': 'a file whose name sorts before the folder src\n',
  'models/churn/src/train.py': 'print("churn")\n',
  'models/.hidden/src/train.py': 'print("not a model")\n',
  'models/notes/readme.md': 'not a model either\n',
  'scripts/prep.py': 'X = 1\n',
  'data/fraud/rows.csv': 'a,b\n1,2\n',
  'README.md': '# models\n'
}

let tempDir: string
beforeAll(() => {
  tempDir = makeTempDir('model-ci-repository-')
})
afterAll(() => removeDir(tempDir))

describe('Repository', () => {
  let root: string
  beforeAll(async () => {
    root = join(tempDir, 'seed')
    writeFiles(root, SEED)
    chmodSync(join(root, 'models/fraud/src/train.py'), 0o755)
    symlinkSync('src/train.py', join(root, 'models/fraud/train-link.py'))
    await git(root, ['init', '-q'])
    await commitAll(root)
  })

  it('finds the models and resolves their config from model.yml and the committed requirements file', async () => {
    const repository = await Repository.read(await portsFor(root), 'model-ci.yml')
    const [churn, fraud] = (await repository.load(repository.models)).map((model) => model.config())

    expect(repository.models).toEqual([
      { name: 'churn', path: 'models/churn' },
      { name: 'fraud', path: 'models/fraud' }
    ])
    expect({ python: fraud.python, requirements: fraud.requirements, watch: fraud.watch }).toEqual({
      python: '3.12',
      requirements: 'src/requirements.txt',
      watch: ['data/fraud/**']
    })
    expect(churn.requirements).toBeUndefined()
  })

  it('takes requirements.txt in the model folder when there is no src/requirements.txt, and src/requirements.txt over it', async () => {
    const dir = join(tempDir, 'requirements')
    writeFiles(dir, {
      'models/plain/src/train.py': 'print(1)\n',
      'models/plain/requirements.txt': 'numpy\n',
      'models/both/src/train.py': 'print(1)\n',
      'models/both/requirements.txt': 'numpy\n',
      'models/both/src/requirements.txt': 'pandas\n'
    })
    await git(dir, ['init', '-q'])
    await commitAll(dir)
    for (const ports of [await portsFor(dir), await portsFor(withoutGit(dir, join(tempDir, 'requirements-tarball')))]) {
      const repository = await Repository.read(ports, 'model-ci.yml')
      const configs = Object.fromEntries((await repository.load(repository.models)).map((model) => [model.model.name, model.config().requirements]))
      expect(configs).toEqual({ both: 'src/requirements.txt', plain: 'requirements.txt' })
    }
  })

  it('gives the same fingerprints without git, from the files of the checkout', async () => {
    const fromGit = await fingerprintsOf(root)

    expect(await fingerprintsOf(withoutGit(root, join(tempDir, 'tarball')))).toEqual(fromGit)
    expect(Object.values(fromGit)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/), expect.stringMatching(/^sha256:[0-9a-f]{64}$/)])
  })

  it("changes a model's fingerprint for a change in its folder, a watched file or a shared file, and only then", async () => {
    const dir = join(tempDir, 'changes')
    cpSync(root, dir, { recursive: true, verbatimSymlinks: true })
    const before = await fingerprintsOf(dir)
    const after = async (files: Record<string, string>) => {
      writeFiles(dir, files)
      await commitAll(dir)
      return fingerprintsOf(dir)
    }

    const folderChanged = await after({ 'models/fraud/src/lib/features.py': 'A = 2\n' })
    const watchedChanged = await after({ 'data/fraud/rows.csv': 'a,b\n3,4\n' })
    const unrelatedChanged = await after({ 'README.md': '# still models\n', 'data/other.csv': 'x\n' })
    const sharedChanged = await after({ 'scripts/prep.py': 'X = 2\n' })

    expect(folderChanged.churn).toBe(before.churn)
    expect(folderChanged.fraud).not.toBe(before.fraud)
    expect(watchedChanged.churn).toBe(before.churn)
    expect(watchedChanged.fraud).not.toBe(folderChanged.fraud)
    expect(unrelatedChanged).toEqual(watchedChanged)
    expect(sharedChanged.churn).not.toBe(unrelatedChanged.churn)
    expect(sharedChanged.fraud).not.toBe(unrelatedChanged.fraud)
  })

  it('reads what is committed at HEAD when changes are staged but not committed', async () => {
    const dir = join(tempDir, 'staged')
    cpSync(root, dir, { recursive: true, verbatimSymlinks: true })
    const committed = await fingerprintsOf(dir)
    writeFiles(dir, { 'models/ranking/src/train.py': 'print("ranking")\n', 'models/fraud/model.yml': 'python: "3.13"\n' })
    rmSync(join(dir, 'models/churn'), { recursive: true })
    await git(dir, ['add', '-A'])

    const repository = await Repository.read(await portsFor(dir), 'model-ci.yml')
    const loaded = await repository.load(repository.models)

    expect(repository.models.map((model) => model.name)).toEqual(['churn', 'fraud'])
    expect(loaded[1].config().python).toBe('3.12')
    expect(await fingerprintsOf(dir)).toEqual(committed)
  })

  it('reads a workspace that is a subfolder of the repository, with paths relative to it', async () => {
    const repo = join(tempDir, 'mono')
    writeFiles(join(repo, 'ml'), SEED)
    writeFiles(repo, { 'models/legacy/src/train.py': 'print("outside the workspace")\n', 'scripts/deploy.sh': 'echo\n' })
    await git(repo, ['init', '-q'])
    await commitAll(repo)

    const repository = await Repository.read(await portsFor(join(repo, 'ml')), 'model-ci.yml')

    expect(repository.models.map((model) => model.path)).toEqual(['models/churn', 'models/fraud'])
    expect(await fingerprintsOf(join(repo, 'ml'))).toEqual(await fingerprintsOf(withoutGit(join(repo, 'ml'), join(tempDir, 'mono-tarball'))))
  })

  it('gives the same fingerprints for a few models as for many, however git is asked for their trees', async () => {
    const dir = join(tempDir, 'many')
    const files: Record<string, string> = { 'scripts/prep.py': 'X = 1\n' }
    for (let index = 0; index < 40; index++) files[`models/m${index}/src/train.py`] = `print(${index})\n`
    writeFiles(dir, files)
    await git(dir, ['init', '-q'])
    await commitAll(dir)
    const repository = await Repository.read(await portsFor(dir), 'model-ci.yml')
    const few = repository.models.slice(0, 3)

    const fromFew = (await repository.load(few)).map((model) => [model.model.name, model.fingerprint()])
    const fromAll = await fingerprintsOf(dir)

    for (const [name, value] of fromFew) expect(fromAll[name]).toBe(value)
    expect(new Set(Object.values(fromAll)).size).toBe(40)
  })

  it('gives a model loaded after others the fingerprint it has when all load at once', async () => {
    const repository = await Repository.read(await portsFor(root), 'model-ci.yml')
    const [churn] = await repository.load([repository.models[0]])
    const [fraud] = await repository.load([repository.models[1]])

    expect({ churn: churn.fingerprint(), fraud: fraud.fingerprint() }).toEqual(await fingerprintsOf(root))
  })
})

describe('lookalikeFolders', () => {
  it.each([[3], [40]])('names the folders beside %i models that hold Python files but no marker, from the trees read for the models', async (count) => {
    const root = join(tempDir, `lookalikes-${count}`)
    const files: Record<string, string> = {
      'model-ci.yml': 'models: models/*\n',
      'models/forgotten/src/train_model.py': 'print("no model.yml")\n',
      'models/docs/README.md': 'not Python\n',
      'models/nested/team/src/helper.py': 'A = 1\n'
    }
    for (let i = 0; i < count; i++) files[`models/m${i}/src/train.py`] = `print(${i})\n`
    writeFiles(root, files)
    await git(root, ['init', '-q', '-b', 'main'])
    await commitAll(root)
    const repository = await Repository.read(await portsFor(root), 'model-ci.yml', { allModelFiles: true })
    await repository.load(repository.models)
    expect(await repository.lookalikeFolders()).toEqual(['models/forgotten', 'models/nested'])
  })
})
