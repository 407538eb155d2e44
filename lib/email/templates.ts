import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import DigestEmail, { type DigestEmailProps } from "@/emails/digest-email";
import InvitationEmail, { type InvitationEmailProps } from "@/emails/invitation-email";
import PasswordResetEmail, { type PasswordResetEmailProps } from "@/emails/password-reset-email";
import NotificationEmail, { kindHeadings, type NotificationEmailProps } from "@/emails/notification-email";

export type EmailTemplate = "invitation" | "password_reset" | "notification" | "digest";

export type RenderedEmail = { subject: string; html: string; text: string };

/** Joins subject parts on one line; a line break in configuration cannot add a header. */
function singleLine(subject: string): string {
  return subject.replace(/[\r\n]+/g, " ");
}

async function renderParts(element: ReactElement, subject: string): Promise<RenderedEmail> {
  return {
    subject: singleLine(subject),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}

/**
 * Renders an outbox row's template and payload into subject, HTML and text.
 * Subjects come from configuration and fixed text, never from a title, name or
 * message that someone typed.
 */
export async function renderEmail(
  template: string,
  payload: unknown,
): Promise<RenderedEmail> {
  switch (template) {
    case "invitation": {
      const props = payload as InvitationEmailProps;
      if (!props.setPasswordUrl) {
        throw new Error("The invitation link was removed after sending; send a new invitation");
      }
      return renderParts(
        createElement(InvitationEmail, props),
        `Your ${props.schoolName} portal account`,
      );
    }
    case "password_reset": {
      const props = payload as PasswordResetEmailProps;
      if (!props.setPasswordUrl) {
        throw new Error("The reset link was removed after sending; send a new password reset");
      }
      return renderParts(
        createElement(PasswordResetEmail, props),
        `Reset your ${props.schoolName} portal password`,
      );
    }
    case "notification": {
      const props = payload as NotificationEmailProps;
      return renderParts(
        createElement(NotificationEmail, props),
        `${kindHeadings[props.kind]} from ${props.schoolName}`,
      );
    }
    case "digest": {
      const props = payload as DigestEmailProps;
      return renderParts(
        createElement(DigestEmail, props),
        `Your daily summary from ${props.schoolName} for ${props.digestDateLabel}`,
      );
    }
    default:
      throw new Error(`Unknown email template "${template}"`);
  }
}
