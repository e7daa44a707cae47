/**
 * What a UI test keeps of a view: a screenshot in test-results/screenshots (copied to
 * docs/screenshots for the README), and axe-core's serious findings, gathered so a test can
 * scan several views and fail once, naming them all.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../helpers/cli-peer.ts'
import { describeViolations, seriousViolations } from './axe.ts'

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')
const DOCS_SHOTS = join(ROOT, 'docs', 'screenshots')

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const file = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  copyFileSync(file, join(DOCS_SHOTS, `${name}.png`))
}

/** Adds what axe finds serious or critical on the page as it is now to `found`, under `what`. */
export async function scanInto(found: string[], page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page)
  if (violations.length > 0) found.push(`${what}:\n${describeViolations(violations)}`)
}
