// The contract for what reading a board gives, without a browser. The
// reader (readBoard.ts) fills these from a board's Y.Doc (or its stored
// snapshot and updates); the description drafter and the tests consume them.
import type { NoteReaction } from './noteReactions.ts'

/** A rectangle in page coordinates. */
export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

/** What kind of content an item is. */
export type BoardItemKind = 'note' | 'text' | 'geo' | 'arrow' | 'other'

/** One piece of content people put on a board (or a template note they may have moved). */
export interface BoardItem {
  /** The tldraw shape id, e.g. 'shape:abc'. Internal: never shown in exports. */
  id: string
  kind: BoardItemKind
  /** Plain text, line breaks and list items kept (one per line, "- " / "1. " for lists). */
  text: string
  /** The same as Markdown (emphasis, links and lists kept; Markdown in the text itself escaped). */
  markdown: string
  /** tldraw colour name, e.g. 'yellow'. */
  color: string | null
  /** The item's bounds and centre on the page. */
  bounds: PageBox
  /**
   * The template area the item's centre lies in, innermost first: the area's
   * template key (its shape id without the `shape:<templateId>.v<version>.`
   * prefix), e.g. 'grid.cell.1' for a stakeholder-grid quadrant. Empty when
   * the item lies in no template area.
   */
  areaKeys: string[]
  /** The frame (template key or, for a frame people made, its shape id) the item lies in, or null. */
  frameKey: string | null
  /** The tldraw group it belongs to (items grouped together by people), or null. */
  groupId: string | null
  /** True for a note the template put there (e.g. a stakeholder group); people may have moved or edited it. */
  fromTemplate: boolean
  /** The tldraw user id that last edited the text (`textLastEditedBy`), or null when not recorded. */
  authorId: string | null
  /** That user's display name from the board's user records, or null. Personal data: exports leave it out by default. */
  authorName: string | null
  /**
   * How many people gave the note each reaction (noteReactions.ts), leaving out those nobody gave,
   * e.g. `{ like: 3, idea: 1 }`; empty for items that are not notes. Who reacted is not read.
   */
  reactions: Partial<Record<NoteReaction, number>>
  /** The dots the note got in a dot vote whose result the facilitator kept on the board; null when none was kept. */
  keptVotes: number | null
}

/** A frame on the board with its content. */
export interface FrameReading {
  /** Template key (e.g. 'grid') for a template frame, else the frame's shape id. */
  key: string
  /** The frame's title as shown on the board. */
  name: string
  bounds: PageBox
  /** Items whose centre lies in this frame, top-to-bottom then left-to-right. */
  items: BoardItem[]
}

/** A template area (a labelled rectangle or ellipse the template drew for people to put notes in). */
export interface AreaReading {
  key: string
  /** The label written in the area, e.g. "Stor innflytelse, stor interesse:\nSamarbeid tett". */
  label: string
  frameKey: string | null
  bounds: PageBox
}

/** Everything a board says, in reading order. */
export interface BoardReading {
  /** The template the board was built from, read from its shape ids, or null for a free board. */
  template: { id: string; version: number } | null
  frames: FrameReading[]
  areas: AreaReading[]
  /** Items outside every frame. */
  loose: BoardItem[]
}
