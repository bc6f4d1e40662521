import { computed, react, type Editor, type TLUserId } from 'tldraw'
import type { Camera } from '../../../shared/src/schema/facilitation.ts'
import type { GuidedBoard } from '../workshop/RoomGuide.ts'

/**
 * tldraw's editor as the room guide moves it: following a presenter's viewport (by their
 * presence, whose user id the relay stamps as `user:<facilitator id>`), and placing the camera
 * where a facilitator asked everyone to look.
 */
export class BoardFollower implements GuidedBoard {
  private readonly editor: Editor

  constructor(editor: Editor) {
    this.editor = editor
  }

  follow(userId: string): boolean {
    if (!this.isPresent(userId)) return false
    this.editor.startFollowingUser(userId as TLUserId)
    return this.followedUser() === userId
  }

  unfollow(): void {
    if (this.followedUser() !== null) this.editor.stopFollowingUser()
  }

  followedUser(): string | null {
    return this.editor.getInstanceState().followingUserId
  }

  isPresent(userId: string): boolean {
    return this.editor.getCollaborators().some((presence) => presence.userId === userId)
  }

  camera(): Camera {
    const { x, y, z } = this.editor.getCamera()
    const { w, h } = this.editor.getViewportPageBounds()
    return { x, y, z, w, h }
  }

  /** Shows the page area the camera showed (fitted to this screen), or, without its size, the same camera. */
  setCamera(camera: Camera): void {
    const animation = { duration: 300 }
    const { x, y, z, w, h } = camera
    // The top-left of the area a camera shows is its offset, negated.
    if (w !== undefined && h !== undefined) this.editor.zoomToBounds({ x: -x, y: -y, w, h }, { inset: 0, animation })
    else this.editor.setCamera({ x, y, z }, { animation })
  }

  subscribe(listener: () => void): () => void {
    // Who is here, not where their cursors are: presence changes with every move of a pointer.
    const $present = computed('board follower: present users', () =>
      this.editor
        .getCollaborators()
        .map((presence) => presence.userId)
        .join('\n'),
    )
    let first = true
    return react('board follower', () => {
      // Read to depend on them: the reaction runs again when either changes.
      void $present.get()
      void this.editor.getInstanceState().followingUserId
      if (first) first = false
      // Outside the reaction: the listener may start or stop following, which writes to the store.
      else queueMicrotask(listener)
    })
  }
}
