// Layout pieces shared by the templates. Released template versions depend on them, so a change here
// must leave every released version's records unchanged; a new look belongs in a new helper.
import type { TLShapeId } from '@tldraw/tlschema'
import { estimateTextHeight, noteSize, type BoardRecords } from './boardRecords.ts'
import type { Localized, TemplateChallenge, TemplateLanguage } from './types.ts'

/** Space between a frame's edge and its content, and between pieces of content. */
export const pad = 24
export const gap = 24
const textPx = { s: 18, m: 24, l: 36 } as const

export interface FrameContent {
  board: BoardRecords
  frame: TLShapeId
  /** Key prefix for the frame's children. */
  key: string
  /** First free y inside the frame, below the instruction. */
  top: number
  /** Width available inside the frame's padding; content starts at x = pad. */
  width: number
}

/** A text's estimated height for the given size and width. */
export function textHeight(text: string, size: keyof typeof textPx, width: number): number {
  return estimateTextHeight(text, textPx[size], width)
}

/** Challenge title and a line naming municipality and step, above the frames. Returns the y below it. */
export function header(
  board: BoardRecords,
  challenge: TemplateChallenge,
  subtitle: string,
  width: number,
): number {
  board.text({ key: 'header.title', parent: board.pageId, x: 0, y: 0, w: width, text: challenge.title, size: 'l' })
  const subtitleY = textHeight(challenge.title, 'l', width) + 8
  board.text({ key: 'header.subtitle', parent: board.pageId, x: 0, y: subtitleY, w: width, text: subtitle, color: 'grey' })
  return subtitleY + textHeight(subtitle, 's', width) + 64
}

/** The municipality's name as it is written in running text in each language. */
export function municipalityName(municipality: string, language: TemplateLanguage): string {
  const suffix: Localized = { nb: ' kommune', nn: ' kommune', en: ' Municipality' }
  return municipality.trim() === '' ? '' : `${municipality}${suffix[language]}`
}

/**
 * The widest an instruction is from template version 2 on: a phone shows a wide frame from its
 * top-left corner at the least legible zoom (two thirds), and the instruction must fit its screen
 * there (472 × 2/3 + the frame's padding is under 360 CSS px).
 */
export const phoneInstructionWidth = 472

/**
 * A frame with a title and a short instruction; `content` places the children and returns the y below
 * them, and the frame's height follows. Returns the frame's height. `instructionWidth` caps the
 * instruction's width (the frame's inner width when not given).
 */
export function section(
  board: BoardRecords,
  spec: { key: string; x: number; y: number; w: number; title: string; instruction: string; instructionWidth?: number },
  content: (inside: FrameContent) => number,
): number {
  const frame = board.frame({ key: spec.key, x: spec.x, y: spec.y, w: spec.w, h: 1, name: spec.title })
  const width = spec.w - 2 * pad
  const instructionWidth = Math.min(width, spec.instructionWidth ?? width)
  board.text({ key: `${spec.key}.instruction`, parent: frame, x: pad, y: pad, w: instructionWidth, text: spec.instruction })
  const top = pad + textHeight(spec.instruction, 's', instructionWidth) + gap
  const bottom = content({ board, frame, key: spec.key, top, width })
  const h = Math.max(bottom, top) + pad
  board.setFrameHeight(frame, h)
  return h
}

/** Labelled areas for sticky notes in a grid of `columns`. Returns the y below the grid. */
export function areaGrid(
  inside: FrameContent,
  spec: { key: string; labels: readonly string[]; columns: number; areaHeight: number; color?: 'grey' | 'light-blue' | 'light-green' | 'yellow' | 'light-violet' | 'orange' },
): number {
  const columns = Math.max(1, Math.min(spec.columns, spec.labels.length))
  const w = (inside.width - (columns - 1) * gap) / columns
  spec.labels.forEach((label, i) => {
    inside.board.area({
      key: `${inside.key}.${spec.key}.${i}`,
      parent: inside.frame,
      x: pad + (i % columns) * (w + gap),
      y: inside.top + Math.floor(i / columns) * (spec.areaHeight + gap),
      w,
      h: spec.areaHeight,
      text: label,
      color: spec.color,
    })
  })
  const rows = Math.ceil(spec.labels.length / columns)
  return inside.top + rows * spec.areaHeight + Math.max(0, rows - 1) * gap
}

/** Sticky notes in rows that fit the frame's width. Returns the y below them. */
export function noteGrid(
  inside: FrameContent,
  spec: { key: string; texts: readonly string[]; color: 'yellow' | 'light-blue' | 'light-green' | 'orange' | 'light-violet'; fitWords?: boolean },
): number {
  const columns = Math.max(1, Math.floor((inside.width + gap) / (noteSize + gap)))
  let y = inside.top
  for (let start = 0; start < spec.texts.length; start += columns) {
    let rowHeight = 0
    spec.texts.slice(start, start + columns).forEach((text, column) => {
      const id = inside.board.note({
        key: `${inside.key}.${spec.key}.${start + column}`,
        parent: inside.frame,
        x: pad + column * (noteSize + gap),
        y,
        text,
        color: spec.color,
        ...(spec.fitWords === true ? { fitWords: true } : {}),
      })
      rowHeight = Math.max(rowHeight, inside.board.noteHeight(id))
    })
    y += rowHeight + gap
  }
  return spec.texts.length === 0 ? inside.top : y - gap
}

/**
 * A 2 × 2 matrix of labelled quadrants with an arrow label for each axis.
 * `quadrants` are top-left, top-right, bottom-left, bottom-right. Returns the y below it.
 */
export function matrix(
  inside: FrameContent,
  spec: { key: string; quadrants: readonly [string, string, string, string]; upAxis: string; rightAxis: string; cellHeight: number },
): number {
  const { board, frame, key } = inside
  board.text({ key: `${key}.${spec.key}.up`, parent: frame, x: pad, y: inside.top, w: inside.width, text: spec.upAxis, color: 'grey' })
  const gridTop = inside.top + textHeight(spec.upAxis, 's', inside.width) + 8
  const cellW = (inside.width - 8) / 2
  const colors = ['light-green', 'light-blue', 'grey', 'orange'] as const
  spec.quadrants.forEach((label, i) => {
    board.area({
      key: `${key}.${spec.key}.${i}`,
      parent: frame,
      x: pad + (i % 2) * (cellW + 8),
      y: gridTop + Math.floor(i / 2) * (spec.cellHeight + 8),
      w: cellW,
      h: spec.cellHeight,
      text: label,
      color: colors[i],
      dash: 'solid',
    })
  })
  const axisY = gridTop + 2 * spec.cellHeight + 8 + 8
  board.text({ key: `${key}.${spec.key}.right`, parent: frame, x: pad, y: axisY, w: inside.width, text: spec.rightAxis, color: 'grey', align: 'end' })
  return axisY + textHeight(spec.rightAxis, 's', inside.width)
}
