// Stands in for archiver-utils in dist/ (see largerArchiveReads in ../bundle.mjs): the package as
// it is, but for the stream archiver reads each file of an artifact's zip from.
//
// lazyReadStream below is archiver-utils 5.0.2's own (index.js), with a read size given:
// archiver-utils, Copyright (c) 2015 Chris Talkington, licensed under the MIT license
// (https://github.com/archiverjs/archiver-utils/blob/master/LICENSE).
import fs from 'graceful-fs'
import lazystream from 'lazystream'

export * from 'archiver-utils/index.js'

/**
 * Bytes per read. fs.createReadStream's default, 64 KiB, makes a GiB 16,384 reads, each a round
 * trip to libuv's threads and through five streams, which add up to seconds; 1 MiB, as hash-files
 * reads, takes a sixteenth of them. The zip's bytes do not depend on it.
 */
export const READ_CHUNK_BYTES = 1024 * 1024

/** archiver-utils' lazyReadStream: the file is opened when archiver first reads from it. */
export function lazyReadStream(filepath) {
  return new lazystream.Readable(() => fs.createReadStream(filepath, { highWaterMark: READ_CHUNK_BYTES }))
}
