import { DEFAULT_THEME, type TLThemes } from 'tldraw'

/**
 * The grey drawn as text and lines on a light board. tldraw's own (#9fa8b2) has 2.3:1 against
 * the canvas, below WCAG's 4.5:1 for text (1.4.3) and 3:1 for lines (1.4.11); the templates'
 * caption above the frames is grey, and so is whatever people draw in grey.
 */
export const boardGrey = '#667085'

/** tldraw's default theme with its light grey made legible (see boardGrey); for every canvas we show. */
export const boardThemes: Partial<TLThemes> = {
  default: {
    ...DEFAULT_THEME,
    colors: {
      ...DEFAULT_THEME.colors,
      light: { ...DEFAULT_THEME.colors.light, grey: { ...DEFAULT_THEME.colors.light.grey, solid: boardGrey } },
    },
  },
}
