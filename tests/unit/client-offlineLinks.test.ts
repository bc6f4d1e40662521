// Nothing on a board makes the browser contact another host: links become bookmark cards
// made from the URL alone, and only our own asset URLs are resolved for display.
import { describe, expect, it } from 'vitest'
import { AssetRecordType, type TLImageAsset } from 'tldraw'
import { createBoardAssetStore } from '../../client/src/board/assetStore.ts'
import { ownAssetUrl, uploadIds } from '../../shared/src/board/boardLinks.ts'
import { bookmarkAssetForUrl, bookmarkTitle } from '../../client/src/board/offlineLinks.ts'
import { newStore } from './binding-fixtures.ts'

const origin = 'https://samskap.example'

describe('bookmarkAssetForUrl', () => {
  it('makes a valid bookmark asset titled with host and path, with no image or favicon', () => {
    const asset = bookmarkAssetForUrl('https://www.example.com/plan?utkast=2')
    expect(asset.props).toEqual({
      src: 'https://www.example.com/plan?utkast=2',
      title: 'www.example.com/plan',
      description: '',
      image: '',
      favicon: '',
    })
    // The store validates it as tldraw's own handler's assets are validated.
    const store = newStore()
    store.put([asset])
    expect(store.get(asset.id)).toEqual(asset)
    expect(bookmarkAssetForUrl('https://www.example.com/plan?utkast=2').id).toBe(asset.id)
  })

  it('titles a bare host without a trailing slash, and keeps an unparsable URL as it is', () => {
    expect(bookmarkTitle('https://kommune.example/')).toBe('kommune.example')
    expect(bookmarkTitle('ikke en lenke')).toBe('ikke en lenke')
  })
})

describe('asset URLs from the board', () => {
  it('resolves only /api/assets/… on our own origin', () => {
    expect(ownAssetUrl('/api/assets/abc123', origin)).toBe('/api/assets/abc123')
    expect(ownAssetUrl(`${origin}/api/assets/abc123`, origin)).toBe(`${origin}/api/assets/abc123`)
    for (const foreign of [
      'https://evil.example/api/assets/abc123',
      '//evil.example/api/assets/abc123',
      'http://samskap.example/api/assets/abc123',
      '/api/assets/../boards/x',
      '/api/assets/abc?track=1',
      '/other/abc',
      'data:image/png;base64,AAAA',
      'blob:https://samskap.example/123',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ]) {
      expect(ownAssetUrl(foreign, origin), String(foreign)).toBeNull()
    }
  })

  it('names the uploads a board’s assets point at (what erasing keeps stored), once each', () => {
    const asset = (id: string, src: string | null): TLImageAsset => ({
      id: AssetRecordType.createId(id),
      typeName: 'asset',
      type: 'image',
      props: { src, w: 1, h: 1, name: 'kart.png', isAnimated: false, mimeType: 'image/png' },
      meta: {},
    })
    const records = [asset('a', '/api/assets/kart'), asset('b', `${origin}/api/assets/kart`), asset('c', '/api/assets/foto-2'), asset('d', 'https://tracker.example/x.png'), asset('e', null)]
    expect(uploadIds(records)).toEqual(['kart', 'foto-2'])
    // A malformed escape in a src is kept as written (no stored upload has such an id), without throwing.
    expect(uploadIds([...records, asset('f', '/api/assets/%E0%A4%A')])).toEqual(['kart', 'foto-2', '%E0%A4%A'])
  })

  it('is what the board asset store resolves an image to', async () => {
    const assets = createBoardAssetStore({ boardId: 'board', onUploadProblem: () => {}, origin })
    const image = (src: string): TLImageAsset => ({
      id: AssetRecordType.createId('image'),
      typeName: 'asset',
      type: 'image',
      props: { src, w: 1, h: 1, name: 'kart.png', isAnimated: false, mimeType: 'image/png' },
      meta: {},
    })
    const context = { screenScale: 1, steppedScreenScale: 1, dpr: 1, networkEffectiveType: null, shouldResolveToOriginal: false }
    expect(await assets.resolve?.(image('/api/assets/kart'), context)).toBe('/api/assets/kart')
    expect(await assets.resolve?.(image('https://tracker.example/pixel.png'), context)).toBeNull()
  })
})
