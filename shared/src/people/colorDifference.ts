// How different two colours look to a person: CIEDE2000 (ΔE00) on CIELAB under D65, the measure
// the palette of presence colours is checked with and a newcomer's colour is chosen by.
// Roughly: below 2 most people see no difference, above 10 the colours are told apart at a glance.

/** A colour in CIELAB: lightness 0–100 and the green–red and blue–yellow axes. */
export interface Lab {
  l: number
  a: number
  b: number
}

/** The CIELAB coordinates (D65) of an sRGB colour written `#rrggbb`. */
export function labOf(hex: string): Lab {
  const [r, g, b] = linearRgbOf(hex)
  // sRGB to XYZ, each scaled by the D65 white point.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116)
  return { l: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)) }
}

/** The relative luminance of a `#rrggbb` colour, as WCAG defines it (0 black, 1 white). */
export function luminanceOf(hex: string): number {
  const [r, g, b] = linearRgbOf(hex)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [luminanceOf(first), luminanceOf(second)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** ΔE00 between two `#rrggbb` colours. @example colorDifference('#B42318', '#C4320A') // about 6: near-identical */
export function colorDifference(first: string, second: string): number {
  return deltaE2000(labOf(first), labOf(second))
}

/** CIEDE2000 (Sharma, Wu and Dalal's formulation), with kL = kC = kH = 1. */
export function deltaE2000(first: Lab, second: Lab): number {
  const chroma = (lab: Lab): number => Math.hypot(lab.a, lab.b)
  const meanChroma7 = ((chroma(first) + chroma(second)) / 2) ** 7
  const g = 0.5 * (1 - Math.sqrt(meanChroma7 / (meanChroma7 + 25 ** 7)))
  const a1 = (1 + g) * first.a
  const a2 = (1 + g) * second.a
  const c1 = Math.hypot(a1, first.b)
  const c2 = Math.hypot(a2, second.b)
  const h1 = hueDegrees(first.b, a1)
  const h2 = hueDegrees(second.b, a2)

  let hueStep = 0
  if (c1 * c2 !== 0) {
    hueStep = h2 - h1
    if (hueStep > 180) hueStep -= 360
    else if (hueStep < -180) hueStep += 360
  }
  const deltaL = second.l - first.l
  const deltaC = c2 - c1
  const deltaH = 2 * Math.sqrt(c1 * c2) * Math.sin(radians(hueStep / 2))

  const meanL = (first.l + second.l) / 2
  const meanC = (c1 + c2) / 2
  let meanH = h1 + h2
  if (c1 * c2 !== 0) {
    if (Math.abs(h1 - h2) > 180) meanH += meanH < 360 ? 360 : -360
    meanH /= 2
  }
  const t =
    1 -
    0.17 * Math.cos(radians(meanH - 30)) +
    0.24 * Math.cos(radians(2 * meanH)) +
    0.32 * Math.cos(radians(3 * meanH + 6)) -
    0.2 * Math.cos(radians(4 * meanH - 63))
  const rotation = 30 * Math.exp(-(((meanH - 275) / 25) ** 2))
  const rc = 2 * Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7))
  const sl = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2)
  const sc = 1 + 0.045 * meanC
  const sh = 1 + 0.015 * meanC * t
  const rt = -Math.sin(radians(2 * rotation)) * rc
  const l = deltaL / sl
  const c = deltaC / sc
  const h = deltaH / sh
  return Math.sqrt(l * l + c * c + h * h + rt * c * h)
}

function linearRgbOf(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1, 7), 16)
  const channel = (byte: number): number => {
    const v = byte / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return [channel((value >> 16) & 255), channel((value >> 8) & 255), channel(value & 255)]
}

function hueDegrees(b: number, a: number): number {
  if (a === 0 && b === 0) return 0
  const degrees = (Math.atan2(b, a) * 180) / Math.PI
  return degrees < 0 ? degrees + 360 : degrees
}

function radians(degrees: number): number {
  return (degrees * Math.PI) / 180
}
