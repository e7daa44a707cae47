/**
 * Accessibility scans with axe-core in the page. The daemon sends a strict CSP (no inline or
 * foreign scripts), so axe's source goes in through `page.evaluate`, which the CSP does not
 * govern; nothing is loaded from the network.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../helpers/cli-peer.ts'

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

export interface AxeViolation { id: string; impact: string | null; help: string; targets: string[] }

/** Runs axe on the page as it is now; returns the violations of impact serious or critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    interface Check { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } | null }
    interface Node { target: unknown[]; any: Check[] }
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Node[] }> }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    // For contrast, the colours and the ratio found say what to change.
    const detail = (n: Node): string => {
      const d = n.any.find((c) => c.data?.contrastRatio !== undefined)?.data
      return d ? ` (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}, needs ${d.expectedContrastRatio})` : ''
    }
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ') + detail(n)) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The violations as lines a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}${v.targets.length > 8 ? `\n    … and ${v.targets.length - 8} more` : ''}`).join('\n')
}
