import { expect } from "@playwright/test";
import type { CapturedEmail } from "../../support/fake-mail-api";
import { FAKE_MAIL_URL } from "./e2e-settings";

// Reads the emails the app sent to the fake Resend API (tests/support/fake-mail-api.ts).

const SET_PASSWORD_LINK = /https?:\/\/[^\s"'<>]+\/set-password\?token=[A-Za-z0-9_-]+/;

export async function clearMailbox(): Promise<void> {
  const response = await fetch(`${FAKE_MAIL_URL}/__messages`, { method: "DELETE" });
  expect(response.status, "DELETE /__messages on the fake mail API").toBe(204);
}

/** Makes the fake mail API reject every email for `address` with status 500 and `message`. */
export async function failEmailsTo(address: string, message: string): Promise<void> {
  const response = await fetch(`${FAKE_MAIL_URL}/__faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ fault: { kind: "error", status: 500, message }, recipient: address }),
  });
  expect(response.status, "POST /__faults on the fake mail API").toBe(204);
}

/** Makes the fake mail API accept emails for every address again. */
export async function clearEmailFailures(): Promise<void> {
  const response = await fetch(`${FAKE_MAIL_URL}/__faults`, { method: "DELETE" });
  expect(response.status, "DELETE /__faults on the fake mail API").toBe(204);
}

export async function listEmails(): Promise<CapturedEmail[]> {
  const response = await fetch(`${FAKE_MAIL_URL}/__messages`);
  expect(response.status, "GET /__messages on the fake mail API").toBe(200);
  return (await response.json()) as CapturedEmail[];
}

/**
 * Waits until exactly one email to `recipient` has arrived and returns it.
 * The app sends after its response, so the email can arrive a moment later.
 */
export async function waitForOnlyEmailTo(recipient: string): Promise<CapturedEmail> {
  const emailsTo = async () => (await listEmails()).filter((email) => email.to.includes(recipient));
  await expect
    .poll(async () => (await emailsTo()).length, {
      message: `emails to ${recipient} at the fake mail API`,
      timeout: 20_000,
    })
    .toBe(1);
  return (await emailsTo())[0];
}

/** Returns the set-password link in the email's text part, or fails the test. */
export function findSetPasswordLink(email: CapturedEmail): string {
  const match = SET_PASSWORD_LINK.exec(email.text ?? "");
  expect(match, `set-password link in the text of email ${email.id}`).not.toBeNull();
  return match![0];
}
