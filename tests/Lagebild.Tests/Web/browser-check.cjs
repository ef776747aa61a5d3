// Drives headless Debian chromium with playwright-core (no browser download) against a running Lagebild web app.
// Usage: node browser-check.cjs BASE_URL SCREENSHOT_DIR XSS_DOCUMENT_ID   (env PLAYWRIGHT_CORE: path of the module)
// Prints one JSON object with what it saw; the xunit test asserts on it.
'use strict';
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const path = require('path');

(async () => {
  const [base, shots] = process.argv.slice(2);
  const out = { console: [], dialogs: [], pageErrors: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10000);
    page.on('console', (m) => out.console.push(m.type() + ': ' + m.text()));
    page.on('pageerror', (e) => out.pageErrors.push(String(e)));
    page.on('dialog', async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
    await page.goto(base + '/');
    await page.waitForSelector('#edge-list li button');
    await page.waitForFunction(() => document.querySelector('#cy canvas') !== null);
    out.edges = await page.$$eval('#edge-list li button', (bs) => bs.map((b) => b.textContent));
    await page.click('#edge-list li button:text-is("CN → RU microelectronics")');
    await page.waitForSelector('#details .evidence li');
    out.evidence = await page.$$eval('#details .evidence .sentence', (ps) => ps.map((p) => p.textContent));
    out.highlights = await page.$$eval('#details .evidence .sentence mark', (ms) => ms.map((m) => m.textContent));
    out.meta = await page.$$eval('#details .evidence .meta', (ms) => ms.map((m) => m.textContent));
    await page.screenshot({ path: path.join(shots, 'lagebild-edge-evidence.png') });

    await page.selectOption('#f-class', 'lethal');
    await page.waitForFunction(() => [...document.querySelectorAll('#edge-list li')].every((li) => li.dataset.class === 'lethal'));
    out.lethal = await page.$$eval('#edge-list li', (lis) => lis.map((li) => li.dataset.class + ' ' + li.querySelector('button').textContent));
    out.timelineBars = await page.$$eval('#timeline .bar', (bs) => bs.length);
    await page.screenshot({ path: path.join(shots, 'lagebild-filter-lethal.png') });
    await page.selectOption('#f-class', '');

    // Article text with script payloads: search, open the document, read its evidence.
    await page.fill('#search', 'onerror drones');
    await page.click('#search-form button');
    await page.waitForSelector('#details .hits li button');
    out.searchTitles = await page.$$eval('#details .hits li button', (bs) => bs.map((b) => b.textContent));
    await page.click('#details .hits li button');
    await page.waitForSelector('#details .doc-title');
    out.docTitle = await page.$eval('#details .doc-title', (h) => h.textContent);
    out.docText = await page.$eval('#details .doc-text', (d) => d.textContent);
    out.docMarks = await page.$$eval('#details .doc-text mark', (ms) => ms.map((m) => m.textContent));
    out.injectedElements = await page.$$eval('#details img, #details script, body script:not([src])', (es) => es.length);
    await page.click('#details ul li button.link');
    await page.waitForSelector('#details .evidence li');
    out.xssEvidence = await page.$$eval('#details .evidence .sentence', (ps) => ps.map((p) => p.textContent));
    await page.waitForTimeout(300);
    out.xssFlag = await page.evaluate(() => window.__xss === undefined ? null : window.__xss);
    out.injectedAfter = await page.$$eval('img, script:not([src])', (es) => es.length);
    await page.screenshot({ path: path.join(shots, 'lagebild-xss-document.png') });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
