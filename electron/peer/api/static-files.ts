/**
 * The built web UI as static files, for the page the local API serves. Files need no token (the
 * page reads it from its URL fragment); nothing outside the folder is ever served: no `..`,
 * no dotfile, no NUL, no symlink that leads out. Anything else is a 404 that says no more.
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/** Serves the file at `path` under `root` (a real path), or throws NOT_FOUND. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string): Promise<void> {
  const notFound = new CommonweaveError(ErrorCode.NotFound, `Nothing at ${path}`)
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    throw notFound
  }
  // Dotfiles and NUL never name a UI asset; `..` is caught by the containment check below.
  if (decoded.includes('\0') || decoded.split(/[/\\]/).some((s) => s.startsWith('.') && s !== '.' && s !== '..')) {
    throw notFound
  }
  let file = resolve(root, `.${decoded}`)
  if (!isInside(root, file)) throw notFound
  let size: number
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
    // realpath: a symlink inside the folder must not lead out of it.
    file = await realpath(file)
    const info = await stat(file)
    if (!info.isFile()) throw notFound
    size = info.size
  } catch {
    throw notFound
  }
  if (!isInside(root, file)) throw notFound
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-cache',
  })
  if (req.method === 'HEAD') return void res.end()
  // A reader that hangs up mid-file is not a server failure; pipeline already closed both ends.
  await pipeline(createReadStream(file), res).catch(() => {})
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
