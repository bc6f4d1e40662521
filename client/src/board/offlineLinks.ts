import {
  AssetRecordType,
  EmbedShapeUtil,
  getHashForString,
  type Editor,
  type TLBookmarkAsset,
  type TLAnyShapeUtilConstructor,
} from 'tldraw'

/**
 * The title a link card shows: the URL's host and path (`www.example.com/plan`),
 * or the URL itself when it does not parse.
 */
export function bookmarkTitle(url: string): string {
  try {
    const { host, pathname } = new URL(url)
    return pathname === '/' ? host : host + pathname
  } catch {
    return url
  }
}

/**
 * A bookmark asset for a pasted or dropped link, made from the URL alone. tldraw's
 * default fetches the page for its title and preview image; a board must never
 * make the browser contact another host, so there is no image and no favicon.
 */
export function bookmarkAssetForUrl(url: string): TLBookmarkAsset {
  return AssetRecordType.create({
    id: AssetRecordType.createId(getHashForString(url)),
    type: 'bookmark',
    props: { src: url, title: bookmarkTitle(url), description: '', image: '', favicon: '' },
  }) as TLBookmarkAsset
}

/** Makes links become plain bookmark cards without fetching anything (see {@link bookmarkAssetForUrl}). */
export function registerOfflineLinkHandling(editor: Editor): void {
  editor.registerExternalAssetHandler('url', ({ url }) => Promise.resolve(bookmarkAssetForUrl(url)))
}

/**
 * Shape utils that replace tldraw's defaults on a board: embeds know no sites, so a
 * pasted YouTube or Figma link becomes a bookmark card instead of another host's iframe.
 */
export const boardShapeUtils: readonly TLAnyShapeUtilConstructor[] = [
  EmbedShapeUtil.configure({ embedDefinitions: [] }),
]
