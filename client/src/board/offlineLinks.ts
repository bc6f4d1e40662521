import {
  AssetRecordType,
  createShapeId,
  DEFAULT_EMBED_DEFINITIONS,
  defaultHandleExternalEmbedContent,
  EmbedShapeUtil,
  getHashForString,
  type Editor,
  type TLAnyShapeUtilConstructor,
  type TLBookmarkAsset,
  type TLEmbedDefinition,
  type TLRichText,
  type VecLike,
} from 'tldraw'
import { isAllowedEmbed, type BoardLinks } from '../../../shared/src/board/boardLinks.ts'

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
 * A bookmark asset for a link, made from the URL alone. tldraw's default fetches the page
 * for its title and preview image; a board must never make the browser contact another host,
 * so there is no image and no favicon.
 */
export function bookmarkAssetForUrl(url: string): TLBookmarkAsset {
  return AssetRecordType.create({
    id: AssetRecordType.createId(getHashForString(url)),
    type: 'bookmark',
    props: { src: url, title: bookmarkTitle(url), description: '', image: '', favicon: '' },
  }) as TLBookmarkAsset
}

/** A paragraph holding `url` as a link to itself (opened in a new tab, telling the other site nothing). */
export function linkRichText(url: string): TLRichText {
  const link = { type: 'link', attrs: { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: url, marks: [link] }] }] }
}

/** Puts a pasted or dropped address on the board as text that links to it. */
function putLinkText(editor: Editor, url: string, point: VecLike | undefined): void {
  const at = point ?? editor.getViewportPageBounds().center
  const id = createShapeId()
  editor.run(() => {
    editor.markHistoryStoppingPoint('paste link')
    editor.createShape({ id, type: 'text', x: at.x, y: at.y, props: { richText: linkRichText(url) } })
    editor.select(id)
  })
}

/**
 * Links pasted or dropped on a board: an address of an allowed embed host becomes that embed;
 * anything else becomes text linking to it. No link card is made from another site (it would
 * show that site's name and let the board point at it for every browser), and nothing is
 * fetched. The same rule holds in the relay, which refuses link cards and embeds of other hosts.
 */
export function registerLinkHandling(editor: Editor, links: BoardLinks): void {
  editor.registerExternalAssetHandler('url', ({ url }) => Promise.resolve(bookmarkAssetForUrl(url)))
  editor.registerExternalContentHandler('url', ({ url, point }) => {
    const embed = isAllowedEmbed(url, links) ? editor.getShapeUtil<EmbedShapeUtil>('embed').getEmbedDefinition(url) : undefined
    if (embed !== undefined) return editor.putExternalContent({ type: 'embed', url: embed.url, point, embed: embed.definition })
    putLinkText(editor, url, point)
  })
  // Pasted iframes and the "Insert embed" dialog come here.
  editor.registerExternalContentHandler('embed', (content) => {
    if (isAllowedEmbed(content.url, links)) return defaultHandleExternalEmbedContent(editor, content)
    putLinkText(editor, content.url, content.point)
  })
}

/** tldraw's embed definitions for sites on the allowed hosts (a bare or `www.` host both count). */
export function allowedEmbedDefinitions(embedHosts: readonly string[]): TLEmbedDefinition[] {
  const bare = (host: string) => host.replace(/^www\./, '')
  const allowed = new Set(embedHosts.map(bare))
  return DEFAULT_EMBED_DEFINITIONS.filter((definition) => definition.hostnames.some((host) => allowed.has(bare(host))))
}

/**
 * Shape utils that replace tldraw's defaults on a board: embeds know only the sites of the
 * allowed hosts, so a pasted link to any other becomes text instead of another host's iframe.
 */
export function boardShapeUtils(embedHosts: readonly string[]): readonly TLAnyShapeUtilConstructor[] {
  return [EmbedShapeUtil.configure({ embedDefinitions: allowedEmbedDefinitions(embedHosts) })]
}
