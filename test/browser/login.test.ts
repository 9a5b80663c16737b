import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { addUser } from '../support/accounts.ts';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';

const skip = browserSkipReason();

describe('logging in and out in the browser', { skip: skip ?? false }, () => {
  let s: TestServer;
  let browser: Browser;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'ed', 'editor');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  test('an anonymous save goes to the login page; after logging in the editor saves, and history names them', async () => {
    const page = await browser.newPage();
    await page.goto(`${s.url}/concepts/new`);
    await page.locator('#term-rows tr').nth(0).locator('input[name$="[text]"]').fill('Kosovo');
    await page.locator('#term-rows tr').nth(0).locator('input[name$="[lang]"]').fill('en');
    await page.click('button[type="submit"]:has-text("Save")');
    await page.waitForURL(/\/login\?next=%2Fconcepts%2Fnew$/);

    await page.fill('input[name="name"]', 'ed');
    await page.fill('input[name="password"]', 'wrong password');
    await page.click('button:has-text("Log in")');
    assert.match(await page.locator('.alert').innerText(), /Wrong user name or password/);

    await page.fill('input[name="password"]', 'ed-password');
    await page.click('button:has-text("Log in")');
    await page.waitForURL(/\/concepts\/new$/);
    assert.match(await page.locator('header .account').innerText(), /ed \(editor\)/);

    await page.locator('#term-rows tr').nth(0).locator('input[name$="[text]"]').fill('Kosovo');
    await page.locator('#term-rows tr').nth(0).locator('input[name$="[lang]"]').fill('en');
    await page.click('button[type="submit"]:has-text("Save")');
    await page.waitForURL(/\/concepts\/\d+\?saved=1$/);
    const id = /\/concepts\/(\d+)/.exec(page.url())![1];
    await page.goto(`${s.url}/concepts/${id}/history`);
    assert.match(await page.locator('.history-entry').first().innerText(), /create · version 1 · ed ·/);

    await page.click('button:has-text("Log out")');
    await page.waitForURL(`${s.url}/`);
    assert.match(await page.locator('header .account').innerText(), /Log in/);
    await page.close();
  });
});
