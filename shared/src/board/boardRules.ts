// Who may change what on a board, as one function of a record's value before and after a change.
// The relay applies it to every record an update touches and refuses the update when it says no;
// the browser applies the same function to every change its person makes (tldraw's store side
// effects) before anything is sent, so an honest person never meets a refusal.
import type { TLAsset, TLBinding, TLRecord, TLShape } from '@tldraw/tlschema'
import { UpdateRejection } from '../protocol/messages.ts'
import { parseTemplateShapeId } from '../templates/templateShapeIds.ts'
import { isAllowedEmbed, isOwnUrl, ownAssetUrl, type BoardLinks } from './boardLinks.ts'
import type { BoardMode } from './boardMode.ts'
import { dotVotesMetaKey } from '../schema/dotVoting.ts'
import { changedReactors, isReactionOnlyChange, parseReactions, rawReactionsOf, reactionsOf, sameReactions } from './noteReactions.ts'

/** Who makes a change: their role on the board and, with a session, the person. */
export interface BoardActor {
  role: 'facilitator' | 'participant'
  /**
   * The person behind the change (their tldraw user id is `user:<id>`); null on a free board
   * opened without a session, where names are whatever people choose.
   */
  person: { id: string; name: string; color: string } | null
}

/** What a change is judged against. */
export interface RuleContext {
  actor: BoardActor
  mode: BoardMode
  links: BoardLinks
  /** A record as the board holds it before the change (for a shape's frames and locks). */
  before(id: string): TLRecord | undefined
  /** A record as the board would hold it after the change (for a binding's shapes). */
  after(id: string): TLRecord | undefined
}

/** The meta key naming who created a shape, binding or asset: the person id of its creator. */
export const createdByMetaKey = 'createdBy'

/** The person id that created `record`, or null when nobody is recorded (a template's, or older content). */
export function creatorOf(record: TLRecord): string | null {
  const createdBy = (record.meta as Record<string, unknown> | undefined)?.[createdByMetaKey]
  return typeof createdBy === 'string' ? createdBy : null
}

/** True for a shape a method template built as structure: its frames, areas, titles and instructions (not its notes). */
export function isTemplateStructure(record: TLRecord): boolean {
  return record.typeName === 'shape' && record.type !== 'note' && parseTemplateShapeId(record.id) !== null
}

/** True when a shape, or a shape it sits in, is locked (as tldraw's editor treats it). */
export function isLockedInBoard(shape: TLShape, lookup: (id: string) => TLRecord | undefined): boolean {
  let current: TLRecord | undefined = shape
  for (let depth = 0; current?.typeName === 'shape' && depth < 100; depth++) {
    if (current.isLocked) return true
    current = lookup(current.parentId)
  }
  return false
}

/**
 * Whether the actor may change the record under `key` from `before` to `after` (undefined: it
 * does not exist on that side). Returns null when allowed, else why not. Both values must be
 * valid records of the board's schema already (the relay checks that first).
 *
 * @example refusalOf(context, note.id, undefined, note) // null: anyone who may edit adds a note
 */
export function refusalOf(
  context: RuleContext,
  key: string,
  before: TLRecord | undefined,
  after: TLRecord | undefined,
): UpdateRejection | null {
  const record = after ?? before
  if (record === undefined) return null
  return (
    identityRefusal(context.actor, before, after) ??
    linkRefusal(context.links, before, after) ??
    (before === undefined && after !== undefined && isTemplateStructureId(key) ? UpdateRejection.reservedId : null) ??
    reactionRefusal(context.actor, before, after) ??
    keptVoteRefusal(context.actor, before, after) ??
    (context.actor.role === 'facilitator' ? null : participantRefusal(context, before, after))
  )
}

function isTemplateStructureId(key: string): boolean {
  return parseTemplateShapeId(key) !== null
}

/**
 * Names stay true: everyone writes only their own user record (with their session's name and
 * colour), nobody deletes one, and nobody rewrites who created something. Participants also
 * create in their own name and sign only their own text; facilitators may put back what someone
 * else made (an undo of their deletion keeps its creator).
 */
function identityRefusal(actor: BoardActor, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
  const person = actor.person
  if (after === undefined) return before?.typeName === 'user' ? UpdateRejection.identity : null
  if (after.typeName === 'user') {
    if (person === null) return null
    const own = after.id === `user:${person.id}` && after.name === person.name && after.color === person.color
    return own ? null : UpdateRejection.identity
  }
  const participant = actor.role === 'participant' && person !== null
  if (after.typeName === 'shape' || after.typeName === 'binding' || after.typeName === 'asset') {
    const creator = creatorOf(after)
    if (before !== undefined && creator !== creatorOf(before)) return UpdateRejection.identity
    if (before === undefined && participant && creator !== person.id) return UpdateRejection.identity
  }
  if (after.typeName === 'shape' && after.type === 'note' && participant) {
    const signed = after.props.textLastEditedBy
    const unchanged = before?.typeName === 'shape' && before.type === 'note' && before.props.textLastEditedBy === signed
    if (!unchanged && signed !== null && signed !== person.id) return UpdateRejection.identity
  }
  return null
}

/**
 * A note's reactions (noteReactions.ts) are valid and only on notes, and everyone adds and takes
 * back only their own: a change that gives or takes back anyone else's reaction is refused.
 * Facilitators may put a note back with the reactions it had (an undone deletion). Without a
 * person (a free board without a session) nobody can be told apart, so only validity counts.
 */
function reactionRefusal(actor: BoardActor, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
  if (after === undefined) return null
  const raw = rawReactionsOf(after)
  // Most changes touch no reactions: they leave here without a look at the values (what the board
  // holds was judged when it came).
  if ((raw === undefined && rawReactionsOf(before) === undefined) || (before !== undefined && sameReactions(before, after))) return null
  if (raw !== undefined && !(after.typeName === 'shape' && after.type === 'note')) return UpdateRejection.reaction
  const reactions = parseReactions(after)
  if (reactions === null) return UpdateRejection.reaction
  const person = actor.person
  if (person === null || (before === undefined && actor.role === 'facilitator')) return null
  for (const reactor of changedReactors(reactionsOf(before), reactions)) {
    if (reactor !== person.id) return UpdateRejection.reaction
  }
  return null
}

/**
 * A vote's kept result (`meta.dotVotes`, dotVoting.ts) is the server's, written for the facilitator:
 * nobody changes it, and a participant's new note carries none. A facilitator may put a deleted
 * note back as it was.
 */
function keptVoteRefusal(actor: BoardActor, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
  if (after === undefined) return null
  const kept = keptVotesOf(after)
  if (before === undefined) return kept === undefined || actor.role === 'facilitator' ? null : UpdateRejection.serverOnly
  return kept === keptVotesOf(before) ? null : UpdateRejection.serverOnly
}

/** The dots a note got in a kept vote, as stored (undefined when none was kept). */
export function keptVotesOf(record: TLRecord | undefined): unknown {
  return (record?.meta as Record<string, unknown> | undefined)?.[dotVotesMetaKey]
}

/** Images, videos and link cards load only from our uploads; embeds only from allowed hosts. Checked when the address is set or changed. */
function linkRefusal(links: BoardLinks, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
  if (after === undefined) return null
  const changed = (read: (record: TLRecord) => unknown): boolean => before === undefined || read(before) !== read(after)
  if (after.typeName === 'asset') {
    const asset = after as TLAsset
    if (asset.type === 'bookmark') {
      const { src, image, favicon } = asset.props
      if (changed((r) => (r as TLAsset).props.src) && src !== null && src !== '' && !isOwnUrl(src, links.ownOrigin)) return UpdateRejection.link
      for (const url of [image, favicon]) {
        if (url !== '' && ownAssetUrl(url, links.ownOrigin) === null) return UpdateRejection.link
      }
      return null
    }
    const src = asset.props.src
    if (changed((r) => (r as TLAsset).props.src) && src !== null && ownAssetUrl(src, links.ownOrigin) === null) return UpdateRejection.link
    return null
  }
  if (after.typeName === 'shape') {
    const url = (after.props as { url?: unknown }).url
    if (typeof url !== 'string' || url === '' || !changed((r) => (r as TLShape).props && ((r as TLShape).props as { url?: unknown }).url)) return null
    if (after.type === 'bookmark' && !isOwnUrl(url, links.ownOrigin)) return UpdateRejection.link
    if (after.type === 'embed' && !isAllowedEmbed(url, links)) return UpdateRejection.link
  }
  return null
}

/** What participants may not do: the facilitators' parts of a board, and what the board's mode keeps from them. */
function participantRefusal(context: RuleContext, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
  // Reacting is not editing: on anyone's note, a template's or a locked one, in every mode but frozen
  // (their own reactions only: checked above). Without a person, a reaction is an edit like any other.
  if (context.actor.person !== null && isReactionOnlyChange(before, after)) {
    return context.mode === 'frozen' ? UpdateRejection.frozen : null
  }
  const record = (after ?? before) as TLRecord
  switch (record.typeName) {
    case 'document':
    case 'page':
      return UpdateRejection.facilitatorsOnly
    case 'user':
      // Their own record (checked above) is how their notes are signed, in every mode.
      return null
    case 'shape':
      return shapeRefusal(context, before as TLShape | undefined, after as TLShape | undefined)
    case 'binding':
      return bindingRefusal(context, before as TLBinding | undefined, after as TLBinding | undefined)
    case 'asset':
      return ownedRefusal(context, before)
    default:
      return UpdateRejection.invalidRecord
  }
}

function shapeRefusal(context: RuleContext, before: TLShape | undefined, after: TLShape | undefined): UpdateRejection | null {
  if (context.mode === 'frozen') return UpdateRejection.frozen
  if (before !== undefined) {
    if (isTemplateStructure(before)) return UpdateRejection.template
    if (isLockedInBoard(before, context.before)) return UpdateRejection.locked
  }
  // Locking is how facilitators keep something: participants neither lock nor unlock.
  if ((after?.isLocked ?? false) !== (before?.isLocked ?? false)) return UpdateRejection.facilitatorsOnly
  return ownedRefusal(context, before)
}

/**
 * A binding (an arrow's end on a shape) belongs to whoever drew it; when a shape it connects is
 * deleted, the binding goes with it, whoever drew it.
 */
function bindingRefusal(context: RuleContext, before: TLBinding | undefined, after: TLBinding | undefined): UpdateRejection | null {
  if (context.mode === 'frozen') return UpdateRejection.frozen
  if (after === undefined && before !== undefined) {
    if (context.after(before.fromId) === undefined || context.after(before.toId) === undefined) return null
  }
  return ownedRefusal(context, before)
}

/** In add-only mode, participants change and delete only what they created. */
function ownedRefusal(context: RuleContext, before: TLRecord | undefined): UpdateRejection | null {
  if (context.mode === 'frozen') return UpdateRejection.frozen
  if (context.mode !== 'add-only' || before === undefined) return null
  const person = context.actor.person
  return person !== null && creatorOf(before) === person.id ? null : UpdateRejection.notOwn
}
