/**
 * Knowledge through the web UI, on real headless peers: Ada and Bea (members of one space, each
 * with her own peer and her own Chromium page) open the same page and type at the same place (the
 * end of its one paragraph) at the same time, key by key so the edits interleave; both editors
 * end with the same text holding each one's words whole, and so does each peer's markdown. A word Ada types is found by Bea's search box within 2 s. Cleo, a guest
 * granted that one page to read, sees it with no editable text and says why. Then the Knowledge
 * views are shot, light and dark, and the page with its editor is scanned with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { scanInto, shoot } from './ui-shots.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, VIEWPORT, foundSpaceByApi, goTo, grantRead, newContext, openApp, openApps, sectionLink, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const PAGE = 'Repair café handbook'
const START = 'Bring what is broken.'
const ADA_WORDS = ['kettles', 'lamps', 'toasters']
const BEA_WORDS = ['bicycles', 'zips', 'radios']
/** A word no page holds before Ada types it. */
const UNIQUE = 'quillwort'

const editor = (page: Page): Locator => page.getByRole('textbox', { name: 'Page text' })
const editorText = async (page: Page): Promise<string> => (await editor(page).innerText()).replace(/\s+/g, ' ').trim()

/** Opens the page from the Knowledge list, once it has reached this page's peer, and waits for its text. */
async function openPage(page: Page, who: string, title = PAGE): Promise<void> {
  await goTo(page, 'Knowledge')
  const link = view(page, 'Knowledge').getByRole('list', { name: 'Pages' }).getByRole('link', { name: title })
  await waitVisible(link, `“${title}” in ${who}’s pages`, 30_000)
  await link.click()
  await waitForText(editor(page), (t) => t.includes(START) || title !== PAGE, `the page’s text in ${who}’s editor`, 30_000)
}

describe.skipIf(chromiumMissingReason !== null)('a knowledge page written together through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, b: UiPeer, c: UiPeer
  let pageA: Page, pageB: Page, pageC: Page
  let spaceId: SpaceId
  let pageId: string

  beforeAll(async () => {
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('pages', ['Ada', 'Bea', 'Cleo'])
    ;[a, b, c] = peers.peers as [UiPeer, UiPeer, UiPeer]
    spaceId = await foundSpaceByApi(a, [b], 'Repair café')
    const made = await a.api.createPage({ spaceId, title: PAGE, tags: ['how-to', 'repair'], markdown: START })
    pageId = made.id
    await a.api.createPage({ spaceId, title: 'Opening hours', tags: ['hall'], markdown: `Saturdays 10–13. What to bring: see [[${PAGE}]].` })
    await a.api.createPage({ spaceId, title: 'Tool library', tags: ['tools', 'how-to'], markdown: `Borrow tools for a week. The **sign-up sheet** is on the door; read [[${PAGE}]] first, and [[Safety rules]].` })
    await waitFor('the page to reach Bea’s peer', () => b.api.getPage({ spaceId, pageId }).then(() => true, () => false), 30_000)
    // Cleo is no member: a guest who may read this one page, and nothing else.
    await grantRead(a, c, spaceId, [pageId])
    browser = await launchChromium()
    ;[pageA, pageB, pageC] = await openApps(browser, [[a, 'Ada'], [b, 'Bea'], [c, 'Cleo']], errors) as [Page, Page, Page]
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('Ada and Bea type into the same paragraph at once: both end with the same text, every word kept', async () => {
    await openPage(pageA, 'Ada')
    await openPage(pageB, 'Bea')
    // Both at the end of the same paragraph: the same place.
    for (const page of [pageA, pageB]) {
      await editor(page).click()
      await page.keyboard.press('Control+End')
    }
    const ada = ` ${ADA_WORDS.join(' ')}`
    const bea = ` ${BEA_WORDS.join(' ')}`
    await Promise.all([pageA.keyboard.type(ada, { delay: 35 }), pageB.keyboard.type(bea, { delay: 40 })])
    // Which comes first is Automerge's choice, the same on both sides; each one's words stay whole.
    const either = [`${START}${ada}${bea}`, `${START}${bea}${ada}`]
    const [shownA, shownB] = await waitFor('both editors to show the same text', async () => {
      const both = await Promise.all([editorText(pageA), editorText(pageB)])
      return both[0] === both[1] && either.includes(both[0]) ? both : null
    }, 15_000, 50).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}; Ada’s editor: “${await editorText(pageA)}”, Bea’s: “${await editorText(pageB)}”`)
    })
    expect(shownA).toBe(shownB)
    const markdown = await waitFor('both peers to hold the same markdown', async () => {
      const [ma, mb] = await Promise.all([a.api.getPage({ spaceId, pageId }), b.api.getPage({ spaceId, pageId })])
      return ma.markdown === mb.markdown && ma.markdown.trim() === shownA ? ma.markdown : null
    }, 15_000, 100)
    for (const w of [...ADA_WORDS, ...BEA_WORDS]) expect(markdown).toContain(w)
  })

  it('a word Ada types is found by Bea’s search box within 2 s', async () => {
    await editor(pageA).click()
    await pageA.keyboard.press('Control+End')
    await pageA.keyboard.press('Enter')
    await pageA.keyboard.type(`Ask for the ${UNIQUE} box.`, { delay: 10 })
    // Ctrl+Shift+F opens the search even from inside the editor.
    await editor(pageB).click()
    await pageB.keyboard.press('Control+Shift+F')
    const box = pageB.getByRole('dialog').getByRole('combobox', { name: 'Search this space' })
    await waitVisible(box, 'the search box on Bea’s page')
    await box.fill(UNIQUE)
    const hit = pageB.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: PAGE })
    await waitVisible(hit, `“${UNIQUE}” found on Bea’s page within 2 s`, 2_000)
    expect(await hit.first().locator('mark').allTextContents()).toContain(UNIQUE)
    await box.press('Enter')
    await waitHidden(pageB.getByRole('dialog'), 'the search window to close on opening the hit')
    await waitForText(editor(pageB), (t) => t.includes(UNIQUE), 'the page opened from the hit, with the word')
  })

  it('Cleo, granted the page to read, sees it with no editable text and is told why', async () => {
    await waitVisible(sectionLink(pageC, 'Knowledge'), 'Knowledge in Cleo’s navigation', 30_000)
    expect(await sectionLink(pageC, 'Resources').count(), 'no board for a grant on one page').toBe(0)
    await openPage(pageC, 'Cleo')
    await waitForText(editor(pageC), (t) => t.includes(BEA_WORDS[0]!), 'the shared text on Cleo’s page', 30_000)
    expect(await editor(pageC).getAttribute('contenteditable')).toBe('false')
    await waitForText(pageC.getByTestId('read-only-line'), (t) => t.includes('read this page but not change it'), 'the read-only line')
    expect(await pageC.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(0)
    expect(await pageC.getByRole('textbox', { name: 'Title' }).count(), 'no title field').toBe(0)
    // `/` opens the search from anywhere outside a text field.
    await pageC.getByRole('heading', { name: PAGE }).click()
    await pageC.keyboard.press('/')
    await waitVisible(pageC.getByRole('dialog').getByRole('combobox', { name: 'Search this space' }), 'the search window opened by /')
    await pageC.keyboard.press('Escape')
    await waitHidden(pageC.getByRole('dialog'), 'the search window to close')
  })

  it('the Knowledge views, light and dark: screenshots, and axe finds nothing serious on the page with its editor', async () => {
    // Some of every kind of block and mark, for the look (written through the API, as the CLI would).
    await a.api.editPage({ spaceId, pageId, append: '## What we fix\n\n- **Electrics**: kettles, lamps, toasters\n- Bicycles and *zips*\n\n> Nothing with mains gas.\n\nLend a hand at the `sign-up sheet`; see [[Tool library]] and [[Safety rules]], and [the café’s site](https://example.org/cafe).' })
    const found: string[] = []
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), a.ready.ui, `Ada (${scheme})`, errors)
      await goTo(page, 'Knowledge')
      await waitFor('the three pages listed', async () => (await page.getByRole('list', { name: 'Pages' }).getByRole('listitem').count()) === 3, 15_000)
      await page.mouse.move(0, VIEWPORT.height - 1)
      await shoot(page, `knowledge-${scheme}`)
      await scanInto(found, page, `the page list (${scheme})`)
      await page.getByRole('list', { name: 'Pages' }).getByRole('link', { name: 'Tool library' }).click()
      await waitForText(editor(page), (t) => t.includes('sign-up sheet'), 'Tool library’s text')
      await waitForText(page.getByRole('region', { name: 'Links to' }), (t) => t.includes('no page yet'), 'its links, one to no page yet')
      // A page link in the text opens that page in the app.
      await editor(page).locator('a', { hasText: PAGE }).click()
      await waitForText(page.getByRole('region', { name: 'Backlinks' }), (t) => t.includes('Opening hours') && t.includes('Tool library'), 'the handbook’s backlinks')
      await waitForText(editor(page), (t) => t.includes('Nothing with mains gas.'), 'the handbook’s added text')
      // A web link navigates nothing: the cursor goes into it and its address shows under the text.
      const at = page.url()
      await editor(page).locator('a', { hasText: 'the café’s site' }).click()
      await waitForText(page.getByRole('status', { name: 'Link at the cursor' }), (t) => t.includes('https://example.org/cafe'), 'the web link’s address')
      expect(page.url()).toBe(at)
      expect(page.context().pages()).toHaveLength(1)
      await page.mouse.move(0, VIEWPORT.height - 1)
      await shoot(page, `knowledge-page-${scheme}`)
      await scanInto(found, page, `a page in the editor (${scheme})`)
      await page.context().close()
    }
    expect(found, `serious or critical accessibility violations in\n${found.join('\n')}`).toEqual([])
  })

  it('once Ada grants Cleo write on the page, Cleo’s editor turns editable without a reload, and what she types reaches Ada', async () => {
    const { code } = await a.api.createGrant({ spaceId, to: c.ready.did as Did, cmd: 'write', docs: [pageId], purpose: 'coordination' })
    await c.api.acceptGrant({ code })
    await waitFor('Cleo’s editor to turn editable', async () => (await editor(pageC).getAttribute('contenteditable')) === 'true', 15_000)
    await waitHidden(pageC.getByTestId('read-only-line'), 'the read-only line to go')
    await editor(pageC).click()
    await pageC.keyboard.press('Control+End')
    await pageC.keyboard.type(' Cleo was here.', { delay: 10 })
    await waitForText(editor(pageA), (t) => t.includes('Cleo was here.'), 'Cleo’s words in Ada’s editor', 15_000)
  })

  it('a title another page has is refused in words, what was typed kept; a page made for a link by title resolves it', async () => {
    await goTo(pageB, 'Knowledge')
    await view(pageB, 'Knowledge').getByRole('button', { name: 'New page' }).click()
    const form = pageB.getByRole('form', { name: 'New page' })
    const title = form.getByRole('textbox', { name: 'Title' })
    await title.fill('opening HOURS')
    await form.getByRole('button', { name: 'Make the page' }).click()
    await waitForText(form, (t) => t.includes('exists already'), 'the refusal in words')
    expect(await title.inputValue()).toBe('opening HOURS')
    await title.fill('Safety rules')
    await form.getByRole('button', { name: 'Make the page' }).click()
    await waitHidden(form, 'the form to close once made')
    await waitVisible(pageB.getByRole('textbox', { name: 'Title' }), 'the new page open')
    expect(await pageB.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Safety rules')
    await waitForText(pageB.getByRole('region', { name: 'Backlinks' }), (t) => t.includes('Tool library') && t.includes(PAGE), 'the pages that linked to it by title, now linking here')
  })

  it('History shows the page as it was, and restoring a version makes it the page again, live in both editors', async () => {
    await openPage(pageB, 'Bea')
    const before = await editorText(pageA)
    await pageA.getByRole('button', { name: 'History' }).click()
    const dialog = pageA.getByRole('dialog')
    const versions = dialog.getByRole('listbox', { name: 'Versions' }).getByRole('option')
    await waitFor('several versions listed', async () => (await versions.count()) > 1, 15_000)
    await versions.nth(1).click()
    const shown = dialog.locator('pre')
    const old = await waitForText(shown, (t) => t.trim().length > 0, 'the version before this one, as it was')
    await dialog.getByRole('button', { name: 'Restore this version' }).click()
    await waitHidden(dialog, 'the history to close once restored')
    await waitFor('both peers to hold the restored text', async () => {
      const [ma, mb] = await Promise.all([a.api.getPage({ spaceId, pageId }), b.api.getPage({ spaceId, pageId })])
      return ma.markdown.trim() === old.trim() && mb.markdown === ma.markdown
    }, 15_000, 100)
    await waitFor('both editors to show the restored text, the same', async () => {
      const [ta, tb] = await Promise.all([editorText(pageA), editorText(pageB)])
      return ta === tb && ta !== before
    }, 15_000, 50)
  })
})
