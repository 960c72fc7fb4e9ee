// What the README shows is what model-ci does: the comment it pictures is the report `npm run demo`
// writes, and its first model (train.py and model-ci.yml, as printed) trains through the bundled CLI.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { cliEnv, modelCi, readJson } from './cli/cli-process.js'
import { git, makeTempDir, removeDir } from './harness/git-repo.js'
import { ACTION_ROOT } from './harness/job-runner.js'
import { requireTestPython } from './harness/python.js'

const README = readFileSync(join(ACTION_ROOT, 'README.md'), 'utf8')
const DEMO_COMMENT_MARKER = '<!-- npm run demo: .model-ci/report.md of the gate-failing branch -->'

/** The body of the README's first ```<info> block whose first line matches `first`. */
function readmeBlock(info: string, first: RegExp): string {
  for (const match of README.matchAll(new RegExp('^```' + info + '\\n([\\s\\S]*?)^```$', 'gm'))) {
    if (first.test(match[1].split('\n')[0])) return match[1]
  }
  throw new Error(`README.md has no \`\`\`${info} block starting like ${first}`)
}

/** The pictured comment: the blockquote under its marker, without the quote marks. */
function readmeComment(): string {
  const lines = README.split('\n')
  const start = lines.indexOf(DEMO_COMMENT_MARKER)
  expect(start).toBeGreaterThan(-1)
  const quoted: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('>')) break
    quoted.push(line.replace(/^> ?/, ''))
  }
  return quoted.join('\n')
}

/** A report with what differs from run to run (commit ids, the time in version labels) made constant. */
function comparable(report: string): string {
  return report
    .trimEnd()
    .replace(/\b\d{4}\.\d{2}\.\d{2}-\d{6}-[0-9a-f]{7}-r(\d+)/g, 'YYYY.MM.DD-HHMMSS-<sha>-r$1')
    .replace(/`[0-9a-f]{7}`/g, '`<sha>`')
}

let temp: string
beforeAll(() => {
  temp = makeTempDir('model-ci-readme-')
})
afterAll(() => removeDir(temp))

test('the comment the README pictures is the report npm run demo writes for its failed gate', async () => {
  const { stdout, exitCode } = await new Promise<{ stdout: string; exitCode: number }>((resolve, reject) => {
    execFile(process.execPath, [join(ACTION_ROOT, 'scripts', 'demo.mjs')], { cwd: ACTION_ROOT, env: cliEnv({}), encoding: 'utf8' }, (error, out) => {
      const code = error ? (error as { code?: unknown }).code : 0
      if (typeof code === 'number') resolve({ stdout: out, exitCode: code })
      else reject(error)
    })
  })
  const demoRepo = /on main \((\/[^)]+\/quickstart)\)/.exec(stdout)?.[1]
  expect(demoRepo).toBeDefined()
  try {
    expect(exitCode).toBe(0)
    const report = readFileSync(join(demoRepo!, '.model-ci', 'report.md'), 'utf8')
    expect(report).toContain('gate failed')
    expect(comparable(readmeComment())).toBe(comparable(report))
  } finally {
    rmSync(dirname(demoRepo!), { recursive: true, force: true })
  }
}, 120_000)

test("the README's first model trains and is gated as model-ci.yml says, through the bundled CLI", async () => {
  const python = requireTestPython()
  const trainPy = readmeBlock('python', /^# models\/\S+\/src\/train\.py/)
  const config = readmeBlock('yaml', /^# model-ci\.yml/)
  const trainPath = /^# (\S+)/.exec(trainPy)![1]
  const repo = join(temp, 'first-model')
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  write(trainPath, trainPy)
  write(join(dirname(trainPath), 'requirements.txt'), 'scikit-learn\n')
  write('model-ci.yml', config)
  await git(repo, ['init', '-q', '-b', 'main'])
  await git(repo, ['add', '-A'])
  await git(repo, ['-c', 'user.name=Mona Lisa', '-c', 'user.email=mona@example.com', 'commit', '-q', '-m', 'a first model'])

  const result = await modelCi(repo, ['run', '--python', python])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toMatch(/✓ iris +done in/)
  expect(result.stdout).toMatch(/new +accuracy \[gate\]/)
  expect(result.stdout).toMatch(/new +test\.log_loss/)
  const manifest = readJson(join(repo, '.model-ci', 'artifacts', '1', 'model-ci-iris', 'files', 'manifest.json')) as { metrics: Record<string, number> }
  expect(Object.keys(manifest.metrics).sort()).toEqual(['accuracy', 'test.log_loss'])
  expect(manifest.metrics.accuracy).toBeGreaterThan(0.9)
  expect(existsSync(join(repo, dirname(dirname(trainPath)), 'outputs', 'model.pkl'))).toBe(true)
}, 180_000)
