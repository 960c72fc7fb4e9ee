// Stands in for the crc-32 package in dist/ (see nativeCrc32 in ../bundle.mjs): the same API, with
// `buf`, the one archiver's zip calls for every byte of an artifact, computed by zlib.crc32.
import zlib from 'node:zlib'
import javascript from 'crc-32/crc32.js'

/**
 * crc-32's `buf`: the CRC-32 of `data` continuing from `seed`, the previous result (anything but
 * a number counts as 0, as crc32-stream's first seed, a Buffer, does there), as a signed 32-bit
 * integer. zlib.crc32 takes and returns it unsigned; a Node without it (before 20.15) gets crc-32's.
 */
export const buf = typeof zlib.crc32 === 'function' ? (data, seed) => zlib.crc32(data, typeof seed === 'number' ? seed >>> 0 : 0) | 0 : javascript.buf

export const { bstr, str, table, version } = javascript
