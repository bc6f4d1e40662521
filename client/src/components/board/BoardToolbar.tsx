import { useTranslation } from 'react-i18next'
import {
  DefaultToolbar,
  DrawToolbarItem,
  EraserToolbarItem,
  HandToolbarItem,
  NoteToolbarItem,
  SelectToolbarItem,
  useEditor,
  useReadonly,
} from 'tldraw'
import { addNoteInView } from '../../board/noteInView.ts'
import { useNarrowScreen } from '../../hooks/useNarrowScreen.ts'

/**
 * tldraw's toolbar, and on a phone the tools a participant works with in reach, none in an
 * overflow: select (which also opens a note's reactions), the hand, the note, the pen and the
 * eraser, and a "Ny lapp" button that puts a note where the person is looking and starts
 * writing on it. Every tool keeps its keyboard shortcut: those belong to tldraw's tools, not to
 * the toolbar.
 */
export function BoardToolbar() {
  const narrow = useNarrowScreen()
  const readonly = useReadonly()
  if (!narrow || readonly) return <DefaultToolbar />
  return (
    <div className="phone-toolbar">
      <AddNoteButton />
      <DefaultToolbar maxItems={5}>
        <SelectToolbarItem />
        <HandToolbarItem />
        <NoteToolbarItem />
        <DrawToolbarItem />
        <EraserToolbarItem />
      </DefaultToolbar>
    </div>
  )
}

function AddNoteButton() {
  const editor = useEditor()
  const { t } = useTranslation()
  return (
    <button
      type="button"
      className="add-note-button"
      aria-label={t('boardNavigation.addNoteLabel')}
      data-testid="add-note-in-view"
      onClick={() => addNoteInView(editor)}
    >
      <span aria-hidden="true">+</span> {t('boardNavigation.addNote')}
    </button>
  )
}
