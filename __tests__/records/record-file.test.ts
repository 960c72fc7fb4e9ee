/** Reading a record file unpacked from an untrusted artifact: refused by size before it is read. */
import { afterAll, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readRecordFile } from '../../src/records/record-file.js'
import { UserError } from '../../src/errors.js'
import { NodeFileSystem } from '../../src/adapters/node/node-file-system.js'

const files = new NodeFileSystem()

const root = mkdtempSync(join(tmpdir(), 'model-ci-record-file-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

test('gives the text of a file within the limit', async () => {
  writeFileSync(join(root, 'ledger.json'), '{"schema":1}')
  expect(await readRecordFile(files, join(root, 'ledger.json'), 12, 'artifact "model-ci-ledger" of run 7')).toBe('{"schema":1}')
})

test('refuses a file over the limit with a UserError naming the source, the file and both sizes', async () => {
  writeFileSync(join(root, 'manifest.json'), 'x'.repeat(13))
  const refused = readRecordFile(files, join(root, 'manifest.json'), 12, 'artifact model-ci-fraud of run 7')
  await expect(refused).rejects.toThrow(new UserError('artifact model-ci-fraud of run 7: manifest.json is 13 bytes, more than the 12 model-ci reads'))
  await expect(refused).rejects.toBeInstanceOf(UserError)
})

test('says the source holds no such file when it is missing or is a folder', async () => {
  await expect(readRecordFile(files, join(root, 'absent', 'manifest.json'), 12, 'artifact model-ci-fraud')).rejects.toThrow('artifact model-ci-fraud holds no manifest.json')
  mkdirSync(join(root, 'folder', 'ledger.json'), { recursive: true })
  await expect(readRecordFile(files, join(root, 'folder', 'ledger.json'), 12, 'artifact "model-ci-ledger" of run 7')).rejects.toThrow(
    'artifact "model-ci-ledger" of run 7 holds no ledger.json'
  )
})
