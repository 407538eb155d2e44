import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Aborts every browser request to a host other than this machine and records
 * its URL, so a page that loads a remote font, script or image fails the test
 * instead of reaching the internet.
 */
async function blockRemoteRequests(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => (url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  return blocked;
}

type Fixtures = {
  /** Opens a page in a new browser context: a second user with cookies of its own. */
  openSession: () => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    const blocked = await blockRemoteRequests(context);
    await use(context);
    expect(blocked, "requests to hosts other than 127.0.0.1").toEqual([]);
  },

  openSession: async ({ browser }, use) => {
    const sessions: { context: BrowserContext; blocked: string[] }[] = [];
    await use(async () => {
      const context = await browser.newContext();
      sessions.push({ context, blocked: await blockRemoteRequests(context) });
      return context.newPage();
    });
    for (const { context } of sessions) await context.close();
    expect(sessions.flatMap((session) => session.blocked), "requests to hosts other than 127.0.0.1").toEqual([]);
  },
});

export { expect };
