import {
  DescriptionFields,
  editableFieldKeys,
  type DescriptionDraft,
  type EditableFieldKey,
} from '../../../shared/src/description/challengeDescription.ts'
import type { DraftResult, UpdateDraftBody } from '../../../shared/src/description/descriptionApi.ts'
import { isListField, rowKey, rowKeys, validRow, type ListFieldKey } from '../../../shared/src/description/listRows.ts'
import { sameValue } from '../../../shared/src/description/mergeDraft.ts'
import type { RowAction } from '../../../shared/src/description/rowSuggestions.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { ApiRequestError, clientErrorCode } from '../app/apiErrors.ts'
import { Observable } from '../app/Observable.ts'
import { asFieldValue, fieldIssues, normalizeField } from './fieldForms.ts'
import { waitingRows, withAnswers } from './rowAnswers.ts'

/** The requests the editor makes (descriptionRequests.ts; a fake in tests). */
export interface DraftRequests {
  load(): Promise<DescriptionDraft>
  save(body: UpdateDraftBody): Promise<DescriptionDraft>
  draftFrom(workshopId: string): Promise<DraftResult>
  publish(): Promise<{ version: number }>
}

/** setTimeout and clearTimeout, so tests move time themselves. */
export interface Timers {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/** Whether what the person typed is on the server. */
export type SaveStatus =
  | { kind: 'saved' }
  /** Typed; saved when the person pauses. */
  | { kind: 'waiting' }
  | { kind: 'saving' }
  /** Held back until the person fixes these fields (the rest is saved). */
  | { kind: 'invalid'; fields: EditableFieldKey[] }
  | { kind: 'failed'; error: ApiRequestError }

/** What one draft run did to each field, and the notes on the boards that no field took. */
export type DraftRun = Pick<DraftResult, 'changes' | 'leftOut'>

export interface DraftEditorState {
  status: 'loading' | 'ready' | 'failed'
  loadError: ApiRequestError | null
  /** The draft as the server last answered it. */
  draft: DescriptionDraft | null
  /** The fields as shown: the server's, with what the person typed and the suggestions they accepted. */
  fields: DescriptionFields | null
  /** Problems of typed fields, with paths as the form names its controls ('needs.2.need'). */
  issues: readonly FieldIssue[]
  save: SaveStatus
  /** When the server last stored the draft (ISO). */
  savedAt: string | null
  /** Newer drafted values waiting for the person, for free-text fields they had edited. */
  pending: Partial<Record<EditableFieldKey, unknown>>
  /** New rows from the boards waiting for the person, one by one, for list fields they had edited (valid rows only). */
  pendingRows: Partial<Record<ListFieldKey, unknown[]>>
  /** What the last "Lag utkast fra verksted" did, field by field, and the notes it left out. */
  lastRun: DraftRun | null
  /** A draft run or publishing under way. */
  action: EditorAction | null
  /** Why the last draft run or publishing failed. */
  actionError: { action: EditorAction; error: ApiRequestError } | null
  /** The version the last "Publiser" made. */
  published: { version: number } | null
}

export type EditorAction = 'drafting' | 'publishing'

type Typed = { [K in EditableFieldKey]?: DescriptionFields[K] }
type Resolutions = NonNullable<UpdateDraftBody['resolve']>

interface Batch {
  keys: EditableFieldKey[]
  resolve: Resolutions
}

/** Wait this long after the last keystroke before saving: a pause, not every letter. */
export const saveDelayMs = 800
/** After a save failed for want of a network or a working server, try again after this long. */
export const retryDelayMs = 5_000

/**
 * The challenge description's draft being edited, outside React: it loads the
 * draft, keeps what the person types, saves it a moment after they pause (only
 * fields that pass the contract's schema; the others wait, marked, until fixed),
 * accepts or dismisses suggestions from a re-draft, and runs "draft from
 * workshop" and "publish" after saving what was typed, so neither sees an old
 * draft. Typed text stays as typed while the server's answer means the same
 * (it trims spaces and drops blank lines), so the cursor never jumps.
 */
export class DraftEditor {
  readonly state: Observable<DraftEditorState>
  private readonly requests: DraftRequests
  private readonly timers: Timers
  private server: DescriptionDraft | null = null
  private typed: Typed = {}
  private readonly dirty = new Set<EditableFieldKey>()
  private resolutions: Resolutions = {}
  private sending: Batch | null = null
  private serverIssues: FieldIssue[] = []
  private saveError: ApiRequestError | null = null
  private timer: unknown = null
  private saving: Promise<void> | null = null
  private destroyed = false
  private loadStatus: DraftEditorState['status'] = 'loading'
  private loadError: ApiRequestError | null = null
  private lastRun: DraftRun | null = null
  private action: DraftEditorState['action'] = null
  private actionError: DraftEditorState['actionError'] = null
  private published: { version: number } | null = null

  constructor(requests: DraftRequests, timers: Timers = { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as number) }) {
    this.requests = requests
    this.timers = timers
    this.state = new Observable(this.snapshot())
  }

  /** Loads the draft (a fresh one from the challenge when none is stored yet). */
  async load(): Promise<void> {
    try {
      this.server = await this.requests.load()
      this.loadStatus = 'ready'
    } catch (error) {
      this.loadStatus = 'failed'
      this.loadError = apiError(error)
    }
    this.emit()
  }

  /** The person changed a field: shown at once, saved after a pause. */
  edit<K extends EditableFieldKey>(key: K, value: DescriptionFields[K]): void {
    if (this.server === null) return
    this.typed[key] = value
    this.dirty.add(key)
    this.serverIssues = this.serverIssues.filter((issue) => !isAbout(issue, key))
    this.schedule(saveDelayMs)
    this.emit()
  }

  /** "Bruk nytt forslag" ('accept') or "Behold min tekst" ('dismiss'), saved at once. */
  resolve(key: EditableFieldKey, action: 'accept' | 'dismiss'): Promise<void> {
    this.resolutions[key] = action
    if (action === 'accept') {
      delete this.typed[key]
      this.dirty.delete(key)
    }
    this.emit()
    return this.save()
  }

  /**
   * "Legg til" ('accept') or "Avvis" ('dismiss') one suggested row of a list field (by its key), saved
   * at once. An accepted row joins the list as shown, so what the person types next keeps it.
   */
  resolveRow(key: ListFieldKey, row: string, action: RowAction): Promise<void> {
    const shown = this.typed[key] ?? this.server?.fields[key]
    const suggested = validRow(key, this.server?.provenance[key]?.pendingRows.find((candidate) => rowKey(key, candidate) === row))
    if (action === 'accept' && shown !== undefined && suggested !== null && !rowKeys(key, shown).has(row)) {
      setTyped(this.typed, key, [...shown, suggested] as DescriptionFields[typeof key])
      this.dirty.add(key)
    }
    this.resolutions = withAnswers(this.resolutions, { [key]: { rows: [{ key: row, action }] } })
    this.emit()
    return this.save()
  }

  /** Saves what can be saved now; true when everything typed is on the server. */
  async flush(): Promise<boolean> {
    await this.save()
    return this.dirty.size === 0 && Object.keys(this.resolutions).length === 0 && this.saveError === null
  }

  /** Saves now, e.g. after a failure ("Prøv igjen"). */
  retry(): Promise<void> {
    this.saveError = null
    return this.save()
  }

  /** "Lag utkast fra verksted": saves what was typed, then drafts from the workshop's boards. */
  draftFromWorkshop(workshopId: string): Promise<boolean> {
    return this.act('drafting', async () => {
      const result = await this.requests.draftFrom(workshopId)
      this.takeServer(result.draft)
      this.lastRun = { changes: result.changes, leftOut: result.leftOut }
    })
  }

  /** "Publiser": saves what was typed, then publishes the draft as a new version. */
  publish(): Promise<boolean> {
    return this.act('publishing', async () => {
      this.published = await this.requests.publish()
    })
  }

  /** Stops: what was typed and is valid is still sent, but nothing is shown any more. */
  destroy(): void {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = null
    void this.save()
    this.destroyed = true
  }

  private async act(kind: EditorAction, run: () => Promise<void>): Promise<boolean> {
    if (this.action !== null || this.server === null) return false
    this.action = kind
    this.actionError = null
    this.emit()
    let done = false
    try {
      if (!(await this.flush())) {
        this.actionError = { action: kind, error: this.saveError ?? invalidFieldsError(this.currentIssues()) }
      } else {
        await run()
        done = true
      }
    } catch (error) {
      this.actionError = { action: kind, error: apiError(error) }
    }
    this.action = null
    this.emit()
    return done
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = this.timers.set(() => {
      this.timer = null
      void this.save()
    }, ms)
  }

  private save(): Promise<void> {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = null
    this.saving ??= this.saveBatches().finally(() => {
      this.saving = null
      this.emit()
    })
    return this.saving
  }

  /** Sends batches until nothing valid is left, or a pause is awaited, or one fails. */
  private async saveBatches(): Promise<void> {
    for (;;) {
      if (this.timer !== null) return
      const batch = this.takeBatch()
      if (batch === null) return
      this.emit()
      try {
        const fields = Object.fromEntries(batch.keys.map((key) => [key, savedForm(key, this.typed[key])]))
        const body: UpdateDraftBody = Object.keys(batch.resolve).length > 0 ? { fields, resolve: batch.resolve } : { fields }
        const draft = await this.requests.save(body)
        this.sending = null
        this.saveError = null
        this.takeServer(draft)
      } catch (error) {
        this.sending = null
        this.putBack(batch)
        this.saveError = apiError(error)
        this.serverIssues = this.saveError.fields.map((issue) => ({ ...issue, path: issue.path.replace(/^fields\./, '') }))
        if (this.saveError.status === 0 || this.saveError.status >= 500) this.schedule(retryDelayMs)
        return
      }
    }
  }

  private takeBatch(): Batch | null {
    const keys = [...this.dirty].filter((key) => this.typed[key] !== undefined && fieldIssues(key, this.typed[key] as never).length === 0)
    const resolve = this.resolutions
    if (keys.length === 0 && Object.keys(resolve).length === 0) return null
    for (const key of keys) this.dirty.delete(key)
    this.resolutions = {}
    this.sending = { keys, resolve }
    return this.sending
  }

  /** A failed batch waits again, unless the person has typed or chosen something newer since. */
  private putBack(batch: Batch): void {
    for (const key of batch.keys) if (this.typed[key] !== undefined) this.dirty.add(key)
    this.resolutions = withAnswers(batch.resolve, this.resolutions)
  }

  /** The server's draft; typed values it agrees with stay as typed, others give way unless still unsent. */
  private takeServer(draft: DescriptionDraft): void {
    this.server = draft
    for (const key of editableFieldKeys) {
      if (this.typed[key] === undefined || this.dirty.has(key) || this.sending?.keys.includes(key)) continue
      if (!sameValue(savedForm(key, this.typed[key]), draft.fields[key])) delete this.typed[key]
    }
  }

  private currentIssues(): FieldIssue[] {
    const local = [...this.dirty].flatMap((key) => (this.typed[key] === undefined ? [] : fieldIssues(key, this.typed[key] as never)))
    return [...local, ...this.serverIssues.filter((issue) => !local.some((other) => other.path === issue.path))]
  }

  private snapshot(): DraftEditorState {
    const server = this.server
    const accepting = withAnswers(this.sending?.resolve ?? {}, this.resolutions)
    let fields: DescriptionFields | null = null
    const pending: DraftEditorState['pending'] = {}
    const pendingRows: DraftEditorState['pendingRows'] = {}
    if (server !== null) {
      fields = { ...server.fields }
      for (const key of editableFieldKeys) {
        const provenance = server.provenance[key]
        const typed = this.typed[key]
        if (typed !== undefined) setField(fields, key, typed)
        else if (accepting[key] === 'accept') {
          const accepted = asFieldValue(key, provenance?.pending)
          if (accepted !== null) setField(fields, key, accepted)
        }
        if (provenance?.pending != null && typeof accepting[key] !== 'string') pending[key] = provenance.pending
        if (isListField(key)) {
          const rows = waitingRows(key, provenance?.pendingRows ?? [], fields[key], accepting[key])
          if (rows.length > 0) pendingRows[key] = rows
        }
      }
    }
    const issues = this.currentIssues()
    const invalid = [...new Set(issues.map((issue) => issue.path.split('.')[0] as EditableFieldKey))]
    const save: SaveStatus =
      this.saveError !== null
        ? { kind: 'failed', error: this.saveError }
        : invalid.length > 0
          ? { kind: 'invalid', fields: invalid }
          : this.sending !== null
            ? { kind: 'saving' }
            : this.dirty.size > 0 || Object.keys(this.resolutions).length > 0
              ? { kind: 'waiting' }
              : { kind: 'saved' }
    return {
      status: this.loadStatus,
      loadError: this.loadError,
      draft: server,
      fields,
      issues,
      save,
      savedAt: server?.updatedAt ?? null,
      pending,
      pendingRows,
      lastRun: this.lastRun,
      action: this.action,
      actionError: this.actionError,
      published: this.published,
    }
  }

  private emit(): void {
    if (!this.destroyed) this.state.set(this.snapshot())
  }
}

/** The value as the server will store it: blank lines dropped, spaces trimmed. */
function savedForm<K extends EditableFieldKey>(key: K, value: DescriptionFields[K] | undefined): unknown {
  if (value === undefined) return undefined
  const normalized = normalizeField(key, value).value
  const parsed = DescriptionFields.shape[key].safeParse(normalized)
  return parsed.success ? parsed.data : normalized
}

function setTyped<K extends EditableFieldKey>(typed: Typed, key: K, value: DescriptionFields[K]): void {
  typed[key] = value
}

function setField<K extends EditableFieldKey>(fields: DescriptionFields, key: K, value: DescriptionFields[K]): void {
  fields[key] = value
}

function isAbout(issue: FieldIssue, key: string): boolean {
  return issue.path === key || issue.path.startsWith(`${key}.`)
}

function apiError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error
  console.warn('Samskap: a description request failed', error)
  return new ApiRequestError({ status: 0, code: clientErrorCode.unexpectedResponse, message: String(error) })
}

function invalidFieldsError(fields: FieldIssue[]): ApiRequestError {
  return new ApiRequestError({ status: 400, code: clientErrorCode.invalidRequest, message: 'The form has invalid fields.', fields })
}
