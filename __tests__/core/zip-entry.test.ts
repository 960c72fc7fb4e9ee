import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import type { ArchiveBytes } from '../../src/core/zip-entry.js'
import { readZipEntry } from '../../src/core/zip-entry.js'
import { makeZip } from '../harness/zip.js'

const SOURCE = 'artifact "model-ci-fraud" (id 7)'
const MANIFEST = '{"schema": 1, "model": "fraud"}'
const REFUSED = `${SOURCE} is not a zip archive model-ci can read: `

/** An archive in memory that counts what is read of it. */
function inMemory(bytes: Buffer): ArchiveBytes & { reads: number; bytesRead: number } {
  const archive = {
    size: bytes.length,
    reads: 0,
    bytesRead: 0,
    read: async (offset: number, length: number) => {
      if (offset < 0 || length < 0 || offset + length > bytes.length) throw new Error(`read ${offset}+${length} outside ${bytes.length} bytes`)
      archive.reads += 1
      archive.bytesRead += length
      return bytes.subarray(offset, offset + length)
    }
  }
  return archive
}

async function read(zip: Buffer, path = 'manifest.json', maxBytes = 1024 * 1024): Promise<string | undefined> {
  return (await readZipEntry(inMemory(zip), path, { maxBytes, source: SOURCE }))?.toString('utf8')
}

describe('readZipEntry', () => {
  it('reads a deflated or a stored file at the root, and nothing for a file the archive lacks', async () => {
    const zip = makeZip([
      { name: 'outputs/', content: '', method: 'store' },
      { name: 'outputs/model.pkl', content: 'weights', method: 'store' },
      { name: 'manifest.json', content: MANIFEST },
      { name: 'notes.txt', content: 'plain', method: 'store' }
    ])
    expect(await read(zip)).toBe(MANIFEST)
    expect(await read(zip, 'notes.txt')).toBe('plain')
    expect(await read(zip, 'ledger.json')).toBeUndefined()
    expect(await read(zip, 'model.pkl')).toBeUndefined()
  })

  it.each([
    ['ZIP64 records', { zip64: true }],
    ['data descriptors', { dataDescriptors: true }],
    ['ZIP64 data descriptors', { zip64: true, dataDescriptors: true }],
    ['a comment after the end record', { comment: 'made by a test' }]
  ])('reads archives with %s', async (_what, options) => {
    const zip = makeZip([{ name: 'outputs/model.bin', content: randomBytes(1000) }, { name: 'manifest.json', content: MANIFEST }], options)
    expect(await read(zip)).toBe(MANIFEST)
  })

  it.each([
    ['before', 2],
    ['after', 1]
  ])('reads the end, the directory and the file %s the large file, never the large file', async (where, reads) => {
    const large = { name: 'outputs/model.bin', content: randomBytes(8 * 1024 * 1024), method: 'store' as const }
    const manifest = { name: 'manifest.json', content: MANIFEST }
    const archive = inMemory(makeZip(where === 'before' ? [manifest, large] : [large, manifest]))
    expect((await readZipEntry(archive, 'manifest.json', { maxBytes: 1024, source: SOURCE }))?.toString()).toBe(MANIFEST)
    // The end of the archive holds the directory, and the file too when it comes last.
    expect(archive.reads).toBe(reads)
    expect(archive.bytesRead).toBeLessThan(20 * 1024)
  })

  it('reads further back for an end record whose comment is longer than the first read', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST }, { name: 'outputs/model.bin', content: randomBytes(100_000), method: 'store' }], { comment: 'c'.repeat(40_000) })
    const archive = inMemory(zip)
    expect((await readZipEntry(archive, 'manifest.json', { maxBytes: 1024, source: SOURCE }))?.toString()).toBe(MANIFEST)
    expect(archive.reads).toBe(3)
  })

  it('reads a small archive whole in one read', async () => {
    const archive = inMemory(makeZip([{ name: 'manifest.json', content: MANIFEST }]))
    await readZipEntry(archive, 'manifest.json', { maxBytes: 1024, source: SOURCE })
    expect(archive.reads).toBe(1)
  })

  it.each([
    ['a NUL byte in a name', Buffer.from('outputs/a\0b.txt'), `an entry's name holds a NUL byte: "outputs/a\\u0000b.txt"`],
    ['an entry named "."', '.', `an entry's name is not a relative path inside the archive (an absolute path, ".", ".." or empty parts, or a backslash): "."`],
    ['a ".." part', 'outputs/../../etc/cron.d/x', 'an entry\'s name is not a relative path inside the archive'],
    ['an absolute name', '/etc/passwd', 'an entry\'s name is not a relative path inside the archive'],
    ['a backslash', 'outputs\\..\\x', 'an entry\'s name is not a relative path inside the archive'],
    ['a drive letter', 'C:/x', 'an entry\'s name is not a relative path inside the archive']
  ])('refuses an archive with %s, whichever file is asked for', async (_what, name, reason) => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST }, { name, content: 'x' }])
    await expect(read(zip)).rejects.toThrow(`${REFUSED}${reason}`)
  })

  it('refuses an archive that holds the file twice: unpackers disagree on which one counts', async () => {
    const zip = makeZip([
      { name: 'manifest.json', content: MANIFEST },
      { name: 'manifest.json', content: '{"schema": 1, "model": "other"}' }
    ])
    await expect(read(zip)).rejects.toThrow(`${REFUSED}it holds "manifest.json" twice`)
  })

  it('refuses a file declared larger than the cap without reading it', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: Buffer.alloc(4096, 0x20) }])
    const archive = inMemory(zip)
    await expect(readZipEntry(archive, 'manifest.json', { maxBytes: 1024, source: SOURCE })).rejects.toThrow(
      `${SOURCE}: manifest.json is 4096 bytes, more than the 1024 model-ci reads`
    )
    expect(archive.reads).toBe(1)
  })

  it('stops inflating a zip bomb at the size its header declares', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: Buffer.alloc(50 * 1024 * 1024), declaredSize: 1_000_000 }])
    expect(zip.length).toBeLessThan(100 * 1024)
    await expect(read(zip)).rejects.toThrow(`${REFUSED}"manifest.json" inflates to more than the 1000000 bytes its header declares`)
  })

  it('refuses a compressed size out of proportion to the content, before reading it', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: randomBytes(4096), method: 'store', declaredSize: 10 }])
    await expect(read(zip)).rejects.toThrow(`${REFUSED}"manifest.json" declares 4096 compressed bytes for 10 bytes of content`)
  })

  it('refuses an archive cut short, though the file asked for is whole', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST }, { name: 'outputs/model.bin', content: randomBytes(100_000), method: 'store' }])
    await expect(read(zip.subarray(0, 50_000))).rejects.toThrow(
      `${REFUSED}it has no end of central directory record, so it is not a zip archive or it was cut short`
    )
  })

  it('refuses content that does not match its CRC-32', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST, method: 'store' }])
    zip[30 + 'manifest.json'.length] ^= 0xff
    await expect(read(zip)).rejects.toThrow(`${REFUSED}the content of "manifest.json" does not match its CRC-32: the archive is corrupt`)
  })

  it('refuses a central directory that lies outside the archive', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST }])
    zip.writeUInt32LE(zip.length, zip.length - 22 + 16)
    await expect(read(zip)).rejects.toThrow(`${REFUSED}its central directory lies outside the archive`)
  })

  it('refuses a directory that declares more entries than it holds', async () => {
    const zip = makeZip([{ name: 'manifest.json', content: MANIFEST }])
    zip.writeUInt16LE(2, zip.length - 22 + 10)
    await expect(read(zip)).rejects.toThrow(REFUSED)
  })

  it('refuses encrypted files and compression methods other than deflate', async () => {
    const encrypted = makeZip([{ name: 'manifest.json', content: MANIFEST }])
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8)
    await expect(read(encrypted)).rejects.toThrow(`${REFUSED}"manifest.json" is encrypted`)
    const bzip2 = makeZip([{ name: 'manifest.json', content: MANIFEST }])
    bzip2.writeUInt16LE(12, bzip2.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10)
    await expect(read(bzip2)).rejects.toThrow(`${REFUSED}"manifest.json" is compressed with method 12; only stored and deflated files are read`)
  })

  it('refuses what is not a zip archive at all', async () => {
    await expect(read(Buffer.from('PK'))).rejects.toThrow(`${REFUSED}it is 2 bytes long, shorter than any zip archive`)
    await expect(read(randomBytes(100_000))).rejects.toThrow(`${REFUSED}it has no end of central directory record`)
  })
})
