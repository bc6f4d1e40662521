// A step's board is built on the server from its method template and stored as
// the board's first update, in the shape the client's binding writes, so the
// client opens it as a current board (not migrating, not read-only).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTLSchema, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { BoardDoc } from '../../shared/src/board/boardDoc.ts'
import type { Challenge } from '../../shared/src/schema/challenge.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { Workshop } from '../../shared/src/schema/workshop.ts'
import { plainText } from '../../shared/src/templates/boardRecords.ts'
import { defineTemplate } from '../../shared/src/templates/define.ts'
import { createTemplateRegistry, methodTemplates, templateIds } from '../../shared/src/templates/index.ts'
import { seedGnistIfEmpty } from '../../server/src/seed/gnistSeed.ts'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import { closeSqliteStores, openSqliteStores, type SqliteStores } from '../../server/src/store/sqliteStores.ts'
import { initialBoardRow, templateChallenge } from '../../server/src/workshop/stepBoards.ts'
import { createStepWithBoard } from '../../server/src/workshop/stepCreation.ts'
import { newStore } from '../unit/binding-fixtures.ts'

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const schema = createTLSchema()

/** Real SQLite stores in a temp folder, seeded with the Gnist facts, and a workshop on Grue's challenge. */
async function grueWorkshop(): Promise<SqliteStores & { workshop: Workshop; challenge: Challenge }> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-step-boards-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const stores = openSqliteStores({ file: join(dir, 'samskap.sqlite'), retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => closeSqliteStores(stores))
  await seedGnistIfEmpty(stores.domain)
  const challenge = (await stores.domain.searchChallenges({ text: 'Kirkenær' }))[0]
  if (challenge === undefined) throw new Error('The seed has no Kirkenær challenge.')
  const workshop = await stores.domain.createWorkshop({
    id: newEntityId(),
    challengeId: challenge.id,
    title: 'Kirkenær sentrum',
    startsAt: '2022-03-14T09:00:00Z',
    endsAt: '2022-03-14T15:00:00Z',
    facilitatorIds: [],
    status: 'planned',
  })
  return { ...stores, workshop, challenge }
}

/** The board as stored (snapshot and log), in a fresh document. */
async function loadBoardDoc(boards: BoardStore, boardId: string): Promise<Y.Doc> {
  const stored = await boards.loadBoard(boardId)
  const doc = new Y.Doc()
  cleanups.push(() => doc.destroy())
  for (const update of [...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates]) Y.applyUpdate(doc, update)
  return doc
}

function recordsOf(doc: Y.Doc): TLRecord[] {
  const keyValue = new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(BoardDoc.records))
  return [...keyValue.map.values()].map((entry) => entry.val)
}

/** Every text on the board: frame names and the plain text of every label, note and text. */
function boardTexts(records: TLRecord[]): string {
  return records
    .filter((record): record is TLShape => record.typeName === 'shape')
    .flatMap((shape) => {
      const props = shape.props as { name?: string; richText?: Parameters<typeof plainText>[0] }
      return [props.name ?? '', props.richText ? plainText(props.richText) : '']
    })
    .join('\n')
}

describe('step boards', () => {
  it('are stored with the challenge’s text, valid tldraw records and the template version', async () => {
    const { domain, boards, workshop, challenge } = await grueWorkshop()
    for (const templateId of templateIds) {
      const step = await createStepWithBoard({ domain, boards }, workshop.id, { templateId, plannedMinutes: 30 })
      if (step === null) throw new Error('The workshop is missing.')
      expect(step.templateVersion).toBe(methodTemplates.latestVersion(templateId))
      expect(await domain.getStepByBoardId(step.boardId)).toEqual(step)

      const records = recordsOf(await loadBoardDoc(boards, step.boardId))
      for (const record of records) expect(() => schema.types[record.typeName].validate(record), record.id).not.toThrow()
      expect(records.map((record) => record.typeName)).toEqual(expect.arrayContaining(['document', 'page', 'shape']))
      // Every template shows the challenge's question; the first two also its problem statements or stakeholders.
      const texts = boardTexts(records)
      expect(texts, templateId).toContain(challenge.title)
      if (templateId === 'challenge-framing') {
        for (const statement of challenge.problemStatements) expect(texts).toContain(statement)
      }
      if (templateId === 'stakeholder-mapping') {
        for (const group of challenge.stakeholderGroups) expect(texts).toContain(group)
      }
    }
    expect((await domain.listSteps(workshop.id)).map((step) => step.templateId)).toEqual([...templateIds])
  })

  it('default to the lead municipality’s language form and take another when asked', async () => {
    const { domain, boards, workshop } = await grueWorkshop()
    const bokmal = await createStepWithBoard({ domain, boards }, workshop.id, { templateId: 'challenge-framing', plannedMinutes: 20 })
    const nynorsk = await createStepWithBoard({ domain, boards }, workshop.id, {
      templateId: 'challenge-framing',
      language: 'nn',
      plannedMinutes: 20,
    })
    expect(boardTexts(recordsOf(await loadBoardDoc(boards, bokmal?.boardId ?? '')))).toContain('Hvordan kan vi …?')
    expect(boardTexts(recordsOf(await loadBoardDoc(boards, nynorsk?.boardId ?? '')))).toContain('Korleis kan vi …?')
  })

  it('rebuild from the recorded version after a newer one is released', async () => {
    const { domain, boards, workshop, challenge } = await grueWorkshop()
    const step = await createStepWithBoard({ domain, boards }, workshop.id, { templateId: 'ideas', plannedMinutes: 15 })
    if (step === null) throw new Error('The workshop is missing.')
    const stored = recordsOf(await loadBoardDoc(boards, step.boardId))

    // A registry where 'ideas' has one more version (its record ids carry the version, so its board differs).
    const ideas = methodTemplates.get('ideas')
    const [first] = ideas.versions
    if (first === undefined) throw new Error('ideas has no version 1')
    const next = { version: ideas.versions.length + 1, build: first.build.bind(null) }
    const newer = createTemplateRegistry(
      methodTemplates.templates.map((template) =>
        template.id === 'ideas' ? defineTemplate({ ...template, versions: [...ideas.versions, next] }) : template,
      ),
    )
    const later = await createStepWithBoard({ domain, boards, templates: newer }, workshop.id, { templateId: 'ideas', plannedMinutes: 15 })
    expect(later?.templateVersion).toBe(next.version)

    // The first step still says the version it was built from, and that version rebuilds exactly its board.
    const lead = await domain.getMunicipality(challenge.leadMunicipalityId)
    const rebuilt = newer.build({
      templateId: step.templateId,
      version: step.templateVersion,
      language: 'nb',
      challenge: templateChallenge(challenge, lead?.name ?? ''),
    })
    const rebuiltDoc = new Y.Doc()
    cleanups.push(() => rebuiltDoc.destroy())
    Y.applyUpdate(rebuiltDoc, initialBoardRow(step.boardId, rebuilt.records).row.update)
    expect(recordsOf(rebuiltDoc)).toEqual(stored)
  })

  it('open in the client binding as current boards: nothing migrated, nothing written, not read-only', async () => {
    const { domain, boards, workshop } = await grueWorkshop()
    expect(schema.serialize()).toEqual(newStore().schema.serialize())
    const step = await createStepWithBoard({ domain, boards }, workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 30 })
    const doc = await loadBoardDoc(boards, step?.boardId ?? '')
    const written: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => written.push(update))

    const store = newStore()
    const binding = new YjsStoreBinding({ doc, store })
    cleanups.push(() => binding.destroy())
    expect(binding.readonlyReason).toBeNull()
    expect(written).toEqual([])
    const ids = recordsOf(doc).map((record) => record.id)
    expect(ids.length).toBeGreaterThan(10)
    for (const id of ids) expect(store.has(id as TLRecord['id']), id).toBe(true)
  })
})
