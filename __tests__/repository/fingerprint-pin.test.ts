// Fingerprints key the run-cache of every repository that uses model-ci: a change in how a config
// is hashed would retrain every model once. These are pinned as computed before `train` and
// `evaluate` took a list of commands, for configs that give one command each.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { GitCli } from '../../src/adapters/git/git-cli.js'
import { listFilesWithoutGit } from '../../src/adapters/node/fs-listing.js'
import { FsWorkspace } from '../../src/adapters/node/fs-workspace.js'
import type { Logger } from '../../src/ports/logger.js'
import { Repository } from '../../src/repository/repository.js'
import { ScopedGit } from '../../src/repository/scoped-git.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'

const FILES: Record<string, string> = {
  'model-ci.yml': 'models: models/*\n',
  'models/plain/src/train.py': 'print("plain")\n',
  'models/string/model.yml': 'train: python src/fit.py --epochs 3\nevaluate: python src/eval.py\n',
  'models/string/src/fit.py': 'print("fit")\n',
  'models/list/model.yml': 'train: [python, -m, list.train]\nevaluate: [python, src/eval.py, "--split", test]\n',
  'models/list/src/train.py': 'print("list")\n'
}

const PINNED = {
  list: 'sha256:555a0133c740dbcefe8217bfd427a2d49b97db321fdd909487cdd5d2858fbf01',
  plain: 'sha256:eee4d8c802eebb2d6da1a7f1620f49cdb65fd8a5b8e5522517170bf099b6da5e',
  string: 'sha256:2245f91ea6ab6f2760148f7382daad59cfea550a600d962eb591eca152f81484'
}

let root: string

beforeAll(async () => {
  root = makeTempDir('model-ci-fingerprint-pin-')
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  await git(root, ['init', '-q', '-b', 'main'])
  await git(root, ['add', '-A'])
  await git(root, ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'models'])
})
afterAll(() => removeDir(root))

test('a model with one train and one evaluate command keeps the fingerprint it had', async () => {
  const logger: Logger = { info: () => undefined, debug: () => undefined, warning: () => undefined, group: (_title, work) => work() }
  const gitCli = await GitCli.open(root)
  const repository = await Repository.read({ git: new ScopedGit(gitCli!, ''), workspace: new FsWorkspace(root), logger, listFilesWithoutGit: () => listFilesWithoutGit(root) }, 'model-ci.yml')
  const loaded = await repository.load(repository.models)
  expect(Object.fromEntries(loaded.map((model) => [model.model.name, model.fingerprint()]))).toEqual(PINNED)
})
