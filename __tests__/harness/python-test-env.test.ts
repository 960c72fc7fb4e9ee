// The test venv that `npm test` makes (scripts/python-test-env.mjs), on a throwaway project folder
// with its own requirements-test.txt. pip is kept off the network (PIP_NO_INDEX, an empty
// --find-links folder) so that a missing package fails at once and nothing is downloaded.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePythonTestEnv, pythonTestEnvProblem, testPython } from '../../scripts/python-test-env.mjs'
import { makeTempDir, removeDir } from './git-repo.js'

let root: string
const saved = { PIP_NO_INDEX: process.env.PIP_NO_INDEX, PIP_FIND_LINKS: process.env.PIP_FIND_LINKS, PYTHON: process.env.PYTHON }
const logged: string[] = []
const log = (line: string) => logged.push(line)

beforeAll(() => {
  root = makeTempDir('model-ci-python-test-env-')
  mkdirSync(join(root, 'no-wheels'))
  process.env.PIP_NO_INDEX = '1'
  process.env.PIP_FIND_LINKS = join(root, 'no-wheels')
})
afterEach(() => {
  logged.length = 0
  if (saved.PYTHON === undefined) delete process.env.PYTHON
  else process.env.PYTHON = saved.PYTHON
})
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  removeDir(root)
})

function requirements(text: string): void {
  writeFileSync(join(root, 'requirements-test.txt'), text)
}

test('a package pip cannot get fails in one line that names the file and the package, and leaves no venv', async () => {
  requirements('model-ci-no-such-package==1.0\n')
  const failure = ensurePythonTestEnv({ root, log })
  await expect(failure).rejects.toThrow(/^pip could not install requirements-test\.txt into \.venv\/: ERROR: .*model-ci-no-such-package/)
  const message = await failure.catch((error: Error) => error.message)
  expect(message).not.toContain('\n')
  expect(existsSync(join(root, '.venv'))).toBe(false)
  // What every suite that needs Python then fails with.
  expect(pythonTestEnvProblem(root)).toBe(message)
}, 120_000)

test('no usable interpreter is one line saying what to install', async () => {
  requirements('# nothing\n')
  process.env.PYTHON = join(root, 'no-such-python')
  await expect(ensurePythonTestEnv({ root, log })).rejects.toThrow(
    /^the tests need Python 3\.10\+ with pip and venv as python3 on PATH \(or \$PYTHON\): .*no-such-python does not run$/
  )
})

test('the venv is made once, reused while the requirements are unchanged, and made anew when they change', async () => {
  requirements('# nothing yet\n')
  expect(pythonTestEnvProblem(root)).toMatch(/./)
  const python = await ensurePythonTestEnv({ root, log })
  expect(python).toBe(testPython(root))
  expect(logged).toEqual([expect.stringMatching(/^model-ci tests: installing requirements-test\.txt into \.venv\/ with Python 3\.\d+/)])
  expect(pythonTestEnvProblem(root)).toBeUndefined()
  const made = statSync(join(root, '.venv')).ino

  logged.length = 0
  await ensurePythonTestEnv({ root, log })
  expect(logged).toEqual([])
  expect(statSync(join(root, '.venv')).ino).toBe(made)

  requirements('# something else\n')
  expect(pythonTestEnvProblem(root)).toMatch(/does not hold requirements-test\.txt/)
  await ensurePythonTestEnv({ root, log })
  expect(logged).toHaveLength(1)
  expect(pythonTestEnvProblem(root)).toBeUndefined()
}, 120_000)
