// The admin app's sign-in form, as a user fills it: open `url` (a page of the admin app, which asks
// for the sign-in first), type the username and password, press 登录.
import type { Page } from 'playwright-core';

export async function signInToAdmin(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
