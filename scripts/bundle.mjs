// Builds dist/ from src/: one ESM bundle per entry point, with the chunks they share split out
// so that heavy clients (artifact, cache) load only in the commands that import them.
import { build } from 'esbuild'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { chmod, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * @actions/core imports its OIDC client, and with it @actions/http-client and undici (0.8 MB),
 * at load time, though only core.getIDToken() uses it and model-ci never calls that. This plugin
 * hands core a stand-in that imports the real client on first use, so commands that talk to no
 * service (detect) start without parsing undici. Commands that need HTTP load it on their own.
 */
const lazyOidcClient = {
  name: 'lazy-actions-core-oidc',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined
      return { path: resolve(dirname(args.importer), 'oidc-utils.js'), namespace: 'lazy-oidc' }
    })
    build.onLoad({ filter: /.*/, namespace: 'lazy-oidc' }, (args) => ({
      resolveDir: dirname(args.path),
      contents: `export class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient: Real } = await import(${JSON.stringify(args.path)})
    return Real.getIDToken(audience)
  }
}
`
    }))
  }
}

/**
 * Likewise @actions/core's platform module imports @actions/exec and @actions/io (about 22 kB) at
 * load time for getDetails() alone, which model-ci never calls: the stand-in keeps the module's
 * constants and imports the real module on the first getDetails().
 */
const lazyPlatformDetails = {
  name: 'lazy-actions-core-platform',
  setup(build) {
    build.onResolve({ filter: /^\.\/platform\.js$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined
      // Relative to the repository: the path shows in a comment of the bundle, which must not depend on where it is built.
      return { path: relative(process.cwd(), resolve(dirname(args.importer), 'platform.js')), namespace: 'lazy-platform' }
    })
    build.onLoad({ filter: /.*/, namespace: 'lazy-platform' }, (args) => ({
      resolveDir: dirname(resolve(args.path)),
      contents: `import os from 'os'
export const platform = os.platform()
export const arch = os.arch()
export const isWindows = platform === 'win32'
export const isMacOS = platform === 'darwin'
export const isLinux = platform === 'linux'
export async function getDetails() {
  const { getDetails: real } = await import(${JSON.stringify(resolve(args.path))})
  return real()
}
`
    }))
  }
}

/**
 * @actions/github sends every API request through undici's fetch, and imports undici (0.8 MB)
 * with its copy of @actions/http-client, so detect parsed it to read the ledger. The stand-in
 * (bundle/undici-for-github.mjs) sends them with Node's own fetch and loads undici only for a
 * proxy. Other importers (the artifact and cache clients) keep the package.
 */
const lazyUndiciForGitHub = {
  name: 'lazy-undici-for-github',
  setup(build) {
    const path = resolve(dirname(fileURLToPath(import.meta.url)), 'bundle', 'undici-for-github.mjs')
    let resolved = false
    build.onResolve({ filter: /^undici$/ }, (args) => {
      if (!/[\\/]@actions[\\/]github[\\/]/.test(args.importer)) return undefined
      resolved = true
      return { path }
    })
    build.onEnd((result) => {
      if (result.errors.length > 0 || resolved) return undefined
      return { errors: [{ text: 'lazy-undici-for-github: @actions/github no longer imports undici; drop scripts/bundle/undici-for-github.mjs and its plugin' }] }
    })
  }
}

/**
 * The zip of an artifact (@actions/artifact through archiver) checksums every byte with crc-32, a
 * CRC in JavaScript at about a fifth of zlib's speed: a second of the runner's CPU per GiB of
 * model. The stand-in (bundle/crc-32.mjs) has zlib compute the same values.
 */
const nativeCrc32 = standIn('native-crc-32', 'crc-32', 'crc-32.mjs')

/**
 * archiver reads each file into the zip in 64 KiB chunks; the stand-in (bundle/archiver-utils.mjs)
 * reads 1 MiB at a time.
 */
const largerArchiveReads = standIn('larger-archive-reads', 'archiver-utils', 'archiver-utils.mjs')

/**
 * A plugin that resolves the package `packageName` (a name with no regular-expression characters)
 * to `file` in scripts/bundle/, wherever it is imported. The build fails when nothing imports it:
 * a dependency that stopped using the package would otherwise drop the stand-in, and the speed it
 * gives, without a word.
 */
function standIn(name, packageName, file) {
  const filter = new RegExp(`^${packageName}$`)
  const path = resolve(dirname(fileURLToPath(import.meta.url)), 'bundle', file)
  return {
    name,
    setup(build) {
      let resolved = false
      build.onResolve({ filter }, () => {
        resolved = true
        return { path }
      })
      build.onEnd((result) => {
        if (result.errors.length > 0 || resolved) return undefined
        return { errors: [{ text: `${name}: nothing imports ${packageName} any more; drop scripts/bundle/${file} and its plugin` }] }
      })
    }
  }
}

const outdir = resolve(process.argv[2] ?? 'dist')
// Built beside the old dist/ and swapped in at the end, so tests running at the same time (or a
// failed build) never find dist/ half written or missing.
const staging = join(dirname(outdir), `.${basename(outdir)}-building-${randomBytes(4).toString('hex')}`)
process.on('exit', () => rmSync(staging, { recursive: true, force: true }))
await build({
  // The action's entry and the CLI's (package.json's bin); what they share goes to chunks/.
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // Classes keep their names: libraries tell errors apart by `error.name === SomeError.name`
  // (@actions/cache's ReserveCacheError), which renaming breaks.
  keepNames: true,
  logLevel: 'warning',
  plugins: [lazyOidcClient, lazyPlatformDetails, lazyUndiciForGitHub, nativeCrc32, largerArchiveReads],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __mcCreateRequire } from 'node:module';\nconst require = __mcCreateRequire(import.meta.url);" }
})
await writeFile(join(staging, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n')
// npm links the bin to dist/cli.js; run directly, it needs to be executable.
await chmod(join(staging, 'cli.js'), 0o755)
const previous = `${staging}-previous`
await rename(outdir, previous).catch((error) => {
  if (error.code !== 'ENOENT') throw error
})
await rename(staging, outdir)
await rm(previous, { recursive: true, force: true })
