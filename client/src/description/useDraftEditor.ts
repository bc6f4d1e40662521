import { useEffect, useState } from 'react'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Observable } from '../app/Observable.ts'
import { useObservable } from '../hooks/useObservable.ts'
import { descriptionRequests } from './descriptionRequests.ts'
import { DraftEditor, type DraftEditorState } from './DraftEditor.ts'

const notYet = new Observable<DraftEditorState | null>(null)

/**
 * The {@link DraftEditor} of a challenge's description, created and loaded when the
 * page mounts and destroyed (after sending what was typed) when it unmounts; while
 * something is unsaved, leaving the page asks first.
 */
export function useDraftEditor(challengeId: string): { editor: DraftEditor | null; state: DraftEditorState | null } {
  const { api } = useAppServices()
  const [editor, setEditor] = useState<DraftEditor | null>(null)
  useEffect(() => {
    const created = new DraftEditor(descriptionRequests(api, challengeId))
    setEditor(created)
    void created.load()
    return () => {
      setEditor(null)
      created.destroy()
    }
  }, [api, challengeId])
  const state = useObservable<DraftEditorState | null>(editor?.state ?? notYet)
  const unsaved = state !== null && state.save.kind !== 'saved'
  useEffect(() => {
    if (!unsaved) return
    const ask = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [unsaved])
  return { editor, state }
}
