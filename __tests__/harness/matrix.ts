/**
 * `strategy.matrix` expanded into job runs the way GitHub documents it: the product of the
 * vectors, minus `exclude` matches, then each `include` entry merged into every combination whose
 * original values it does not change, or added as a combination of its own when it fits none.
 */
export type MatrixEntry = Record<string, unknown>

export function expandMatrix(matrix: unknown, jobId: string): MatrixEntry[] {
  if (matrix === null || typeof matrix !== 'object' || Array.isArray(matrix)) {
    throw new Error(`job "${jobId}": strategy.matrix must be a mapping, got ${JSON.stringify(matrix)}`)
  }
  const { include = [], exclude = [], ...vectors } = matrix as Record<string, unknown>
  if (!Array.isArray(include) || !Array.isArray(exclude)) throw new Error(`job "${jobId}": matrix include and exclude must be lists`)
  let combinations: MatrixEntry[] = [{}]
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`job "${jobId}": matrix vector "${key}" must be a non-empty list`)
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })))
  }
  const hasVectors = Object.keys(vectors).length > 0
  combinations = hasVectors ? combinations.filter((combination) => !exclude.some((rule) => matches(combination, rule as MatrixEntry))) : []
  // Include entries merge only into the product's combinations, never into ones other entries added.
  const product = combinations.map((combination) => ({ original: { ...combination }, combination }))
  for (const entry of include as MatrixEntry[]) {
    const fitting = product.filter(({ original }) => Object.entries(entry).every(([key, value]) => !(key in original) || deepEqual(original[key], value)))
    for (const { combination } of fitting) Object.assign(combination, entry)
    if (fitting.length === 0) combinations.push({ ...entry })
  }
  if (combinations.length === 0) throw new Error(`job "${jobId}": the matrix has no combinations`)
  return combinations
}

function matches(combination: MatrixEntry, rule: MatrixEntry): boolean {
  return Object.entries(rule).every(([key, value]) => deepEqual(combination[key], value))
}

function deepEqual(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right)
}
