/**
 * Labels that never cover one another. Sigma's label grid keeps about one label per cell, but
 * a label is wider than a cell and neighbouring cells' labels run into each other; so each
 * frame remembers the boxes of the labels it drew, and a label that would fall on one already
 * drawn is left out (zooming in makes room for it). Sigma offers its labels largest node
 * first within each cell, so the larger node keeps its label. The open node and its neighbours
 * are drawn apart (highlighted, on the hover layer) and always show.
 */

export interface Box { x: number; y: number; w: number; h: number }

/** Side of the buckets the boxes are kept in, px: a label is checked only against those near it. */
const BUCKET = 64

export class LabelBoxes {
  private readonly buckets = new Map<number, Box[]>()

  /** A new frame: nothing drawn yet. */
  clear(): void {
    this.buckets.clear()
  }

  /** Takes the place of `box` if nothing drawn covers it; says whether it did. */
  take(box: Box): boolean {
    const keys: number[] = []
    for (let bx = Math.floor(box.x / BUCKET); bx <= Math.floor((box.x + box.w) / BUCKET); bx++) {
      for (let by = Math.floor(box.y / BUCKET); by <= Math.floor((box.y + box.h) / BUCKET); by++) {
        // One number per bucket: the screen is far smaller than 2^16 buckets a side.
        const key = (bx + 0x8000) * 0x10000 + (by + 0x8000)
        for (const o of this.buckets.get(key) ?? []) {
          if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return false
        }
        keys.push(key)
      }
    }
    for (const key of keys) {
      const list = this.buckets.get(key)
      if (list) list.push(box)
      else this.buckets.set(key, [box])
    }
    return true
  }
}

/** Space kept around a label, px. */
const PAD = 2

/** Sigma's label drawer, but leaving out a label that would cover one already drawn this frame. */
export function labelDrawer(boxes: LabelBoxes, colour: () => string) {
  return (context: CanvasRenderingContext2D, data: { x: number; y: number; size: number; label?: string | null }, settings: { labelSize: number; labelFont: string; labelWeight: string }): void => {
    if (typeof data.label !== 'string' || data.label === '') return
    const size = settings.labelSize
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`
    const x = data.x + data.size + 3
    const width = context.measureText(data.label).width
    if (!boxes.take({ x: x - PAD, y: data.y - size / 2 - PAD, w: width + 2 * PAD, h: size + 2 * PAD })) return
    context.fillStyle = colour()
    context.fillText(data.label, x, data.y + size / 3)
  }
}
