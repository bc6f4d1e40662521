// The description editor's draft, outside React: typed text is saved after a
// pause, only when it passes the contract, without jumping under the cursor;
// suggestions from a re-draft are accepted or dismissed; drafting and publishing
// save first. The "server" here is the shared merge code the real one uses.
import { describe, expect, it } from 'vitest'
import type { DescriptionDraft } from '../../shared/src/description/challengeDescription.ts'
import type { DraftResult, UpdateDraftBody } from '../../shared/src/description/descriptionApi.ts'
import { applyEdits, initialDraft } from '../../shared/src/description/mergeDraft.ts'
import { ApiRequestError } from '../../client/src/app/apiErrors.ts'
import { DraftEditor, retryDelayMs, saveDelayMs, type DraftRequests, type Timers } from '../../client/src/description/DraftEditor.ts'

const challenge = {
  id: 'challenge-grue',
  name: 'Kirkenær sentrum',
  title: 'Hvordan kan Kirkenær bli et attraktivt sentrum?',
  summary: 'Grue vil utvikle Kirkenær.',
  themes: ['Stedsutvikling'],
  problemStatements: ['Hvordan kan vi samarbeide om sentrum?'],
  stakeholderGroups: ['kommune'],
  leadMunicipality: { id: 'municipality-grue', name: 'Grue' },
  coApplicants: [],
  followerMunicipalities: [],
}

/** Timers the test moves by hand. */
class ManualTimers implements Timers {
  private now = 0
  private next = 1
  private readonly due = new Map<number, { at: number; callback: () => void }>()
  set(callback: () => void, ms: number): unknown {
    const handle = this.next++
    this.due.set(handle, { at: this.now + ms, callback })
    return handle
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number)
  }
  advance(ms: number): void {
    this.now += ms
    for (const [handle, timer] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) continue
      this.due.delete(handle)
      timer.callback()
    }
  }
}

/** A server that stores the draft with the real merge code, records the bodies, and answers when told. */
class FakeServer implements DraftRequests {
  draft: DescriptionDraft = initialDraft(challenge, 'nb', '2026-11-23T10:00:00.000Z')
  readonly saves: UpdateDraftBody[] = []
  published = 0
  /** Set to make the next save fail. */
  failNext: ApiRequestError | null = null
  /** Set to hold saves until released. */
  private held: (() => void)[] | null = null

  load = async () => this.draft
  async save(body: UpdateDraftBody): Promise<DescriptionDraft> {
    this.saves.push(structuredClone(body))
    if (this.held !== null) await new Promise<void>((resolve) => this.held?.push(resolve))
    if (this.failNext !== null) {
      const error = this.failNext
      this.failNext = null
      throw error
    }
    this.draft = applyEdits(this.draft, body, new Date(Date.UTC(2026, 10, 23, 10, this.saves.length)).toISOString())
    return this.draft
  }
  async draftFrom(workshopId: string): Promise<DraftResult> {
    // A re-draft that suggests a new summary: pending, since the person edited it (as mergeDraft does).
    const suggestion = 'Forslag fra tavlene.'
    const provenance = { ...this.draft.provenance }
    const summary = provenance.summary
    if (summary !== undefined) provenance.summary = { ...summary, drafted: suggestion, edited: true, pending: suggestion }
    this.draft = { ...this.draft, provenance, workshopId }
    return { draft: this.draft, changes: [{ field: 'summary', kind: 'pending' }], leftOut: [] }
  }
  async publish(): Promise<{ version: number }> {
    this.published++
    return { version: this.published }
  }
  hold(): void {
    this.held = []
  }
  release(): void {
    const held = this.held ?? []
    this.held = null
    for (const resolve of held) resolve()
  }
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function openEditor() {
  const server = new FakeServer()
  const timers = new ManualTimers()
  const editor = new DraftEditor(server, timers)
  await editor.load()
  return { server, timers, editor, state: () => editor.state.get() }
}

describe('DraftEditor', () => {
  it('saves typed text once the person pauses, and says so', async () => {
    const { server, timers, editor, state } = await openEditor()
    expect(state().save).toEqual({ kind: 'saved' })
    editor.edit('summary', 'Kirkenær')
    editor.edit('summary', 'Kirkenær skal ')
    expect(state().fields?.summary).toBe('Kirkenær skal ')
    expect(state().save.kind).toBe('waiting')
    timers.advance(saveDelayMs - 1)
    expect(server.saves).toEqual([])
    timers.advance(1)
    await settle()
    expect(server.saves).toEqual([{ fields: { summary: 'Kirkenær skal' } }])
    expect(state().save).toEqual({ kind: 'saved' })
    // The server trimmed the space; what the person typed stays, so the cursor does not jump.
    expect(server.draft.fields.summary).toBe('Kirkenær skal')
    expect(state().fields?.summary).toBe('Kirkenær skal ')
    expect(state().savedAt).toBe(server.draft.updatedAt)
  })

  it('holds back a field that breaks the contract, saving the others, until it is fixed', async () => {
    const { server, timers, editor, state } = await openEditor()
    editor.edit('title', '')
    editor.edit('themes', ['Stedsutvikling', '', 'Næring'])
    timers.advance(saveDelayMs)
    await settle()
    expect(server.saves).toEqual([{ fields: { themes: ['Stedsutvikling', 'Næring'] } }])
    expect(state().save).toEqual({ kind: 'invalid', fields: ['title'] })
    expect(state().issues).toEqual([{ path: 'title', message: 'Must not be empty.' }])
    // The blank line the person is about to fill stays on screen.
    expect(state().fields?.themes).toEqual(['Stedsutvikling', '', 'Næring'])
    editor.edit('title', 'Hvordan kan vi?')
    timers.advance(saveDelayMs)
    await settle()
    expect(server.saves.at(-1)).toEqual({ fields: { title: 'Hvordan kan vi?' } })
    expect(state().save).toEqual({ kind: 'saved' })
  })

  it('keeps what was typed while a save is under way and sends it next', async () => {
    const { server, timers, editor, state } = await openEditor()
    server.hold()
    editor.edit('anchoring', 'Vedtatt')
    timers.advance(saveDelayMs)
    await settle()
    expect(state().save.kind).toBe('saving')
    editor.edit('anchoring', 'Vedtatt i kommunestyret')
    server.release()
    await settle()
    expect(state().fields?.anchoring).toBe('Vedtatt i kommunestyret')
    timers.advance(saveDelayMs)
    await settle()
    expect(server.saves.map((body) => body.fields.anchoring)).toEqual(['Vedtatt', 'Vedtatt i kommunestyret'])
    expect(state().save).toEqual({ kind: 'saved' })
  })

  it('says a save failed, tries again by itself when the network was away, and loses nothing', async () => {
    const { server, timers, editor, state } = await openEditor()
    server.failNext = new ApiRequestError({ status: 0, code: 'network_error', message: 'offline' })
    editor.edit('transferability', 'Andre kommuner kan bruke det')
    timers.advance(saveDelayMs)
    await settle()
    expect(state().save).toMatchObject({ kind: 'failed', error: { code: 'network_error' } })
    expect(state().fields?.transferability).toBe('Andre kommuner kan bruke det')
    timers.advance(retryDelayMs)
    await settle()
    expect(server.draft.fields.transferability).toBe('Andre kommuner kan bruke det')
    expect(state().save).toEqual({ kind: 'saved' })
  })

  it('shows a newer suggestion beside edited text, and takes it or keeps the text as the person says', async () => {
    const { server, timers, editor, state } = await openEditor()
    editor.edit('summary', 'Min tekst.')
    timers.advance(saveDelayMs)
    await settle()
    expect(await editor.draftFromWorkshop('workshop-1')).toBe(true)
    expect(state().lastRun).toEqual({ changes: [{ field: 'summary', kind: 'pending' }], leftOut: [] })
    expect(state().pending).toEqual({ summary: 'Forslag fra tavlene.' })
    expect(state().fields?.summary).toBe('Min tekst.')

    const accepting = editor.resolve('summary', 'accept')
    // Shown at once, before the server answers.
    expect(state().fields?.summary).toBe('Forslag fra tavlene.')
    expect(state().pending).toEqual({})
    await accepting
    expect(server.saves.at(-1)).toEqual({ fields: {}, resolve: { summary: 'accept' } })
    expect(server.draft.fields.summary).toBe('Forslag fra tavlene.')
    expect(server.draft.provenance.summary?.edited).toBe(false)

    await editor.draftFromWorkshop('workshop-1')
    await editor.resolve('summary', 'dismiss')
    expect(server.draft.provenance.summary?.pending).toBeNull()
    expect(state().fields?.summary).toBe('Forslag fra tavlene.')
  })

  it('adds or dismisses one suggested row at a time, keeping what the person types in the field meanwhile', async () => {
    const { server, timers, editor, state } = await openEditor()
    const row = (actor: string) => ({ actor, sector: null, interest: null, influence: null })
    // A re-draft found two new actors for the stakeholders the person had edited (as mergeDraft does).
    const entry = server.draft.provenance.stakeholders
    if (entry === undefined) throw new Error('no provenance')
    server.draft = {
      ...server.draft,
      fields: { ...server.draft.fields, stakeholders: [row('Grue kommune')] },
      provenance: { ...server.draft.provenance, stakeholders: { ...entry, edited: true, pendingRows: [row('Fylkeskommunen'), row('Kirkenær IL'), { actor: '' }] } },
    }
    await editor.load()
    // The row that is no longer valid is not shown.
    expect(state().pendingRows).toEqual({ stakeholders: [row('Fylkeskommunen'), row('Kirkenær IL')] })

    editor.edit('stakeholders', [{ ...row('Grue kommune'), sector: 'municipality' }])
    const accepting = editor.resolveRow('stakeholders', 'fylkeskommunen', 'accept')
    // Shown at once, after what the person typed.
    expect(state().fields?.stakeholders.map((entry) => entry.actor)).toEqual(['Grue kommune', 'Fylkeskommunen'])
    expect(state().pendingRows).toEqual({ stakeholders: [row('Kirkenær IL')] })
    await accepting
    expect(server.saves.at(-1)).toEqual({
      fields: { stakeholders: [{ ...row('Grue kommune'), sector: 'municipality' }, row('Fylkeskommunen')] },
      resolve: { stakeholders: { rows: [{ key: 'fylkeskommunen', action: 'accept' }] } },
    })
    expect(server.draft.fields.stakeholders).toEqual([{ ...row('Grue kommune'), sector: 'municipality' }, row('Fylkeskommunen')])

    await editor.resolveRow('stakeholders', 'kirkenær il', 'dismiss')
    expect(server.saves.at(-1)).toEqual({ fields: {}, resolve: { stakeholders: { rows: [{ key: 'kirkenær il', action: 'dismiss' }] } } })
    expect(server.draft.provenance.stakeholders).toMatchObject({ pendingRows: [], dismissedRows: ['kirkenær il'] })
    expect(state().pendingRows).toEqual({})
    timers.advance(saveDelayMs)
    await settle()
    expect(state().save).toEqual({ kind: 'saved' })
  })

  it('saves what was typed before drafting and publishing, and refuses while a field is invalid', async () => {
    const { server, editor, state } = await openEditor()
    editor.edit('contactPoint', 'postmottak@grue.kommune.no')
    expect(await editor.publish()).toBe(true)
    expect(server.draft.fields.contactPoint).toBe('postmottak@grue.kommune.no')
    expect(state().published).toEqual({ version: 1 })

    editor.edit('title', '')
    expect(await editor.publish()).toBe(false)
    expect(server.published).toBe(1)
    expect(state().actionError).toMatchObject({ action: 'publishing', error: { code: 'invalid_request', fields: [{ path: 'title' }] } })
    expect(state().action).toBeNull()
  })

  it('sends what was typed when the page closes', async () => {
    const { server, editor } = await openEditor()
    editor.edit('background', 'Sentrum har tomme lokaler.')
    editor.destroy()
    await settle()
    expect(server.draft.fields.background).toBe('Sentrum har tomme lokaler.')
  })
})
