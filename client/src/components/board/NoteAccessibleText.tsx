import { useTranslation } from 'react-i18next'
import { useEditor, useValue, type TLNoteShape, type TLRecord } from 'tldraw'
import { richTextToPlain } from '../../../../shared/src/board/richText.ts'

/**
 * A note's text and author for screen readers, part of the note on the canvas: tldraw hides the
 * note's own label from the accessibility tree while nobody is writing on it.
 */
export function NoteAccessibleText({ note }: { note: TLNoteShape }) {
  const { t } = useTranslation()
  const editor = useEditor()
  const authorId = note.props.textLastEditedBy
  const author = useValue(
    'noteAuthor',
    () => {
      if (authorId === null) return null
      // The author mark names a person; the board keeps their name in their user record (as the board reader reads it).
      const user = editor.store.get(`user:${authorId.replace(/^user:/, '')}` as TLRecord['id'])
      return user?.typeName === 'user' && user.name.trim() !== '' ? user.name : null
    },
    [editor, authorId],
  )
  const text = richTextToPlain(note.props.richText).trim()
  if (text === '') return null
  return (
    <span className="visually-hidden" data-testid="note-text">
      {author === null ? t('outline.note', { text }) : t('outline.noteBy', { name: author, text })}
    </span>
  )
}
