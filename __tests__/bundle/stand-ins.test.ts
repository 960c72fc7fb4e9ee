// The stand-ins dist/ bundles for two of the artifact client's packages (scripts/bundle/): each
// must answer exactly as the package it replaces, as the artifact's zip is built from what they give.
// And the one for undici in @actions/github: requests reach the server with or without a proxy.
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import zlib from 'node:zlib'
import { ACTION_ROOT } from '../harness/job-runner.js'

type Crc32 = { buf: (data: Uint8Array, seed?: unknown) => number }
type ArchiverUtils = Record<string, unknown> & { lazyReadStream: (path: string) => NodeJS.ReadableStream }

const require = createRequire(join(ACTION_ROOT, 'package.json'))
const standIn = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(ACTION_ROOT, 'scripts', 'bundle', file)).href)) as T

describe('crc-32 stand-in', () => {
  it('gives crc-32\'s values, chained the way crc32-stream and the zip writer call it', async () => {
    const original = require('crc-32') as Crc32
    const native = await standIn<Crc32>('crc-32.mjs')
    // The stand-in is only worth having where zlib computes the CRC (Node 20.15 and later).
    expect(typeof (zlib as { crc32?: unknown }).crc32).toBe('function')
    expect(native.buf).not.toBe(original.buf)

    expect(native.buf(Buffer.alloc(0))).toBe(original.buf(Buffer.alloc(0)))
    for (const size of [1, 7, 65_536, 1_048_576 + 3]) {
      const data = randomBytes(size)
      expect(native.buf(data)).toBe(original.buf(data))
      // crc32-stream: a zeroed 4-byte Buffer as the first seed, then the previous result >>> 0.
      const chain = (crc: Crc32): number => {
        let seed: unknown = Buffer.alloc(4)
        for (let offset = 0; offset < data.length; offset += 4099) seed = crc.buf(data.subarray(offset, offset + 4099), seed) >>> 0
        return seed as number
      }
      expect(chain(native)).toBe(chain(original))
      // A signed seed, as crc-32 returns it.
      expect(native.buf(data, -123_456_789)).toBe(original.buf(data, -123_456_789))
    }
  })
})

describe('archiver-utils stand-in', () => {
  it('is archiver-utils with lazyReadStream reading 1 MiB at a time, the same bytes', async () => {
    const original = require('archiver-utils') as ArchiverUtils
    const larger = await standIn<ArchiverUtils>('archiver-utils.mjs')
    // Node's own ESM loader also names a CommonJS module's whole exports `module.exports`; esbuild does not.
    const names = Object.keys(larger).filter((name) => name !== 'module.exports')
    expect(names.sort()).toEqual([...Object.keys(original), 'READ_CHUNK_BYTES'].sort())
    for (const [name, value] of Object.entries(original)) {
      if (name !== 'lazyReadStream') expect([name, larger[name]]).toEqual([name, value])
    }

    const dir = mkdtempSync(join(tmpdir(), 'model-ci-stand-in-'))
    try {
      const file = join(dir, 'model.bin')
      const data = randomBytes(3 * 1024 * 1024 + 5)
      writeFileSync(file, data)
      // lazystream's streams (readable-stream 2) are not async-iterable.
      const read = (utils: ArchiverUtils): Promise<Buffer[]> =>
        new Promise((resolve, reject) => {
          const chunks: Buffer[] = []
          utils
            .lazyReadStream(file)
            .on('data', (chunk: Buffer) => chunks.push(chunk))
            .on('end', () => resolve(chunks))
            .on('error', reject)
        })
      const chunks = await read(larger)
      expect(chunks.map((chunk) => chunk.length)).toEqual([1_048_576, 1_048_576, 1_048_576, 5])
      expect(Buffer.concat(chunks).equals(data)).toBe(true)
      expect(Buffer.concat(await read(original)).equals(data)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

type UndiciForGitHub = {
  fetch: (input: string, init?: Omit<RequestInit, 'dispatcher'> & { dispatcher?: unknown }) => Promise<Response>
  ProxyAgent: new (options: { uri: string }) => unknown
}

describe('undici stand-in for @actions/github', () => {
  it("sends requests with Node's fetch, and through a proxy with undici's ProxyAgent, as @actions/http-client makes it", async () => {
    const { fetch, ProxyAgent } = await standIn<UndiciForGitHub>('undici-for-github.mjs')
    const server = createServer((request, response) => response.end(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`))
    // A CONNECT proxy, as undici's ProxyAgent speaks to one; it counts the tunnels it opens.
    let tunnels = 0
    const proxy = createServer().on('connect', (request, client) => {
      tunnels++
      const [host, port] = (request.url ?? '').split(':')
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.pipe(client).on('error', () => undefined)
        client.pipe(upstream).on('error', () => undefined)
      })
    })
    const listen = (what: ReturnType<typeof createServer>) => new Promise<number>((done) => what.listen(0, '127.0.0.1', () => done((what.address() as AddressInfo).port)))
    const [port, proxyPort] = await Promise.all([listen(server), listen(proxy)])
    try {
      const url = `http://127.0.0.1:${port}/repos/acme/models`
      const direct = await fetch(url, { headers: { authorization: 'token direct' } })
      expect(await direct.text()).toBe('GET /repos/acme/models token direct')
      expect(tunnels).toBe(0)

      const dispatcher = new ProxyAgent({ uri: `http://127.0.0.1:${proxyPort}` })
      const proxied = await fetch(url, { method: 'POST', body: '{}', headers: { authorization: 'token proxied' }, dispatcher })
      expect(await proxied.text()).toBe('POST /repos/acme/models token proxied')
      expect(tunnels).toBe(1)
    } finally {
      server.closeAllConnections()
      proxy.closeAllConnections()
      await Promise.all([new Promise((done) => server.close(done)), new Promise((done) => proxy.close(done))])
    }
  })
})
