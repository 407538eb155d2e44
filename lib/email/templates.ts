import { render } from "@react-email/render";
import { createElement } from "react";
import InvitationEmail, { type InvitationEmailProps } from "@/emails/invitation-email";

export type EmailTemplate = "invitation";

export type RenderedEmail = { subject: string; html: string; text: string };

/** Renders an outbox row's template and payload into subject, HTML and text. */
export async function renderEmail(
  template: string,
  payload: unknown,
): Promise<RenderedEmail> {
  if (template !== "invitation") {
    throw new Error(`Unknown email template "${template}"`);
  }
  const props = payload as InvitationEmailProps;
  if (!props.setPasswordUrl) {
    throw new Error("The invitation link was removed after sending; send a new invitation");
  }
  const element = createElement(InvitationEmail, props);
  // The subject comes from configuration, never from a name a manager typed.
  const subject = `Your ${props.schoolName} portal account`.replace(/[\r\n]+/g, " ");
  return {
    subject,
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
