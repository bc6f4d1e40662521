import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { TldrawUiButton, TldrawUiButtonLabel, TldrawUiDropdownMenuItem, TldrawUiMenuGroup, useEditor, useValue } from 'tldraw'
import { exportBoardImage, exportFileName, selectedFrame, type BoardImageFormat } from '../../board/boardExport.ts'
import { useToasts } from '../Toasts.tsx'

/** The board's name as the page shows it ("Kartlegge aktører – Verksted 1"), for the exported file's name. */
export const BoardExportNameContext = createContext<string>('')

/**
 * The main menu's export items: the whole board as PNG or SVG, and, while a frame
 * is the selection, that frame. Shown to everyone who can see the board,
 * observers too (exporting changes nothing).
 */
export function BoardExportMenuItems() {
  const { t } = useTranslation()
  const editor = useEditor()
  const toasts = useToasts()
  const boardName = useContext(BoardExportNameContext)
  const frame = useValue('selected frame', () => selectedFrame(editor), [editor])
  const empty = useValue('board is empty', () => editor.getCurrentPageShapeIds().size === 0, [editor])

  const run = (format: BoardImageFormat, withFrame: boolean) => {
    const target = withFrame ? frame : null
    const name = exportFileName(target === null ? boardName : target.props.name, t('boardExport.fallbackName'))
    exportBoardImage(editor, { format, frame: target, name }).then(
      (exported) => {
        if (!exported) toasts.show(t('boardExport.empty'))
      },
      (error: unknown) => {
        console.warn('Samskap: the board export failed', error)
        toasts.show(t('boardExport.failed'))
      },
    )
  }

  return (
    <TldrawUiMenuGroup id="samskap-export">
      <ExportItem testId="board-export-png" label={t('boardExport.boardPng')} disabled={empty} onSelect={() => run('png', false)} />
      <ExportItem testId="board-export-svg" label={t('boardExport.boardSvg')} disabled={empty} onSelect={() => run('svg', false)} />
      {frame !== null && (
        <>
          <ExportItem testId="board-export-frame-png" label={t('boardExport.framePng')} onSelect={() => run('png', true)} />
          <ExportItem testId="board-export-frame-svg" label={t('boardExport.frameSvg')} onSelect={() => run('svg', true)} />
        </>
      )}
    </TldrawUiMenuGroup>
  )
}

/** A main-menu item like tldraw's own, with our text and a test id of our choosing. */
function ExportItem({ testId, label, disabled = false, onSelect }: { testId: string; label: string; disabled?: boolean; onSelect(): void }) {
  return (
    <TldrawUiDropdownMenuItem>
      <TldrawUiButton type="menu" data-testid={testId} disabled={disabled} onClick={onSelect}>
        <TldrawUiButtonLabel>{label}</TldrawUiButtonLabel>
      </TldrawUiButton>
    </TldrawUiDropdownMenuItem>
  )
}
