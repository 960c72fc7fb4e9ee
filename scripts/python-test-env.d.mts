export const REPO_ROOT: string
export function testPython(root?: string): string
export function pythonTestEnvProblem(root?: string): string | undefined
export function ensurePythonTestEnv(options?: { root?: string; log?: (line: string) => void }): Promise<string>
export default function jestGlobalSetup(): Promise<void>
