import type { AddressInfo } from "node:net";
import { createFakeMailApi, type FakeMailApi } from "./fake-mail-api";

export type RunningFakeMailApi = FakeMailApi & {
  /** Base URL for RESEND_BASE_URL, on 127.0.0.1 at a free port. */
  url: string;
  /** Closes every connection, hanging requests included, then the server. */
  stop: () => Promise<void>;
};

/** Starts the fake Resend API on 127.0.0.1 at a free port, logging nothing. */
export async function startQuietFakeMailApi(options: { now?: () => number } = {}): Promise<RunningFakeMailApi> {
  const api = createFakeMailApi({ ...options, log: () => {} });
  await new Promise<void>((resolve) => api.server.listen(0, "127.0.0.1", resolve));
  const { port } = api.server.address() as AddressInfo;
  return {
    ...api,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        api.server.closeAllConnections();
        api.server.close(() => resolve());
      }),
  };
}

/** Counts the distinct emails the fake API sent per idempotency key. */
export function sendsPerKey(api: FakeMailApi): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of api.messages) {
    const key = message.idempotencyKey ?? "(none)";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
