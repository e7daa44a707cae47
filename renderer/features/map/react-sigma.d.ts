/**
 * The part of @react-sigma/core 5 the Map view uses, typed here: its own declarations import
 * their siblings without file extensions, which TypeScript's NodeNext resolution (this
 * project's) cannot follow, so it would see none of its exports. Same signatures as its docs.
 */
declare module '@react-sigma/core' {
  import type { CSSProperties, ReactElement, ReactNode } from 'react'
  import type { Attributes } from 'graphology-types'
  import type Sigma from 'sigma'
  import type { Settings } from 'sigma/settings'
  import type { SigmaEvents } from 'sigma/types'

  export interface SigmaContainerProps<N extends Attributes, E extends Attributes> {
    graph?: Sigma<N, E>['graph']
    settings?: Partial<Settings<N, E>>
    id?: string
    className?: string
    style?: CSSProperties
    children?: ReactNode
  }
  export function SigmaContainer<N extends Attributes = Attributes, E extends Attributes = Attributes>(props: SigmaContainerProps<N, E>): ReactElement
  export function useSigma<N extends Attributes = Attributes, E extends Attributes = Attributes>(): Sigma<N, E>
  export type EventHandlers = Partial<{ [K in keyof SigmaEvents]: SigmaEvents[K] }>
  export function useRegisterEvents(): (handlers: EventHandlers) => void
  interface CameraOptions { duration?: number; factor?: number }
  export function useCamera(options?: CameraOptions): {
    zoomIn(options?: CameraOptions): void
    zoomOut(options?: CameraOptions): void
    reset(options?: CameraOptions): void
    gotoNode(node: string, options?: CameraOptions): void
  }
}
