/**
 * The Content-Security-Policy of the app's own pages (served by the `app://` protocol).
 * Scripts come only from the app's own files: no inline script, no eval — WebAssembly may be
 * compiled ('wasm-unsafe-eval' allows that and nothing else). Styles may be inline because
 * Mantine injects its CSS variables at run time. The page talks to the peer over IPC, never
 * the network, so connect-src is the app's own origin only.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'", "'wasm-unsafe-eval'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  // The map's force layout: a module worker from the app's own files (no blob: worker).
  ['worker-src', "'self'"],
  ['frame-ancestors', "'none'"],
]

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((d) => d.join(' ')).join('; ')

/** The headers every app:// response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}
