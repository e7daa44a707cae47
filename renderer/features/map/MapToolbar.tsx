/**
 * The bar above the canvas: run or stop the force layout, and zoom (buttons, so the keyboard can
 * too). It sits above the drawing, never over it: no node is hidden under a control.
 */
import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core'
import { IconFocusCentered, IconPlayerPlay, IconPlayerStop, IconZoomIn, IconZoomOut } from '@tabler/icons-react'
import type Sigma from 'sigma'
import type { MapLayout } from './layout.ts'
import classes from './map.module.css'

export function MapToolbar({ sigma, layout, running, counts }: { sigma: Pick<Sigma, 'getCamera'> | null; layout: MapLayout; running: boolean; counts: string }) {
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  const camera = { duration: still ? 0 : 250, factor: 1.5 }
  const zoom = (how: 'in' | 'out' | 'all'): void => {
    const c = sigma?.getCamera()
    if (!c) return
    if (how === 'in') void c.animatedZoom(camera)
    else if (how === 'out') void c.animatedUnzoom(camera)
    else void c.animatedReset(camera)
  }
  return (
    <Group className={classes.toolbar} gap={4} wrap="nowrap" justify="space-between" role="toolbar" aria-label="Layout and zoom">
      <Text size="xs" c="dimmed" truncate>{counts}</Text>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-sm" variant={running ? 'light' : 'default'} leftSection={running ? <IconPlayerStop size={14} aria-hidden /> : <IconPlayerPlay size={14} aria-hidden />}
          onClick={() => (running ? layout.stop() : layout.start())} aria-live="polite">
          {running ? 'Stop layout' : 'Run layout'}
        </Button>
        <Tooltip label="Zoom in"><ActionIcon variant="default" aria-label="Zoom in" disabled={!sigma} onClick={() => zoom('in')}><IconZoomIn size={16} aria-hidden /></ActionIcon></Tooltip>
        <Tooltip label="Zoom out"><ActionIcon variant="default" aria-label="Zoom out" disabled={!sigma} onClick={() => zoom('out')}><IconZoomOut size={16} aria-hidden /></ActionIcon></Tooltip>
        <Tooltip label="The whole map"><ActionIcon variant="default" aria-label="Show the whole map" disabled={!sigma} onClick={() => zoom('all')}><IconFocusCentered size={16} aria-hidden /></ActionIcon></Tooltip>
      </Group>
    </Group>
  )
}
