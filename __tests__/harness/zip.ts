/**
 * Zip archives written byte by byte, for tests of readers of untrusted artifacts: well-formed ones
 * (stored or deflated, with ZIP64 records or data descriptors as real uploaders write them) and
 * the malformed or hostile ones no honest uploader makes (names with NUL or "..", sizes that lie).
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntrySpec {
  /** The name as stored; a Buffer for bytes no string encodes (a NUL). */
  name: string | Buffer
  content: Buffer | string
  /** deflate (the default) or store. */
  method?: 'deflate' | 'store'
  /** The uncompressed size the headers declare instead of the true one: a zip bomb's lie. */
  declaredSize?: number
}

export interface ZipOptions {
  /** Sizes and offsets in ZIP64 extra fields and ZIP64 end records, as writers do past 4 GiB. */
  zip64?: boolean
  /** Local headers without sizes or CRC, given after the data (bit 3), as streaming writers do. */
  dataDescriptors?: boolean
  /** The end record's comment. */
  comment?: string
}

const UTF8_NAMES = 0x0800
const DATA_DESCRIPTOR = 0x0008
const MAX32 = 0xffffffff

export function makeZip(entries: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  const push = (part: Buffer) => {
    parts.push(part)
    offset += part.length
  }
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8')
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8')
    const deflated = (entry.method ?? 'deflate') === 'deflate'
    const data = deflated ? deflateRawSync(content) : content
    const size = entry.declaredSize ?? content.length
    const crc = crc32(content)
    const flags = UTF8_NAMES | (options.dataDescriptors ? DATA_DESCRIPTOR : 0)
    const method = deflated ? 8 : 0
    const localOffset = offset
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(options.zip64 ? 45 : 20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(options.dataDescriptors ? 0 : crc, 14)
    local.writeUInt32LE(options.dataDescriptors ? 0 : options.zip64 ? MAX32 : data.length, 18)
    local.writeUInt32LE(options.dataDescriptors ? 0 : options.zip64 ? MAX32 : size, 22)
    local.writeUInt16LE(name.length, 26)
    const localExtra = options.zip64 && !options.dataDescriptors ? zip64Extra([size, data.length]) : Buffer.alloc(0)
    local.writeUInt16LE(localExtra.length, 28)
    push(Buffer.concat([local, name, localExtra, data]))
    if (options.dataDescriptors) {
      const descriptor = Buffer.alloc(options.zip64 ? 24 : 16)
      descriptor.writeUInt32LE(0x08074b50, 0)
      descriptor.writeUInt32LE(crc, 4)
      if (options.zip64) {
        descriptor.writeBigUInt64LE(BigInt(data.length), 8)
        descriptor.writeBigUInt64LE(BigInt(size), 16)
      } else {
        descriptor.writeUInt32LE(data.length, 8)
        descriptor.writeUInt32LE(size, 12)
      }
      push(descriptor)
    }
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(0x031e, 4)
    header.writeUInt16LE(options.zip64 ? 45 : 20, 6)
    header.writeUInt16LE(flags, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(options.zip64 ? MAX32 : data.length, 20)
    header.writeUInt32LE(options.zip64 ? MAX32 : size, 24)
    header.writeUInt16LE(name.length, 28)
    const extra = options.zip64 ? zip64Extra([size, data.length, localOffset]) : Buffer.alloc(0)
    header.writeUInt16LE(extra.length, 30)
    header.writeUInt32LE(options.zip64 ? MAX32 : localOffset, 42)
    central.push(Buffer.concat([header, name, extra]))
  }
  const directory = Buffer.concat(central)
  const directoryOffset = offset
  push(directory)
  if (options.zip64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(45, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(BigInt(entries.length), 24)
    record.writeBigUInt64LE(BigInt(entries.length), 32)
    record.writeBigUInt64LE(BigInt(directory.length), 40)
    record.writeBigUInt64LE(BigInt(directoryOffset), 48)
    const recordOffset = offset
    push(record)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(recordOffset), 8)
    locator.writeUInt32LE(1, 16)
    push(locator)
  }
  const comment = Buffer.from(options.comment ?? '', 'utf8')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 8)
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 10)
  end.writeUInt32LE(options.zip64 ? MAX32 : directory.length, 12)
  end.writeUInt32LE(options.zip64 ? MAX32 : directoryOffset, 16)
  end.writeUInt16LE(comment.length, 20)
  push(Buffer.concat([end, comment]))
  return Buffer.concat(parts)
}

function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + values.length * 8)
  extra.writeUInt16LE(0x0001, 0)
  extra.writeUInt16LE(values.length * 8, 2)
  values.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + index * 8))
  return extra
}
