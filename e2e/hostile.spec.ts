/// <reference lib="dom" />
/**
 * Hostile and huge uploads in the page (issue 13): a wide file keeps the page responsive and
 * asks the user to choose states; names with terminal escapes and other encodings give
 * printable messages; the file that crashed the CLI gives a CSV message, not a worker failure.
 */
import type { Page } from '@playwright/test';
import { expect, oscillatorCsv, shot, test, waitForDone, watchErrors } from './helpers';

// Uploads of tens of thousands of cells, on a machine shared with other work.
test.describe.configure({ timeout: 120_000 });

/** `rows` rows of `m` state columns x0…x(m−1) after the time column. */
function wideCsv(m: number, rows: number): string {
  const lines = [['t', ...Array.from({ length: m }, (_, j) => `x${j}`)].join(',')];
  for (let i = 0; i < rows; i++) lines.push([i * 0.1, ...Array.from({ length: m }, (_, j) => Math.sin(i * 0.1 + j))].map((v) => String(Number(v.toFixed(4)))).join(','));
  return lines.join('\n') + '\n';
}

async function upload(page: Page, name: string, text: string | Buffer): Promise<void> {
  await page.getByTestId('csv-upload').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text });
}

/** The text of the message area holds no C0/C1 control, bidi or line-separator character. */
async function messagesArePrintable(page: Page): Promise<void> {
  const text = await page.getByTestId('message').textContent() ?? '';
  const bad = Array.from(text).filter((ch) => {
    const c = ch.charCodeAt(0);
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  });
  expect(bad).toEqual([]);
}

test('a 3,000-column upload keeps the page responsive and asks which states to fit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const run = await waitForDone(page);
  // Let the page settle (its first plots drawn), so what follows measures the upload alone.
  await expect(page.getByTestId('trajectory-plot').locator('.main-svg').first()).toBeAttached({ timeout: 60_000 });
  const csv = wideCsv(3000, 3);
  expect(csv.length).toBeGreaterThan(30_000);
  await upload(page, 'wide.csv', csv);
  const msg = page.getByTestId('message');
  await expect(msg).toContainText("Loaded 'wide.csv'");
  await expect(msg).toContainText('3,000 state columns');
  await expect(msg).toContainText("at most 50: choose them under 'States'");
  // The page answers clicks at once: each visible effect must appear within 1 s.
  const find = page.getByTestId('state-find');
  await find.click({ timeout: 1000 });
  await expect(find).toBeFocused({ timeout: 1000 });
  await find.fill('x2999');
  const chip = page.getByTestId('state-chips').getByLabel('x2999');
  await expect(chip).toBeVisible({ timeout: 1000 });
  await chip.check();
  await expect(chip).toBeChecked({ timeout: 1000 });
  await expect(page.getByTestId('preview-columns')).toHaveText(/first 12 of 3,001 columns/, { timeout: 1000 });
  // The fit then runs on the one chosen state (three rows are too few: the message says so).
  await expect.poll(async () => Number(await page.getByTestId('fit-status').getAttribute('data-run'))).toBeGreaterThan(run);
  await expect.poll(() => new URL(page.url()).searchParams.get('states')).toBe('x2999');
  await shot(page, 'upload-wide');
  expect(errors).toEqual([]);
});

test('without a choice, a wide file is not fitted: the status says how to choose', async ({ page }) => {
  await page.goto('/');
  await waitForDone(page);
  await upload(page, 'wide300.csv', wideCsv(300, 20));
  await expect(page.getByTestId('fit-status')).toContainText(/error|300 state columns/);
  await expect(page.getByTestId('message')).toContainText(/The file has 300 state columns .*one fit takes at most 50/);
  // Ticking two columns fits them.
  const chips = page.getByTestId('state-chips');
  await page.getByTestId('state-find').fill('x1');
  await chips.getByLabel('x1', { exact: true }).check();
  await page.getByTestId('state-find').fill('x2');
  await chips.getByLabel('x2', { exact: true }).check();
  await waitForDone(page);
  await expect(page.getByTestId('equations-recovered')).toContainText(/x_?1|x1/);
});

test('terminal escapes, UTF-16 and the file that crashed the CLI give printable CSV messages', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const run = await waitForDone(page);
  const msg = page.getByTestId('message');

  await upload(page, 'osc52.csv', oscillatorCsv().replace('x', 'x\x1b]52;c;SGVsbG8=\x07\u202e'));
  await expect(msg).toContainText("'x\\x1b]52;c;SGVsbG8=\\x07\\u202e'");
  await messagesArePrintable(page);

  // (With a byte-order mark the browser decodes UTF-16 itself; without one it cannot tell.)
  await upload(page, 'utf16.csv', Buffer.from(oscillatorCsv(), 'utf16le'));
  await expect(msg).toContainText('UTF-16');
  await expect(msg).toContainText('Save it as UTF-8');

  const header = ['t', ...Array.from({ length: 10_000 }, (_, i) => `x${i}`)].join(',');
  await upload(page, 'crash.csv', `${header}\n${Array(10_001).fill('1').join(',')}\n${'\n'.repeat(500_000)}`);
  await expect(msg).toContainText("'crash.csv' was not loaded");
  await expect(msg).toContainText('has only 1 sample');
  await expect(msg).not.toContainText('fit worker failed');
  await messagesArePrintable(page);
  // The previous data stays loaded: the fit of the page start is still the one shown.
  expect(Number(await page.getByTestId('fit-status').getAttribute('data-run'))).toBe(run);
  expect(errors).toEqual([]);
});
