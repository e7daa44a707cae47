/** What the Map view's end-to-end tests ask of a page: what the canvas holds, where a node is drawn, and whether a person can see and click it. */
import type { Locator, Page } from 'playwright-core'
import { waitFor } from '../helpers/wait-for.ts'
import { waitVisible } from './ui-harness.ts'

export const canvasCounts = (page: Page): Promise<{ nodes: number; edges: number } | null> =>
  page.evaluate(() => window.__commonweaveMap?.counts() ?? null)

export const nodePanel = (page: Page): Locator => page.getByRole('complementary', { name: 'Node' })

/** Clicks a node where sigma draws it (the view says where), and waits for its panel. */
export async function clickNode(page: Page, label: string): Promise<void> {
  const heading = nodePanel(page).getByRole('heading', { name: label })
  // The layout may still move the node between reading where it is drawn and the click (on a
  // loaded machine, by a frame or more): read and click again until its panel opens.
  await waitFor(`“${label}”’s panel, opened by a click where it is drawn`, async () => {
    const at = await page.evaluate((l) => window.__commonweaveMap?.nodeAt(l) ?? null, label)
    if (!at) return false
    await page.mouse.click(at.x, at.y)
    return heading.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)
  }, 45_000, 100)
}

/** Waits until the force layout has stopped (its button offers to run it again). */
export async function layoutStopped(page: Page): Promise<void> {
  await waitVisible(page.getByRole('toolbar', { name: 'Layout and zoom' }).getByRole('button', { name: 'Run layout' }), 'the layout to stop', 30_000)
}

/**
 * Waits until every node named is drawn inside the canvas, where a click reaches sigma's own
 * mouse layer and no control or legend lies over it; fails naming those that are not.
 */
export async function allInSight(page: Page, labels: readonly string[]): Promise<void> {
  await waitFor(`${labels.join(', ')} in sight on the canvas, nothing over them`, async () => {
    const problems = await page.evaluate((names) => {
      const drawing = document.querySelector('[role="region"][aria-label^="The map:"]')
      if (!drawing) return ['no canvas']
      const box = drawing.getBoundingClientRect()
      return names.flatMap((name) => {
        const at = window.__commonweaveMap?.nodeAt(name)
        if (!at) return [`${name}: not drawn`]
        if (at.x < box.left || at.x > box.right || at.y < box.top || at.y > box.bottom) return [`${name}: outside the canvas at ${Math.round(at.x)},${Math.round(at.y)}`]
        const hit = document.elementFromPoint(at.x, at.y)
        return hit?.classList.contains('sigma-mouse') ? [] : [`${name}: under ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className)}` : 'nothing'}`]
      })
    }, labels)
    if (problems.length > 0) throw new Error(problems.join('; '))
    return true
  }, 15_000, 100)
}
