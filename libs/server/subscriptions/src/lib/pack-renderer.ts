import { chromium } from 'playwright-core';

/** Debian's Chromium, headless, with nothing reaching out to third-party hosts. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type RenderRequest = {
  /** The print view's full URL (/reports/pack?sections=…&filters…). */
  url: string;
  /** The recipient's render-only session cookie. */
  cookie: { name: string; value: string };
  /** What the running header says: the pack, the recipient's scope and the as-at date. */
  header: { title: string; scope: string; asAt: string };
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Renders the dashboard's print view to PDF in headless Chromium, signed in as the recipient, so the one
 * access policy decides what the pack shows. Chromium is started for each pack (playwright gives every
 * launch a fresh temporary profile directory) and closed after it: packs are rare, and no browser is left
 * running in the API process between them.
 */
export class PackRenderer {
  constructor(private readonly chromiumPath: string) {}

  async render(req: RenderRequest): Promise<Buffer> {
    const browser = await chromium.launch({ executablePath: this.chromiumPath, args: CHROMIUM_ARGS });
    try {
      const url = new URL(req.url);
      // Printed at 70%, A4 less its margins holds a 1000-pixel-wide layout: the viewport is that wide, so
      // charts (drawn once, for the screen) are drawn at the width they are printed at.
      const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
      await context.addCookies([
        { name: req.cookie.name, value: req.cookie.value, url: url.origin, httpOnly: true, sameSite: 'Lax' },
      ]);
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.goto(req.url, { waitUntil: 'networkidle', timeout: 60_000 });
      // The print view marks itself ready once every section has loaded (or failed) its data.
      await page
        .waitForSelector('[data-pack-ready="true"]', { state: 'attached', timeout: 60_000 })
        .catch(async () => {
          // Say what the page showed instead (a sign-in page, an error), so the delivery's error is useful.
          const shown = (
            await page
              .locator('body')
              .innerText()
              .catch(() => '')
          ).replace(/\s+/g, ' ');
          throw new Error(
            `The print view at ${url.pathname} did not finish loading: "${shown.slice(0, 300)}"`,
          );
        });
      const h = req.header;
      return await page.pdf({
        format: 'A4',
        scale: 0.7,
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' },
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#425563;display:flex;justify-content:space-between">
          <span>${esc(h.title)}</span><span>Scope: ${esc(h.scope)} · As at ${esc(h.asAt)}</span></div>`,
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#425563;display:flex;justify-content:space-between">
          <span>AI Workforce Readiness · definitions: "About these figures" in each section</span>
          <span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      });
    } finally {
      await browser.close();
    }
  }
}
