import type { ClaimedClient } from '../cluster/clusterBus.ts'
import type { ClientClaim } from '../store/BoardStore.ts'
import type { Room } from './room.ts'
import type { CommitEntry } from './roomTypes.ts'

/**
 * Hands each room its entries of a committed batch, keeping their order, with the client ids
 * claimed in it for its board. `roomOf` finds the room of a board whose batch held only claims.
 */
export function deliverCommits(
  entries: readonly CommitEntry[],
  seqs: readonly number[],
  claims: readonly ClientClaim[] = [],
  roomOf: (boardId: string) => Room | null = () => null,
): void {
  const perRoom = new Map<Room, { entries: CommitEntry[]; seqs: number[]; claims: ClaimedClient[] }>()
  const groupOf = (room: Room) => {
    let group = perRoom.get(room)
    if (group === undefined) {
      group = { entries: [], seqs: [], claims: [] }
      perRoom.set(room, group)
    }
    return group
  }
  entries.forEach((entry, index) => {
    const group = groupOf(entry.room)
    group.entries.push(entry)
    group.seqs.push(seqs[index] ?? 0)
  })
  for (const { boardId, clientId, owner } of claims) {
    const room = entries.find((entry) => entry.boardId === boardId)?.room ?? roomOf(boardId)
    if (room !== null) groupOf(room).claims.push({ clientId, owner })
  }
  for (const [room, group] of perRoom) room.committed(group.entries, group.seqs, group.claims)
}
