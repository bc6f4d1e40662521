import { describe, expect, it } from 'vitest'
import { colorDifference, contrastRatio, deltaE2000 } from '../../shared/src/people/colorDifference.ts'
import { colorForUser, distinctColor, presenceColors } from '../../shared/src/people/personColors.ts'

// Presence colours: readable under white name text, told apart at a glance, and handed out so that
// the people in one room hold different ones.

/** Colours at least this far apart (ΔE00) are told apart at a glance, even as a small cursor. */
const distinctAtAGlance = 15

describe('colour difference', () => {
  it('matches the CIEDE2000 reference data (Sharma, Wu and Dalal 2005)', () => {
    const pairs: Array<[[number, number, number], [number, number, number], number]> = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    ]
    for (const [[l1, a1, b1], [l2, a2, b2], expected] of pairs) {
      expect(deltaE2000({ l: l1, a: a1, b: b1 }, { l: l2, a: a2, b: b2 })).toBeCloseTo(expected, 3)
      expect(deltaE2000({ l: l2, a: a2, b: b2 }, { l: l1, a: a1, b: b1 })).toBeCloseTo(expected, 3)
    }
  })

  it('reads #rrggbb colours: the same colour is 0 apart, black and white 100', () => {
    expect(colorDifference('#175CD3', '#175cd3')).toBe(0)
    expect(colorDifference('#000000', '#FFFFFF')).toBeCloseTo(100, 0)
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5)
  })
})

describe('the palette', () => {
  it('has sixteen colours, each readable under white name text (WCAG AA, 4.5:1)', () => {
    expect(presenceColors).toHaveLength(16)
    for (const color of presenceColors) {
      expect(color).toMatch(/^#[0-9A-F]{6}$/)
      expect(contrastRatio(color, '#FFFFFF'), color).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('has no two colours that look alike', () => {
    for (const [index, first] of presenceColors.entries()) {
      for (const second of presenceColors.slice(index + 1)) {
        expect(colorDifference(first, second), `${first} and ${second}`).toBeGreaterThanOrEqual(distinctAtAGlance)
      }
    }
  })

  it('gives a user id the same colour every time', () => {
    expect(colorForUser('participant-kari')).toBe(colorForUser('participant-kari'))
    expect(presenceColors).toContain(colorForUser('participant-kari'))
  })
})

describe('a newcomer’s colour', () => {
  it('is one nobody in the room holds, until every colour is held', () => {
    const held: string[] = []
    for (let joined = 0; joined < presenceColors.length; joined++) {
      const color = distinctColor(`participant-${joined}`, held)
      expect(held).not.toContain(color)
      held.push(color)
    }
    expect(new Set(held).size).toBe(presenceColors.length)
  })

  it('is the free colour farthest from the held ones', () => {
    // Everyone holds a colour but two: the one farther from its nearest holder wins, whoever joins.
    const [free, other, ...rest] = presenceColors
    const nearestHeld = (color: string) => Math.min(...rest.map((held) => colorDifference(color, held)))
    const expected = nearestHeld(free) > nearestHeld(other) ? free : other
    for (const id of ['participant-a', 'participant-b', 'participant-c']) expect(distinctColor(id, rest)).toBe(expected)
  })

  it('once every colour is held, is one the fewest hold', () => {
    const twice = presenceColors.slice(0, 15)
    const held = [...presenceColors, ...twice]
    expect(distinctColor('participant-17', held)).toBe(presenceColors[15])
  })

  it('counts a colour outside the palette as held of the palette colour nearest to it', () => {
    // A facilitator's colour from an earlier palette, a shade off the palette's violet: violet is not free.
    const violet = presenceColors[3]
    const nearViolet = '#5525DC'
    expect(colorDifference(nearViolet, violet)).toBeLessThan(5)
    const held = [...presenceColors.filter((color) => color !== violet), nearViolet]
    const color = distinctColor('participant-x', held)
    expect(presenceColors).toContain(color)
    expect(color).not.toBe(violet)
  })

  it('in an empty room, goes by the newcomer’s id', () => {
    expect(distinctColor('participant-kari', [])).toBe(colorForUser('participant-kari'))
  })
})
