/**
 * The Python every training suite uses: the project's test venv (.venv/, made by Jest's global
 * setup from requirements-test.txt), never whatever python3 the machine has.
 */
import { pythonTestEnvProblem, testPython } from '../../scripts/python-test-env.mjs'

/** The test venv's interpreter, with scikit-learn, numpy and pandas. */
export const TEST_PYTHON = testPython()

/**
 * Fails the calling suite (from its beforeAll) with one line saying what to install or run when
 * the venv is not ready, rather than letting a training fail later for a missing package.
 */
export function requireTestPython(): string {
  const problem = pythonTestEnvProblem()
  if (problem !== undefined) throw new Error(`model-ci tests need their Python packages: ${problem}`)
  return TEST_PYTHON
}
