import { useEffect, useRef, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import type { BoardConnection } from '../board/BoardConnection.ts'
import type { BoardOutline, OutlineNote } from '../board/outline/boardOutline.ts'
import { OutlineWatch } from '../board/outline/OutlineWatch.ts'

/** The board's outline as the store changes, and news of notes others add (see OutlineWatch). */
export function useBoardOutline(
  editor: Editor,
  connection: BoardConnection,
  onNewNotes: (notes: readonly OutlineNote[], outline: BoardOutline) => void,
): BoardOutline | null {
  const [watch, setWatch] = useState<OutlineWatch | null>(null)
  const tell = useRef(onNewNotes)
  useEffect(() => {
    tell.current = onNewNotes
  }, [onNewNotes])
  useEffect(() => {
    const created = new OutlineWatch({
      store: editor.store,
      privateIds: connection.privateNotes.$privateIds,
      ownId: editor.user.getId(),
      onNewNotes: (notes, outline) => tell.current(notes, outline),
    })
    setWatch(created)
    return () => {
      created.destroy()
      setWatch(null)
    }
  }, [editor, connection])
  return useValue('boardOutline', () => watch?.$outline.get() ?? null, [watch])
}
