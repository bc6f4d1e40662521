/**
 * Plain tldraw for the Chromium bench: the same notes, opened from tldraw's own
 * local storage (`persistenceKey`, IndexedDB) instead of through the relay.
 * No JSX, so the tests' tsconfig checks this file as it is.
 *
 *   /?key=K           open the board stored under K
 *   /?key=K&seed=N    store /boards/notes-N.json under K first; sets window.benchSeeded
 *                     once tldraw has written every record to IndexedDB
 *   /?key=K&board=B   open the board stored under K, and when it has no shapes yet
 *                     (a first visit), put /boards/B.json's shapes on it: the same
 *                     board a Samskap page opens, shown by tldraw alone
 */
import { getAssetUrls } from '@tldraw/assets/selfHosted.js'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { isPageId, Tldraw, type Editor, type TLRecord } from 'tldraw'

declare global {
  interface Window {
    benchSeeded?: number
    benchError?: string
  }
}

const assetUrls = getAssetUrls({ baseUrl: '/tldraw-assets' })
const params = new URLSearchParams(location.search)
const persistenceKey = params.get('key') ?? 'bench'
const seed = Number(params.get('seed') ?? '0')
const board = params.get('board')

/** Records tldraw has persisted under our key (its IndexedDB layout: database TLDRAW_DOCUMENT_v2<key>, store 'records'). */
function countPersistedRecords(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(`TLDRAW_DOCUMENT_v2${persistenceKey}`)
    open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'))
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('records')) {
        db.close()
        resolve(0)
        return
      }
      const count = db.transaction('records').objectStore('records').count()
      count.onsuccess = () => {
        db.close()
        resolve(count.result)
      }
      count.onerror = () => reject(count.error ?? new Error('count failed'))
    }
  })
}

async function fetchBoard(name: string): Promise<TLRecord[]> {
  const response = await fetch(`/boards/${name}.json`)
  if (!response.ok) throw new Error(`GET /boards/${name}.json: ${response.status}`)
  return (await response.json()) as TLRecord[]
}

async function seedNotes(editor: Editor, count: number): Promise<void> {
  const records = await fetchBoard(`notes-${count}`)
  editor.store.put(records)
  // Poll until tldraw's throttled persistence has written them all.
  const deadline = performance.now() + 60_000
  for (;;) {
    const persisted = await countPersistedRecords()
    if (persisted >= records.length) {
      window.benchSeeded = persisted
      return
    }
    if (performance.now() > deadline) throw new Error(`only ${persisted} of ${records.length} records persisted`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Puts a board's shapes and bindings on the current page (shapes on their own page move to this one). */
async function openBoard(editor: Editor, name: string): Promise<void> {
  const pageId = editor.getCurrentPageId()
  const records = (await fetchBoard(name)).map((record) =>
    record.typeName === 'shape' && isPageId(record.parentId) ? { ...record, parentId: pageId } : record,
  )
  editor.store.put(records)
  editor.zoomToFit()
}

function onMount(editor: Editor): void {
  const failed = (error: unknown): void => {
    window.benchError = error instanceof Error ? error.message : String(error)
  }
  if (seed > 0) seedNotes(editor, seed).catch(failed)
  // A later visit finds the board in IndexedDB, as Samskap's warm visit does.
  if (board !== null && editor.getCurrentPageShapeIds().size === 0) openBoard(editor, board).catch(failed)
}

const root = document.getElementById('root')
if (root === null) throw new Error('no #root')
createRoot(root).render(createElement(Tldraw, { persistenceKey, assetUrls, onMount }))
