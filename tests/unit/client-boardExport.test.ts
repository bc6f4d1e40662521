// Exporting a board or a frame as an image: which shapes, and the file's name.
import { describe, expect, it } from 'vitest'
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { exportFileName, exportShapeIds, selectedFrame } from '../../client/src/board/boardExport.ts'

/** An editor stand-in with a selection and a page of shapes. */
function editorWith(selected: TLShape | null, pageShapeIds: string[]) {
  return {
    getOnlySelectedShape: () => selected,
    isShapeOfType: (shape: TLShape, type: string) => shape.type === type,
    getCurrentPageShapeIds: () => new Set(pageShapeIds as TLShapeId[]),
  } as unknown as Editor
}

const frame = { id: 'shape:frame' as TLShapeId, type: 'frame', props: { name: 'Interesse og innflytelse' } } as TLShape
const note = { id: 'shape:note' as TLShapeId, type: 'note', props: {} } as TLShape

describe('board export', () => {
  it('offers the frame only when a frame is the whole selection', () => {
    expect(selectedFrame(editorWith(frame, []))).toBe(frame)
    expect(selectedFrame(editorWith(note, []))).toBeNull()
    expect(selectedFrame(editorWith(null, []))).toBeNull()
  })

  it('exports every shape of the page, or the one frame', () => {
    const editor = editorWith(frame, ['shape:frame', 'shape:note'])
    expect(exportShapeIds(editor, null)).toEqual(['shape:frame', 'shape:note'])
    expect(exportShapeIds(editor, selectedFrame(editor))).toEqual(['shape:frame'])
    expect(exportShapeIds(editorWith(null, []), null)).toEqual([])
  })

  it('names the file after the board or frame, without characters file systems refuse', () => {
    expect(exportFileName('Kartlegge aktører – Verksted 1: Kirkenær', 'tavle')).toBe('Kartlegge aktører – Verksted 1 - Kirkenær')
    expect(exportFileName('a/b\\c?*"<>|\u0000d', 'tavle')).toBe('a - b - c - d')
    expect(exportFileName('  ..hidden  ', 'tavle')).toBe('hidden')
    expect(exportFileName('???', 'tavle')).toBe('tavle')
    expect(exportFileName('x'.repeat(300), 'tavle')).toHaveLength(100)
  })
})
