/** Over the canvas: run or stop the force layout, and zoom (buttons, so the keyboard can too). */
import { ActionIcon, Button, Group, Paper, Tooltip } from '@mantine/core'
import { useCamera } from '@react-sigma/core'
import { IconFocusCentered, IconPlayerPlay, IconPlayerStop, IconZoomIn, IconZoomOut } from '@tabler/icons-react'
import type { MapLayout } from './layout.ts'
import classes from './map.module.css'

export function LayoutControl({ layout, running }: { layout: MapLayout; running: boolean }) {
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  const { zoomIn, zoomOut, reset } = useCamera({ duration: still ? 0 : 250, factor: 1.5 })
  return (
    <Paper withBorder shadow="xs" p={4} className={`${classes.overlay} ${classes.tools}`}>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-sm" variant={running ? 'light' : 'default'} leftSection={running ? <IconPlayerStop size={14} aria-hidden /> : <IconPlayerPlay size={14} aria-hidden />}
          onClick={() => (running ? layout.stop() : layout.start())} aria-live="polite">
          {running ? 'Stop layout' : 'Run layout'}
        </Button>
        <Tooltip label="Zoom in"><ActionIcon variant="default" aria-label="Zoom in" onClick={() => zoomIn()}><IconZoomIn size={16} aria-hidden /></ActionIcon></Tooltip>
        <Tooltip label="Zoom out"><ActionIcon variant="default" aria-label="Zoom out" onClick={() => zoomOut()}><IconZoomOut size={16} aria-hidden /></ActionIcon></Tooltip>
        <Tooltip label="The whole map"><ActionIcon variant="default" aria-label="Show the whole map" onClick={() => reset()}><IconFocusCentered size={16} aria-hidden /></ActionIcon></Tooltip>
      </Group>
    </Paper>
  )
}
