// Builds the tldraw records of a template board: stable ids, per-parent fractional indices,
// rich text as TipTap JSON, and size estimates so that shapes fit inside their frames.
import {
  PageRecordType,
  toRichText,
  type TLDefaultColorStyle,
  type TLDefaultFillStyle,
  type TLDefaultHorizontalAlignStyle,
  type TLDefaultSizeStyle,
  type TLDefaultTextAlignStyle,
  type TLDefaultVerticalAlignStyle,
  type TLFrameShape,
  type TLGeoShape,
  type TLNoteShape,
  type TLPage,
  type TLPageId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { templateShapeId } from './templateShapeIds.ts'

/** tldraw's text sizes in px (FONT_SIZES for text shapes, LABEL_FONT_SIZES for notes and geo labels). */
const textFontPx: Readonly<Record<TLDefaultSizeStyle, number>> = { s: 18, m: 24, l: 36, xl: 44 }
const labelFontPx: Readonly<Record<TLDefaultSizeStyle, number>> = { s: 18, m: 22, l: 26, xl: 32 }
const lineHeight = 1.35
/** Wider than the average glyph of tldraw's sans font, so estimates err on the tall side. */
const charWidthPerPx = 0.6
/** A note is a 200 × 200 square before it grows; its label has tldraw's 16 px padding. */
export const noteSize = 200
const labelPadding = 16

/** A parent a shape can be placed in: the page or a frame. */
export type ShapeParent = TLPageId | TLShapeId

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Height that text of this font size needs when wrapped to `width` (an over-estimate, never under). */
export function estimateTextHeight(text: string, fontPx: number, width: number): number {
  const charsPerLine = Math.max(1, Math.floor(width / (fontPx * charWidthPerPx)))
  const lines = text.split('\n').reduce((sum, line) => sum + wrappedLineCount(line, charsPerLine), 0)
  return Math.ceil(lines * fontPx * lineHeight)
}

/** Lines a paragraph takes with greedy word wrapping; a word longer than a line is broken. */
function wrappedLineCount(paragraph: string, charsPerLine: number): number {
  let lines = 1
  let column = 0
  for (const word of paragraph.split(' ')) {
    const needed = column === 0 ? word.length : column + 1 + word.length
    if (needed <= charsPerLine) {
      column = needed
      continue
    }
    if (column > 0) lines += 1
    lines += Math.floor(Math.max(0, word.length - 1) / charsPerLine)
    column = word.length % charsPerLine || charsPerLine
  }
  return lines
}

/** The factor (at most 1, two decimals) that makes a note's longest word fit its label's width at `fontPx`. */
function wordFittingAdjustment(text: string, fontPx: number): number {
  const longest = Math.max(0, ...text.split(/\s+/).map((word) => word.length))
  const fits = (noteSize - 2 * labelPadding) / (longest * fontPx * charWidthPerPx)
  return Math.min(1, Math.floor(fits * 100) / 100)
}

/** The plain text of a rich-text document, one line per paragraph. */
export function plainText(richText: TLNoteShape['props']['richText']): string {
  return richText.content
    .map((paragraph) => {
      const content = (paragraph as { content?: { text?: string }[] }).content ?? []
      return content.map((node) => node.text ?? '').join('')
    })
    .join('\n')
}

/** The box a shape occupies in its parent's coordinates (text height is estimated, as tldraw measures it in a browser). */
export function shapeBox(shape: TLShape): Box {
  switch (shape.type) {
    case 'frame':
    case 'geo': {
      const props = (shape as TLFrameShape | TLGeoShape).props
      const growY = 'growY' in props ? props.growY : 0
      return { x: shape.x, y: shape.y, w: props.w, h: props.h + growY }
    }
    case 'note': {
      const { props } = shape as TLNoteShape
      return { x: shape.x, y: shape.y, w: noteSize * props.scale, h: (noteSize + props.growY) * props.scale }
    }
    case 'text': {
      const { props } = shape as TLTextShape
      const h = estimateTextHeight(plainText(props.richText), textFontPx[props.size], props.w)
      return { x: shape.x, y: shape.y, w: props.w * props.scale, h: h * props.scale }
    }
    default:
      throw new Error(`Template boards do not use ${shape.type} shapes`)
  }
}

interface Placement {
  key: string
  parent: ShapeParent
  x: number
  y: number
}

/**
 * Collects the records of one template board. Ids come from template id, version and a local key,
 * so building the same version twice gives identical records.
 */
export class BoardRecords {
  readonly pageId: TLPageId
  private readonly idPrefix: string
  private readonly templateId: string
  private readonly version: number
  private readonly page: TLPage
  private readonly shapes: TLShape[] = []
  private readonly lastIndex = new Map<string, IndexKey>()

  constructor(templateId: string, version: number, pageName: string) {
    this.idPrefix = `${templateId}.v${version}`
    this.templateId = templateId
    this.version = version
    this.pageId = PageRecordType.createId(this.idPrefix)
    this.page = PageRecordType.create({ id: this.pageId, name: pageName, index: 'a1' as IndexKey, meta: {} })
  }

  /** The page first, then shapes in the order they were added (parents before children). */
  records(): TLRecord[] {
    return [this.page, ...this.shapes]
  }

  frame(placement: Omit<Placement, 'parent'> & { w: number; h: number; name: string }): TLShapeId {
    return this.add<TLFrameShape>(
      { ...placement, parent: this.pageId },
      { type: 'frame', props: { w: placement.w, h: placement.h, name: placement.name, color: 'black' } },
    )
  }

  text(
    placement: Placement & {
      w: number
      text: string
      size?: TLDefaultSizeStyle
      align?: TLDefaultTextAlignStyle
      color?: TLDefaultColorStyle
    },
  ): TLShapeId {
    return this.add<TLTextShape>(placement, {
      type: 'text',
      props: {
        color: placement.color ?? 'black',
        size: placement.size ?? 's',
        font: 'sans',
        textAlign: placement.align ?? 'start',
        w: placement.w,
        richText: toRichText(placement.text),
        scale: 1,
        autoSize: false,
      },
    })
  }

  /**
   * A sticky note; it is made taller than 200 px when its text needs the room. With `fitWords`, its
   * text is made smaller (as tldraw does for notes people write) until its longest word fits on a line,
   * so that no word is broken in two.
   */
  note(placement: Placement & { text: string; color?: TLDefaultColorStyle; size?: TLDefaultSizeStyle; fitWords?: boolean }): TLShapeId {
    const size = placement.size ?? 's'
    const fontSizeAdjustment = placement.fitWords === true ? wordFittingAdjustment(placement.text, labelFontPx[size]) : 1
    const fontPx = labelFontPx[size] * fontSizeAdjustment
    const textHeight = estimateTextHeight(placement.text, fontPx, noteSize - 2 * labelPadding)
    return this.add<TLNoteShape>(placement, {
      type: 'note',
      props: {
        color: placement.color ?? 'yellow',
        labelColor: 'black',
        size,
        font: 'sans',
        fontSizeAdjustment,
        align: 'middle',
        verticalAlign: 'middle',
        growY: Math.max(0, textHeight + 2 * labelPadding - noteSize),
        url: '',
        richText: toRichText(placement.text),
        scale: 1,
        textLastEditedBy: null,
      },
    })
  }

  /** A labelled area (a geo shape, rectangle by default) that sticky notes are placed on. */
  area(
    placement: Placement & {
      w: number
      h: number
      text: string
      geo?: TLGeoShape['props']['geo']
      color?: TLDefaultColorStyle
      fill?: TLDefaultFillStyle
      size?: TLDefaultSizeStyle
      align?: TLDefaultHorizontalAlignStyle
      verticalAlign?: TLDefaultVerticalAlignStyle
      dash?: TLGeoShape['props']['dash']
    },
  ): TLShapeId {
    return this.add<TLGeoShape>(placement, {
      type: 'geo',
      props: {
        geo: placement.geo ?? 'rectangle',
        dash: placement.dash ?? 'dashed',
        url: '',
        w: placement.w,
        h: placement.h,
        growY: 0,
        scale: 1,
        flipX: false,
        flipY: false,
        labelColor: 'black',
        color: placement.color ?? 'grey',
        fill: placement.fill ?? 'semi',
        size: placement.size ?? 's',
        font: 'sans',
        align: placement.align ?? 'start',
        verticalAlign: placement.verticalAlign ?? 'start',
        richText: toRichText(placement.text),
      },
    })
  }

  /** A note's height including the room it grew for its text. */
  noteHeight(id: TLShapeId): number {
    const note = this.shapes.find((shape): shape is TLNoteShape => shape.id === id && shape.type === 'note')
    if (!note) throw new Error(`No note ${id} on this board`)
    return (noteSize + note.props.growY) * note.props.scale
  }

  /** Sets a frame's height once its content is placed (children are added after their frame). */
  setFrameHeight(id: TLShapeId, h: number): void {
    const frame = this.shapes.find((shape): shape is TLFrameShape => shape.id === id && shape.type === 'frame')
    if (!frame) throw new Error(`No frame ${id} on this board`)
    frame.props = { ...frame.props, h }
  }

  private add<S extends TLShape>(placement: Placement, shape: Pick<S, 'type' | 'props'>): TLShapeId {
    const id = templateShapeId(this.templateId, this.version, placement.key)
    if (this.shapes.some((existing) => existing.id === id)) {
      throw new Error(`Template ${this.idPrefix} uses the shape key "${placement.key}" twice`)
    }
    const index = getIndexAbove(this.lastIndex.get(placement.parent) ?? null)
    this.lastIndex.set(placement.parent, index)
    this.shapes.push({
      id,
      typeName: 'shape',
      parentId: placement.parent,
      index,
      x: placement.x,
      y: placement.y,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      meta: {},
      ...shape,
    } as TLShape)
    return id
  }
}
