import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { useEffect, useMemo } from 'react'
import {
  atom,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  react,
  Tldraw,
  type Editor,
  type TLComponents,
} from 'tldraw'
import { applyRemoteRecords } from '../board/remoteRecords.ts'
import { boardThemes } from '../board/boardTheme.ts'

const assetUrls = getAssetUrls({ baseUrl: '/tldraw-assets' })
/** A preview is for looking and picking: no menus, no tools but selecting. */
const components: TLComponents = {
  MainMenu: null,
  PageMenu: null,
  Toolbar: null,
  StylePanel: null,
  ActionsMenu: null,
  QuickActions: null,
  HelpMenu: null,
  DebugMenu: null,
  SharePanel: null,
  MenuPanel: null,
}

export interface MomentPreviewProps {
  /** The board's records at the moment shown. */
  records: readonly Record<string, unknown>[]
  licenseKey: string | null
  /** Told which shapes are selected (to restore them). */
  onSelectionChange(shapeIds: string[]): void
  label: string
}

/**
 * A read-only board of a past moment, drawn by tldraw from the records the history gave:
 * nothing on it can change, and nothing reaches the live board; shapes can be selected, to
 * restore just those.
 */
export function MomentPreview({ records, licenseKey, onSelectionChange, label }: MomentPreviewProps) {
  const store = useMemo(() => {
    const created = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      collaboration: { status: null, mode: atom('previewMode', 'readonly' as const) },
    })
    applyRemoteRecords(
      created,
      records.map((record) => [String(record['id']), record] as const),
      [],
    )
    return created
  }, [records])
  useEffect(() => () => store.dispose(), [store])
  const onMount = (editor: Editor) => {
    editor.zoomToFit({ animation: { duration: 0 } })
    return react('preview selection', () => onSelectionChange(editor.getSelectedShapeIds().map(String)))
  }
  return (
    <div className="moment-preview" data-testid="moment-preview" aria-label={label} role="region">
      <Tldraw store={store} licenseKey={licenseKey ?? undefined} assetUrls={assetUrls} components={components} onMount={onMount} themes={boardThemes} />
    </div>
  )
}
