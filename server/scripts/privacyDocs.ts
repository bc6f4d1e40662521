import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withProcessingRecords } from '../src/privacy/processingRecords.ts'
import { defaultProcessingRecordsMarkdown } from '../src/privacy/readmeSection.ts'

// `npm run docs:privacy`: writes the README's records of processing from the definitions in
// server/src/privacy/ (a unit test fails while the README says something else).

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url))
const readme = readFileSync(readmePath, 'utf8')
const updated = withProcessingRecords(readme, defaultProcessingRecordsMarkdown())
if (updated === readme) {
  console.log('README.md: the records of processing are up to date.')
} else {
  writeFileSync(readmePath, updated)
  console.log('README.md: wrote the records of processing.')
}
