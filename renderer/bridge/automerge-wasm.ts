/**
 * Automerge's WebAssembly for the window, as a file of the build (Vite emits it as an asset and
 * gives its URL): fetched and compiled once, under the CSP's 'wasm-unsafe-eval'. The slim
 * entry points (automerge-repo/slim, and @automerge/prosemirror's automerge/slim) share this
 * one initialisation. Never import '@automerge/automerge' or '@automerge/automerge-repo' (their
 * full entry points) in the renderer: they try to load the wasm their own way.
 */
import { initializeWasm, isWasmInitialized } from '@automerge/automerge/slim'
import wasmUrl from '@automerge/automerge/automerge.wasm?url'

let started: Promise<void> | null = null

export function initAutomerge(): Promise<void> {
  if (isWasmInitialized()) return Promise.resolve()
  return (started ??= initializeWasm(wasmUrl).catch((err: unknown) => {
    started = null
    throw err
  }))
}
