/**
 * Plain tldraw for the Chromium bench: the same notes, opened from tldraw's own
 * local storage (`persistenceKey`, IndexedDB) instead of through the relay.
 * No JSX, so the tests' tsconfig checks this file as it is.
 *
 *   /?key=K           open the board stored under K
 *   /?key=K&seed=N    store /notes-N.json under K first; sets window.benchSeeded
 *                     once tldraw has written every record to IndexedDB
 */
import { getAssetUrls } from '@tldraw/assets/selfHosted.js'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { Tldraw, type Editor, type TLRecord } from 'tldraw'

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

async function seedNotes(editor: Editor, count: number): Promise<void> {
  const response = await fetch(`/notes-${count}.json`)
  if (!response.ok) throw new Error(`GET /notes-${count}.json: ${response.status}`)
  const records = (await response.json()) as TLRecord[]
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

function onMount(editor: Editor): void {
  if (seed > 0) {
    seedNotes(editor, seed).catch((error: unknown) => {
      window.benchError = error instanceof Error ? error.message : String(error)
    })
  }
}

const root = document.getElementById('root')
if (root === null) throw new Error('no #root')
createRoot(root).render(createElement(Tldraw, { persistenceKey, assetUrls, onMount }))
