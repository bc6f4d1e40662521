// Reads a board without a browser: its frames, the template's areas, and what people wrote, in
// page coordinates and reading order. The server (drafting, exports) and the tests use it.
import { toRichText, type TLRecord, type TLRichText, type TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { noteSize, shapeBox, type Box } from '../templates/boardRecords.ts'
import { parseTemplateShapeId } from '../templates/templateShapeIds.ts'
import { readBoardRecords } from './boardDoc.ts'
import { keptDotsOf } from './noteVotes.ts'
import { reactionCounts } from './noteReactions.ts'
import type { AreaReading, BoardItem, BoardItemKind, BoardReading, FrameReading, PageBox } from './boardReading.ts'
import { richTextToMarkdown, richTextToPlain } from './richText.ts'

/** Items whose tops differ by less than this read as one row (about half a note). */
const rowTolerance = noteSize / 2

/** Where a shape's own origin lies on the page and how far it is turned (radians). */
interface Placement {
  x: number
  y: number
  rotation: number
}

/** A shape with everything the reader needs worked out once. */
interface Placed {
  shape: TLShape
  /** The page (top-level parent) it is on; containment is only checked within one page. */
  pageId: string
  placement: Placement
  /** Size in the shape's own coordinates, with the offset of its geometry from its origin (arrows). */
  local: Box
  bounds: PageBox
  centre: { x: number; y: number }
  template: { id: string; version: number; key: string } | null
}

/**
 * Everything a board says: frames with their items, the template's areas, and items outside every frame.
 * @example readBoard(loadedDoc).frames.find((frame) => frame.key === 'grid')?.items
 */
export function readBoard(source: Y.Doc | readonly TLRecord[]): BoardReading {
  const records = Array.isArray(source) ? (source as readonly TLRecord[]) : [...readBoardRecords(source as Y.Doc).values()]
  const byId = new Map<string, TLRecord>(records.map((record) => [record.id, record]))
  const shapes = records.filter((record): record is TLShape => record.typeName === 'shape')
  const placed = new Map<string, Placed>()
  for (const shape of shapes) place(shape, byId, placed, new Set())
  const all = [...placed.values()]
  const inReadingOrder = readingOrder(records)

  const frames = all.filter((entry) => entry.shape.type === 'frame')
  const areaShapes = all.filter((entry) => entry.shape.type === 'geo' && entry.template !== null)
  const frameOf = (entry: Placed): Placed | null => innermost(frames.filter((frame) => frame !== entry && contains(frame, entry)))
  const frameKeyOf = (frame: Placed | null): string | null => (frame ? (frame.template?.key ?? frame.shape.id) : null)

  const areas: AreaReading[] = inReadingOrder(areaShapes).map((area) => ({
    key: area.template?.key ?? area.shape.id,
    label: richTextToPlain(richTextOf(area.shape)),
    frameKey: frameKeyOf(frameOf(area)),
    bounds: area.bounds,
  }))

  const itemsByFrame = new Map<Placed | null, BoardItem[]>()
  for (const entry of inReadingOrder(all)) {
    const frame = frameOf(entry)
    const item = readItem(entry, byId, frameKeyOf(frame), areaShapes)
    if (!item) continue
    const list = itemsByFrame.get(frame) ?? []
    list.push(item)
    itemsByFrame.set(frame, list)
  }

  return {
    template: boardTemplate(all),
    frames: inReadingOrder(frames).map(
      (frame): FrameReading => ({
        key: frameKeyOf(frame) as string,
        name: stringProp(frame.shape, 'name') ?? '',
        bounds: frame.bounds,
        items: itemsByFrame.get(frame) ?? [],
      }),
    ),
    areas,
    loose: itemsByFrame.get(null) ?? [],
  }
}

/** Works out a shape's page placement after its parents'; a broken parent chain or a cycle leaves it on the page. */
function place(shape: TLShape, byId: Map<string, TLRecord>, placed: Map<string, Placed>, visiting: Set<string>): Placed {
  const known = placed.get(shape.id)
  if (known) return known
  visiting.add(shape.id)
  const parent = byId.get(shape.parentId)
  const parentPlaced =
    parent?.typeName === 'shape' && !visiting.has(parent.id) ? place(parent as TLShape, byId, placed, visiting) : null
  const origin = parentPlaced?.placement ?? { x: 0, y: 0, rotation: 0 }
  const cos = Math.cos(origin.rotation)
  const sin = Math.sin(origin.rotation)
  const x = finite(shape.x)
  const y = finite(shape.y)
  const placement = { x: origin.x + cos * x - sin * y, y: origin.y + sin * x + cos * y, rotation: origin.rotation + finite(shape.rotation) }
  const local = localBox(shape)
  const corners = [
    [local.x, local.y],
    [local.x + local.w, local.y],
    [local.x, local.y + local.h],
    [local.x + local.w, local.y + local.h],
  ].map(([cx = 0, cy = 0]) => toPage(placement, cx, cy))
  const xs = corners.map((corner) => corner.x)
  const ys = corners.map((corner) => corner.y)
  // Rounded so that a quarter turn reports 400, not 400.00000000000006; containment uses the exact centre.
  const round = (value: number): number => Math.round(value * 1000) / 1000
  const [left, top] = [Math.min(...xs), Math.min(...ys)]
  const bounds = { x: round(left), y: round(top), w: round(Math.max(...xs) - left), h: round(Math.max(...ys) - top) }
  const fromTemplate = parseTemplateShapeId(shape.id)
  const entry: Placed = {
    shape,
    pageId: parentPlaced?.pageId ?? shape.parentId,
    placement,
    local,
    bounds,
    centre: toPage(placement, local.x + local.w / 2, local.y + local.h / 2),
    template: fromTemplate && { id: fromTemplate.templateId, version: fromTemplate.version, key: fromTemplate.key },
  }
  placed.set(shape.id, entry)
  visiting.delete(shape.id)
  return entry
}

/** A shape's extent in its own coordinates: the templates' sizes where they apply, else props w/h, else a point. */
function localBox(shape: TLShape): Box {
  const props = shape.props as Record<string, unknown>
  if (shape.type === 'arrow') {
    const start = props.start as { x?: unknown; y?: unknown } | undefined
    const end = props.end as { x?: unknown; y?: unknown } | undefined
    const [x1, y1, x2, y2] = [start?.x, start?.y, end?.x, end?.y].map(finite) as [number, number, number, number]
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) }
  }
  if (['frame', 'geo', 'note', 'text'].includes(shape.type)) {
    try {
      const box = shapeBox(shape)
      if ([box.w, box.h].every(Number.isFinite)) return { x: 0, y: 0, w: box.w, h: box.h }
    } catch {
      // A record from an older or broken client: fall back to its props below.
    }
  }
  return { x: 0, y: 0, w: Math.max(0, finite(props.w)), h: Math.max(0, finite(props.h)) }
}

function toPage(placement: Placement, x: number, y: number): { x: number; y: number } {
  const cos = Math.cos(placement.rotation)
  const sin = Math.sin(placement.rotation)
  return { x: placement.x + cos * x - sin * y, y: placement.y + sin * x + cos * y }
}

/** Whether `inner`'s centre lies inside `outer`'s shape (an ellipse for ellipse areas), on the same page. */
function contains(outer: Placed, inner: Placed): boolean {
  if (outer.pageId !== inner.pageId) return false
  // The centre in the outer shape's own coordinates, so a turned frame still holds what lies in it.
  const dx = inner.centre.x - outer.placement.x
  const dy = inner.centre.y - outer.placement.y
  const cos = Math.cos(-outer.placement.rotation)
  const sin = Math.sin(-outer.placement.rotation)
  const x = cos * dx - sin * dy - outer.local.x
  const y = sin * dx + cos * dy - outer.local.y
  const { w, h } = outer.local
  if (x < 0 || y < 0 || x > w || y > h) return false
  if (outer.shape.type === 'geo' && (outer.shape.props as { geo?: unknown }).geo === 'ellipse' && w > 0 && h > 0) {
    return ((x - w / 2) / (w / 2)) ** 2 + ((y - h / 2) / (h / 2)) ** 2 <= 1
  }
  return true
}

/** The smallest of the shapes (the innermost, when they are nested), or null. */
function innermost(candidates: readonly Placed[]): Placed | null {
  return bySize(candidates)[0] ?? null
}

function bySize(candidates: readonly Placed[]): Placed[] {
  return [...candidates].sort((a, b) => a.local.w * a.local.h - b.local.w * b.local.h || compareIds(a, b))
}

/** Sorts pages in their order, then rows top to bottom (tops within `rowTolerance` share a row), then left to right. */
function readingOrder(records: readonly TLRecord[]): (entries: readonly Placed[]) => Placed[] {
  const pages = records
    .filter((record) => record.typeName === 'page')
    .map((page) => ({ id: page.id, index: String((page as { index?: unknown }).index ?? '') }))
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  const rank = new Map<string, number>(pages.map((page, i) => [page.id, i]))
  const pageOf = (entry: Placed): number => rank.get(entry.pageId) ?? pages.length
  return (entries) => inRows([...entries].sort((a, b) => pageOf(a) - pageOf(b) || a.bounds.y - b.bounds.y || compareIds(a, b)))
}

function inRows(sorted: readonly Placed[]): Placed[] {
  const rows: Placed[][] = []
  for (const entry of sorted) {
    const row = rows.at(-1)
    const first = row?.[0]
    if (row && first && first.pageId === entry.pageId && entry.bounds.y - first.bounds.y <= rowTolerance) row.push(entry)
    else rows.push([entry])
  }
  return rows.flatMap((row) => row.sort((a, b) => a.bounds.x - b.bounds.x || compareIds(a, b)))
}

function compareIds(a: Placed, b: Placed): number {
  return a.shape.id < b.shape.id ? -1 : a.shape.id > b.shape.id ? 1 : 0
}

/** The item a shape is, or null for template structure, shapes without text and empty notes. */
function readItem(
  entry: Placed,
  byId: Map<string, TLRecord>,
  frameKey: string | null,
  areaShapes: readonly Placed[],
): BoardItem | null {
  const { shape } = entry
  const kind = itemKind(entry)
  if (kind === null) return null
  const richText = richTextOf(shape)
  const text = richTextToPlain(richText)
  if (text.trim() === '') return null
  const authorId = stringProp(shape, 'textLastEditedBy')
  return {
    id: shape.id,
    kind,
    text,
    markdown: richTextToMarkdown(richText),
    color: stringProp(shape, 'color'),
    bounds: entry.bounds,
    areaKeys: bySize(areaShapes.filter((area) => contains(area, entry))).map((area) => area.template?.key ?? area.shape.id),
    frameKey,
    groupId: groupOf(entry, byId),
    fromTemplate: entry.template !== null,
    authorId,
    authorName: authorId === null ? null : userName(authorId, byId),
    reactions: kind === 'note' ? reactionCounts(shape) : {},
    keptVotes: kind === 'note' ? keptDotsOf(shape) : null,
  }
}

/** Notes always count (template ones too: people edit and move them); other template shapes are structure. */
function itemKind(entry: Placed): BoardItemKind | null {
  const type = entry.shape.type
  if (type === 'note') return 'note'
  if (entry.template !== null || type === 'frame' || type === 'group') return null
  if (type === 'text' || type === 'geo' || type === 'arrow') return type
  return 'other'
}

/** A shape's rich text; shapes with only a plain `text` prop (older or custom shapes) are read as such. */
function richTextOf(shape: TLShape): TLRichText | null {
  const props = shape.props as { richText?: TLRichText; text?: unknown }
  if (props.richText && typeof props.richText === 'object') return props.richText
  return typeof props.text === 'string' ? toRichText(props.text) : null
}

function groupOf(entry: Placed, byId: Map<string, TLRecord>): string | null {
  const seen = new Set<string>()
  let parent = byId.get(entry.shape.parentId)
  while (parent?.typeName === 'shape' && !seen.has(parent.id)) {
    if ((parent as TLShape).type === 'group') return parent.id
    seen.add(parent.id)
    parent = byId.get((parent as TLShape).parentId)
  }
  return null
}

/** The display name tldraw shows for an author: the user record `user:<id>` kept in the document. */
function userName(authorId: string, byId: Map<string, TLRecord>): string | null {
  const user = byId.get(authorId.startsWith('user:') ? authorId : `user:${authorId}`)
  const name = user?.typeName === 'user' ? (user as { name?: unknown }).name : null
  return typeof name === 'string' && name.trim() !== '' ? name : null
}

/** The template most of the board's shapes come from (a board is built from one), or null for a free board. */
function boardTemplate(all: readonly Placed[]): BoardReading['template'] {
  const counts = new Map<string, { id: string; version: number; count: number }>()
  for (const { template } of all) {
    if (!template) continue
    const key = `${template.id}.v${template.version}`
    const entry = counts.get(key) ?? { id: template.id, version: template.version, count: 0 }
    entry.count += 1
    counts.set(key, entry)
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0]
  return best ? { id: best.id, version: best.version } : null
}

function stringProp(shape: TLShape, name: string): string | null {
  const value = (shape.props as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : null
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}
