/**
 * The editor's toolbar: each button named in words (with its shortcut in its tooltip) and
 * showing whether it is in effect where the cursor is (`aria-pressed`). Buttons do not take
 * the focus from the text: what they change is where the cursor was.
 */
import { ActionIcon, Divider, Group, Tooltip } from '@mantine/core'
import {
  IconArrowBackUp, IconArrowForwardUp, IconBold, IconCode, IconH1, IconH2, IconH3, IconItalic, IconList, IconListNumbers,
  IconPilcrow, IconQuote, IconSourceCode,
} from '@tabler/icons-react'
import type { ComponentType, ReactNode } from 'react'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { commandFor, isActive, type Tool } from './commands.ts'

interface ToolSpec { tool: Tool; label: string; keys?: string; icon: ComponentType<{ size?: number; stroke?: number }> }

const MOD = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform) ? '⌘' : 'Ctrl+'

export const TOOL_GROUPS: ToolSpec[][] = [
  [
    { tool: 'strong', label: 'Bold', keys: `${MOD}B`, icon: IconBold },
    { tool: 'em', label: 'Italic', keys: `${MOD}I`, icon: IconItalic },
    { tool: 'code', label: 'Inline code', keys: `${MOD}E`, icon: IconCode },
  ],
  [
    { tool: 'h1', label: 'Heading 1', keys: '# ', icon: IconH1 },
    { tool: 'h2', label: 'Heading 2', keys: '## ', icon: IconH2 },
    { tool: 'h3', label: 'Heading 3', keys: '### ', icon: IconH3 },
    { tool: 'paragraph', label: 'Paragraph', icon: IconPilcrow },
  ],
  [
    { tool: 'bullet_list', label: 'Bullet list', keys: '- ', icon: IconList },
    { tool: 'ordered_list', label: 'Numbered list', keys: '1. ', icon: IconListNumbers },
    { tool: 'blockquote', label: 'Quote', keys: '> ', icon: IconQuote },
    { tool: 'code_block', label: 'Code block', keys: '```', icon: IconSourceCode },
  ],
]
const HISTORY: ToolSpec[] = [
  { tool: 'undo', label: 'Undo', keys: `${MOD}Z`, icon: IconArrowBackUp },
  { tool: 'redo', label: 'Redo', keys: `${MOD}Shift+Z`, icon: IconArrowForwardUp },
]
/** Actions, not states: no pressed state to show. */
const ACTIONS = new Set<Tool>(['undo', 'redo'])

export function Toolbar({ view, state, links }: { view: EditorView; state: EditorState; links: ReactNode }) {
  const button = ({ tool, label, keys, icon: Icon }: ToolSpec) => {
    const command = commandFor(state.schema, tool)
    const pressed = ACTIONS.has(tool) ? undefined : isActive(state, tool)
    return (
      <Tooltip key={tool} label={keys ? `${label} (${keys})` : label} openDelay={400} withArrow>
        <ActionIcon variant={pressed ? 'filled' : 'subtle'} color={pressed ? undefined : 'gray'} size="md" aria-label={label} aria-pressed={pressed}
          disabled={!command(state)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => { command(view.state, view.dispatch, view); view.focus() }}>
          <Icon size={18} stroke={1.8} />
        </ActionIcon>
      </Tooltip>
    )
  }
  return (
    <Group role="toolbar" aria-label="Formatting" gap={4} wrap="wrap" p={4}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)' }}>
      {TOOL_GROUPS.map((g, i) => (
        <Group key={i} gap={2} wrap="nowrap">
          {g.map(button)}
          <Divider orientation="vertical" mx={4} />
        </Group>
      ))}
      <Group gap={2} wrap="nowrap">{links}<Divider orientation="vertical" mx={4} /></Group>
      <Group gap={2} wrap="nowrap">{HISTORY.map(button)}</Group>
    </Group>
  )
}
