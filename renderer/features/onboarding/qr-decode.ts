/**
 * Reads the QR code in a picture (a photo or screenshot of an invite): the image is decoded by
 * the browser (createImageBitmap: no object URL, so the page's CSP needs no blob:), drawn on a
 * canvas no larger than needed, and its pixels handed to jsQR.
 */
import * as jsqrModule from 'jsqr'
import type { Options, QRCode } from 'jsqr'

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: Options) => QRCode | null
/** jsqr is a CommonJS bundle: depending on the bundler's interop its function is the default export or that export's `default`. */
const jsQR: JsQr = (() => {
  const d = (jsqrModule as unknown as { default: unknown }).default
  return (typeof d === 'function' ? d : (d as { default: unknown }).default) as JsQr
})()

/** Larger photos are scaled down: jsQR's time grows with the pixels, and a code needs far fewer. */
const MAX_SIDE = 1600

export type QrResult = { ok: true; text: string } | { ok: false; message: string }

export async function decodeQrFromFile(file: Blob): Promise<QrResult> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return { ok: false, message: 'That file is not a picture this browser can open. Choose a PNG or JPEG photo or screenshot of the QR code.' }
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) return { ok: false, message: 'This browser could not read the picture. Paste the code instead.' }
    ctx.drawImage(bitmap, 0, 0, width, height)
    const { data } = ctx.getImageData(0, 0, width, height)
    const found = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })
    if (!found || !found.data.trim()) {
      return { ok: false, message: 'No QR code was found in that picture. Try a sharper, closer picture with the whole code in it, or paste the code.' }
    }
    return { ok: true, text: found.data.trim() }
  } finally {
    bitmap.close()
  }
}
