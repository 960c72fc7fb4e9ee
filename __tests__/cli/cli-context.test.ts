/**
 * What `model-ci` makes of the command line and the checkout before it trains anything: help,
 * exit statuses and one-line errors, the default branch, the trigger a checkout stands for, the
 * warning about uncommitted changes, and keeping `.model-ci/` out of git.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { CliResult } from './cli-process.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository } from './cli-process.js'

let temp: string

beforeAll(() => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-context-')
})
afterAll(() => removeDir(temp))

/** A failure told in exactly one line on stderr, and nothing on stdout. */
function expectOneLineError(result: CliResult, exitCode: number, text: string): void {
  expect(result.stdout).toBe('')
  expect(result.stderr.endsWith('\n')).toBe(true)
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(text)])
  expect(result.stderr).not.toMatch(/\n\s+at /)
  expect(result.exitCode).toBe(exitCode)
}

describe('the command line', () => {
  test('--help shows every command and the exit statuses; --version the version', async () => {
    const help = await modelCi(temp, ['--help'])
    expect(help.exitCode).toBe(0)
    for (const command of ['run', 'detect', 'train MODEL', 'report', 'promote MODEL --environment E', 'history MODEL', '--default-branch B', 'Exit status']) {
      expect(help.stdout).toContain(command)
    }
    expect((await modelCi(temp, ['history', '--help'])).stdout).toBe(help.stdout)
    const version = await modelCi(temp, ['--version'])
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  test('an unknown flag, command or missing value exits 2 with one line', async () => {
    expectOneLineError(await modelCi(temp, ['run', '--jobz', '2']), 2, 'model-ci run: unknown option --jobz (see model-ci --help)')
    expectOneLineError(await modelCi(temp, ['deploy']), 2, 'model-ci: "deploy" is not a command')
    expectOneLineError(await modelCi(temp, ['promote', 'fraud']), 2, 'model-ci promote needs --environment E')
    expectOneLineError(await modelCi(temp, ['run', '-j', '0']), 2, 'option --jobs is "0"')
  })

  test('outside a git repository the CLI says it needs one, exit 2', async () => {
    const plain = join(temp, 'not-a-repository')
    mkdirSync(plain)
    expectOneLineError(await modelCi(plain, ['detect'], { GIT_CEILING_DIRECTORIES: temp }), 2, 'is not in a git repository')
  })
})

describe('the checkout', () => {
  let repo: string
  beforeAll(async () => {
    repo = await quickstartRepository(temp, 'main-repo')
  })

  test('on the default branch the first detect is a push that trains every model', async () => {
    const result = await modelCi(repo, ['detect'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('as a push: no successful local run here yet, so every model trains')
    expect(result.stdout).toMatch(/^ {2}churn {2}models\/churn$/m)
    expect(result.stdout).toMatch(/^ {2}fraud {2}models\/fraud$/m)
  })

  test('--max-jobs below the models to train lists the batches GitHub\'s matrix would run; run notes that it trains each model on its own', async () => {
    const result = await modelCi(repo, ['detect', '--max-jobs', '1'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout.split('\n')[0]).toMatch(/^detect: main at /)
    expect(result.stdout).toContain("2 model(s) to train, more than --max-jobs 1: in 1 job of GitHub's matrix")
    expect(result.stdout).toMatch(/^ {2}b001 {2}ubuntu-latest, python 3\.11, 15 min: churn, fraud$/m)
    // -j: how many of a batch's models train at once, said on its line.
    const twoAtOnce = await modelCi(repo, ['detect', '--max-jobs', '1', '-j', '2'])
    expect(twoAtOnce.stdout).toMatch(/^ {2}b001 {2}ubuntu-latest, python 3\.11, 15 min, 2 at a time: churn, fraud$/m)
    expectOneLineError(await modelCi(repo, ['detect', '--max-jobs', '257']), 2, 'option --max-jobs is "257"; give a whole number from 1 to 256')

    const run = await modelCi(repo, ['run', '--max-jobs', '1', '-j', '2', '--base', 'HEAD'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain("Note: --max-jobs groups the jobs of GitHub's matrix (see model-ci detect --max-jobs); a local run trains each model on its own, 2 at a time (-j)")
    expect(run.stdout).toContain('No model changed')
  })

  test('--models picks models as a workflow_dispatch would, from any folder of the repository', async () => {
    const result = await modelCi(join(repo, 'models', 'fraud', 'src'), ['detect', '--models', 'fraud'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('the models chosen with --models')
    expect(result.stdout).toMatch(/^ {2}fraud {2}models\/fraud$/m)
    expect(result.stdout).not.toContain('churn')
  })

  test('on another branch the changes count from the merge-base with the default branch, or with --base', async () => {
    await git(repo, ['checkout', '-q', '-b', 'tune-fraud'])
    editFile(repo, 'models/fraud/src/train.py', (text) => `# tuned\n${text}`)
    const head = await commitTracked(repo, 'tune fraud')
    const main = await git(repo, ['rev-parse', 'main'])
    const result = await modelCi(repo, ['detect'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(`tune-fraud at ${head.slice(0, 7)}, as a pull request into main (${main.slice(0, 7)})`)
    expect(result.stdout).toMatch(/^ {2}fraud {2}models\/fraud$/m)
    expect(result.stdout).not.toContain('churn')

    const againstItself = await modelCi(repo, ['detect', '--base', 'HEAD'])
    expect(againstItself.stdout).toContain('No model changed.')
    expectOneLineError(await modelCi(repo, ['detect', '--base', 'no-such-branch']), 2, 'option --base: "no-such-branch" is not a commit')
    await git(repo, ['checkout', '-q', 'main'])
  })

  test("files matched by model-ci.yml's ignore, or by a model.yml's own ignore, retrain nothing on their own", async () => {
    const ignoring = await quickstartRepository(temp, 'ignoring')
    editFile(ignoring, 'model-ci.yml', (text) => `${text}ignore: "**/*.md"\n`)
    editFile(ignoring, 'models/churn/model.yml', (text) => `${text}ignore: [notebooks/**]\n`)
    await commitTracked(ignoring, 'ignore documentation and notebooks')
    await git(ignoring, ['checkout', '-q', '-b', 'docs'])
    for (const [path, text] of [['models/fraud/README.md', '# fraud\n'], ['models/churn/notebooks/explore.py', 'print(1)\n']]) {
      mkdirSync(join(ignoring, path, '..'), { recursive: true })
      writeFileSync(join(ignoring, path), text)
    }
    await git(ignoring, ['add', '-A'])
    await commitTracked(ignoring, 'notes')
    const docsOnly = await modelCi(ignoring, ['detect'])
    expect(docsOnly.stderr).toBe('')
    expect(docsOnly.stdout).toContain('No model changed.')

    editFile(ignoring, 'models/churn/src/train.py', (text) => `# tuned\n${text}`)
    await commitTracked(ignoring, 'tune churn')
    const withCode = await modelCi(ignoring, ['detect'])
    expect(withCode.stdout).toMatch(/^ {2}churn {2}models\/churn$/m)
    expect(withCode.stdout).not.toContain('fraud')
  })

  test('a models glob that finds no model is one line naming the glob, not "no model changed"', async () => {
    const misspelt = await quickstartRepository(temp, 'misspelt')
    editFile(misspelt, 'model-ci.yml', (text) => text.replace('models: models/*', 'models: modles/*'))
    await commitTracked(misspelt, 'a typo')
    for (const command of ['detect', 'run']) {
      expectOneLineError(await modelCi(misspelt, [command]), 2, 'model-ci.yml: "models" ("modles/*") matches no model folder: a folder that holds model.yml or src/train.py, committed; fix the glob, or commit a model')
    }
  })

  test('uncommitted changes to tracked files are warned about, naming them', async () => {
    editFile(repo, 'models/churn/src/train.py', (text) => `# not committed\n${text}`)
    const result = await modelCi(repo, ['detect'])
    expect(result.exitCode).toBe(0)
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^warning: 1 file\(s\) have uncommitted changes \(models\/churn\/src\/train\.py\): the models to train are picked from commits, while model-ci\.yml and each model\.yml are read as checked out; a model with uncommitted changes \(in its folder, its watch or shared files, or model-ci\.yml\) trains from the files as they are checked out, without the run-cache/
      )
    ])
    await git(repo, ['checkout', '-q', '--', 'models/churn/src/train.py'])
  })

  test('a config error names the file in one line and exits 2', async () => {
    await git(repo, ['checkout', '-q', '-b', 'bad-config'])
    writeFileSync(join(repo, 'model-ci.yml'), 'models: models/*\ncolour: blue\n')
    await commitTracked(repo, 'bad config')
    expectOneLineError(await modelCi(repo, ['detect']), 2, 'model-ci.yml')
    await git(repo, ['checkout', '-q', 'main'])
  })
})

describe('a config error', () => {
  test.each([
    ['model-ci.yml is not valid YAML', 'model-ci.yml', () => 'models: [models/*\n'],
    ['a model.yml has an unknown key', 'models/churn/model.yml', (text: string) => `${text}colour: blue\n`],
    ['a model.yml makes the model directory its output', 'models/churn/model.yml', (text: string) => `${text}output: .\n`]
  ])('%s: train MODEL, run and detect all exit 2 with one line naming the file, and say nothing before it', async (name, file, edit) => {
    const repo = await quickstartRepository(temp, name.replace(/\W+/g, '-'))
    await git(repo, ['checkout', '-q', '-b', 'broken'])
    editFile(repo, file, edit)
    await commitTracked(repo, `break ${file}`)
    // An uncommitted edit draws a warning, but not before the error.
    editFile(repo, 'models/fraud/src/train.py', (text) => `# not committed\n${text}`)
    for (const args of [['train', 'churn'], ['run'], ['detect']]) {
      const result = await modelCi(repo, args)
      expect({ args, stdout: result.stdout, exitCode: result.exitCode }).toEqual({ args, stdout: '', exitCode: 2 })
      expectOneLineError(result, 2, `${file}:`)
    }
    // Nothing was recorded for runs that never started.
    expect(existsSync(join(repo, '.model-ci'))).toBe(false)
  })

  test('a model the command line names that does not exist: exit 2 with one line, nothing said or recorded before it', async () => {
    const repo = await quickstartRepository(temp, 'unknown-model')
    expectOneLineError(await modelCi(repo, ['train', 'nosuch']), 2, 'model-ci train nosuch: there is no model named "nosuch"; the models are: churn, fraud')
    expectOneLineError(await modelCi(repo, ['run', '--models', 'fraud,nosuch']), 2, '--models: unknown model "nosuch"')
    expectOneLineError(await modelCi(repo, ['detect', '--models', 'nosuch']), 2, 'unknown model "nosuch"')
    expect(existsSync(join(repo, '.model-ci'))).toBe(false)
  })

  test('a model name that is a path is refused before anything is written with it', async () => {
    const parent = join(temp, 'path-names')
    mkdirSync(parent)
    const repo = await quickstartRepository(parent, 'repo')
    const before = filesBelow(parent)
    expectOneLineError(await modelCi(repo, ['train', '../../x']), 2, 'model-ci train ../../x: there is no model named "../../x"')
    expectOneLineError(await modelCi(repo, ['run', '--models', '../../x']), 2, 'unknown model "../../x"')
    // promote records its own local run before it checks the name; nothing else is written.
    const promote = await modelCi(repo, ['promote', '../../x', '--environment', 'staging'])
    expect(promote.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('"../../x" is not a model name')])
    expect(filesBelow(parent).filter((file) => !before.includes(file) && !file.startsWith('repo/.model-ci/runs/') && file !== 'repo/.model-ci/.gitignore')).toEqual([])
  })
})

/** Every file below `root`, by its path relative to it. */
function filesBelow(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

describe('the default branch', () => {
  test('is master when there is no main, and must be named when there is neither', async () => {
    const master = await quickstartRepository(temp, 'master-repo', 'master')
    const detected = await modelCi(master, ['detect'])
    expect(detected.exitCode).toBe(0)
    expect(detected.stdout).toContain('master at')
    expect(detected.stdout).toContain('as a push')

    const trunk = await quickstartRepository(temp, 'trunk-repo', 'trunk')
    expectOneLineError(await modelCi(trunk, ['detect']), 2, 'cannot tell the default branch')
    const named = await modelCi(trunk, ['detect', '--default-branch', 'trunk'])
    expect(named.exitCode).toBe(0)
    expect(named.stdout).toContain('trunk at')
    expect(named.stdout).toContain('as a push')
  })

  test('is origin/HEAD when the clone has one', async () => {
    const origin = await quickstartRepository(temp, 'origin-repo', 'develop')
    const clone = join(temp, 'clone')
    await git(temp, ['clone', '-q', origin, clone])
    await git(clone, ['checkout', '-q', '-b', 'main'])
    const result = await modelCi(clone, ['detect'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('main at')
    expect(result.stdout).toContain('as a pull request into develop')
  })
})

describe('.model-ci/', () => {
  test('is left to the repository’s .gitignore when it covers it; report without a run exits 1', async () => {
    const repo = await quickstartRepository(temp, 'ignoring-repo')
    writeFileSync(join(repo, '.gitignore'), '.model-ci/\n')
    const result = await modelCi(repo, ['report'])
    expectOneLineError(result, 1, 'model-ci: there is no local run that trained models yet')
    expect(existsSync(join(repo, '.model-ci'))).toBe(true)
    expect(existsSync(join(repo, '.model-ci', '.gitignore'))).toBe(false)
  })
})

describe('two CLIs at once', () => {
  test('train two models side by side, each in a local run of its own', async () => {
    const repo = await quickstartRepository(temp, 'parallel-repo')
    const [fraud, churn] = await Promise.all([modelCi(repo, ['train', 'fraud']), modelCi(repo, ['train', 'churn'])])
    for (const [result, model] of [[fraud, 'fraud'], [churn, 'churn']] as const) {
      expect(result.stderr).toBe('')
      expect(result.exitCode).toBe(0)
      // train MODEL shows the training's own output, after the model's name.
      expect(result.stdout).toMatch(new RegExp(`^\\[${model}\\] trained \\d+ centroids`, 'm'))
      expect(result.stdout).toMatch(new RegExp(`✓ ${model} {2}done in`))
      expect(result.stdout).toMatch(/^ {2}artifact {2}model-ci-\S+ \(id \d+, sha256:[0-9a-f]{64}\)$/m)
    }
    const runIds = [fraud, churn].map((result) => Number(/Local run (\d+): training/.exec(result.stdout)?.[1])).sort()
    expect(runIds).toEqual([1, 2])
  })

  test('train -j 2 MODEL... trains several models in one run, two at a time; a name the repository does not have fails alone', async () => {
    const repo = await quickstartRepository(temp, 'several-repo')
    const result = await modelCi(repo, ['train', '-j', '2', 'fraud', 'nosuch', 'churn'])
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/^Local run 1: training fraud, nosuch, churn, 2 at a time$/m)
    for (const model of ['fraud', 'churn']) {
      expect(result.stdout).toMatch(new RegExp(`^\\[${model}\\] trained \\d+ centroids`, 'm'))
      expect(result.stdout).toMatch(new RegExp(`✓ ${model} +done in`))
    }
    expect(result.stdout).toMatch(/✗ nosuch +could not train after [\d.]+ s: there is no model named "nosuch"/)
    // A model whose requirements install into the interpreter itself trains alone: so do the others.
    editFile(repo, 'models/fraud/model.yml', (text) => `${text}venv: false\n`)
    writeFileSync(join(repo, 'models', 'fraud', 'requirements.txt'), '')
    await git(repo, ['add', 'models/fraud/requirements.txt'])
    await commitTracked(repo, 'fraud installs into the interpreter')
    const inTurn = await modelCi(repo, ['train', '-j', '2', 'fraud', 'churn'])
    expect(inTurn.exitCode).toBe(0)
    expect(inTurn.stdout).toContain("Note: the models train one at a time, not 2 at once (-j): fraud has venv: false, so its requirements install into the runner's own Python")
    expect(inTurn.stdout).toMatch(/^Local run 2: training fraud, churn$/m)
    expectOneLineError(await modelCi(repo, ['train', 'fraud', '../x']), 2, 'model-ci train: "../x" is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)')
  })
})
