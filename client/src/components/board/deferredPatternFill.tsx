import { useEffect, useState, type ComponentType } from 'react'
import { ArrowShapeUtil, DrawShapeUtil, GeoShapeUtil, type TLShapeUtilCanvasSvgDef } from 'tldraw'

/**
 * Calls `ready` once the page has painted a frame and then has a moment to spare (or after
 * `timeoutMs` at the latest, where the browser has no idle callbacks); returns the canceller.
 */
function afterFirstPaint(ready: () => void, timeoutMs: number): () => void {
  let idle: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const frame = requestAnimationFrame(() => {
    // A task queued from a frame's callback runs after that frame is painted.
    timer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(ready, { timeout: timeoutMs })
      else ready()
    }, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== null) clearTimeout(timer)
    if (idle !== null) cancelIdleCallback(idle)
  }
}

/** How long the pattern fill may wait for the browser to be idle after the board is shown. */
const patternWaitMs = 1_000

/**
 * tldraw's pattern fill, mounted only once the board has been painted. On mount it draws the
 * pattern for every zoom level on canvases of up to 8 × 256 × device-pixel-ratio pixels a side
 * (6,144 at a device pixel ratio of 3): 0.5 s of a phone's main thread, which would otherwise come
 * between the canvas and its shapes. Until then a pattern-filled shape shows no fill (tldraw's own
 * shows a flat colour until its patterns are drawn).
 */
function deferredDef(def: TLShapeUtilCanvasSvgDef): TLShapeUtilCanvasSvgDef {
  const Pattern: ComponentType = def.component
  function DeferredPatternFill() {
    const [shown, setShown] = useState(false)
    useEffect(() => afterFirstPaint(() => setShown(true), patternWaitMs), [])
    return shown ? <Pattern /> : null
  }
  return { key: def.key, component: DeferredPatternFill }
}

/**
 * The pattern fill's definition, made once so that every shape's util gives the same component
 * (the canvas keys its definitions and keeps the first). tldraw's own needs no editor.
 */
const patternFill = deferredDef(GeoShapeUtil.prototype.getCanvasSvgDefs.call(undefined)[0] as TLShapeUtilCanvasSvgDef)

/** tldraw's shapes that draw pattern fills, with the pattern mounted after the first paint. */
export class BoardGeoShapeUtil extends GeoShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [patternFill]
  }
}

export class BoardDrawShapeUtil extends DrawShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [patternFill]
  }
}

export class BoardArrowShapeUtil extends ArrowShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [patternFill]
  }
}

export const deferredPatternShapeUtils = [BoardGeoShapeUtil, BoardDrawShapeUtil, BoardArrowShapeUtil]
