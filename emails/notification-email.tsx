import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import { Fragment } from "react";
import type { NotificationKind } from "@/db/schema";

export type NotificationEmailProps = {
  schoolName: string;
  recipientName: string;
  kind: NotificationKind;
  title: string;
  /** Plain text; line breaks are kept. */
  body: string;
  /** The child the notification is about; null for a school-wide one. */
  studentName: string | null;
  /** When it was raised, already formatted in the school's time zone. */
  createdAt: string;
  /** Absolute URL of a page on this site, or null. */
  link: string | null;
  notificationsUrl: string;
  settingsUrl: string;
};

/** The heading of each kind in notification and digest emails. */
export const kindHeadings: Record<NotificationKind, string> = {
  announcement: "Announcement",
  absence: "Absence recorded",
  result: "New result",
  fee_overdue: "Fee overdue",
};

/** Renders plain text with its line breaks as <br>, so HTML and text parts both keep them. */
export function MultilineText({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <Text style={{ margin: "8px 0" }}>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </Text>
  );
}

export const emailBodyStyle = { backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif" };
export const emailContainerStyle = { backgroundColor: "#ffffff", padding: "32px", maxWidth: "560px" };

/** Renders the footer that says where to read and where to change these emails. */
export function PreferencesFooter({
  notificationsUrl,
  settingsUrl,
}: {
  notificationsUrl: string;
  settingsUrl: string;
}) {
  return (
    <Text style={{ fontSize: "13px", color: "#52525b" }}>
      Read all your notifications at {notificationsUrl}. To choose which emails you get, open{" "}
      <Link href={settingsUrl}>your email preferences</Link> ({settingsUrl}).
    </Text>
  );
}

export default function NotificationEmail({
  schoolName,
  recipientName,
  kind,
  title,
  body,
  studentName,
  createdAt,
  link,
  notificationsUrl,
  settingsUrl,
}: NotificationEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${kindHeadings[kind]}: ${title}`}</Preview>
      <Body style={emailBodyStyle}>
        <Container style={emailContainerStyle}>
          <Text style={{ color: "#52525b", margin: "0" }}>
            {kindHeadings[kind]}
            {studentName ? ` · ${studentName}` : ""} · {createdAt}
          </Text>
          <Heading as="h1" style={{ fontSize: "22px", color: "#18181b" }}>
            {title}
          </Heading>
          <Text>Dear {recipientName},</Text>
          <MultilineText text={body} />
          {link ? (
            <Section style={{ margin: "24px 0" }}>
              <Button
                href={link}
                style={{
                  backgroundColor: "#1d4ed8",
                  color: "#ffffff",
                  padding: "12px 20px",
                  borderRadius: "6px",
                }}
              >
                Open in the portal
              </Button>
              <Text>If the button does not work, open this link: {link}</Text>
            </Section>
          ) : null}
          <Text>{schoolName}</Text>
          <PreferencesFooter notificationsUrl={notificationsUrl} settingsUrl={settingsUrl} />
        </Container>
      </Body>
    </Html>
  );
}

NotificationEmail.PreviewProps = {
  schoolName: "Example School",
  recipientName: "Linda Brown",
  kind: "announcement",
  title: "Maths trip on Friday",
  body: "Year 7 maths visits the science museum on Friday.\nBring a packed lunch.",
  studentName: "Tom Brown",
  createdAt: "27 Jan 2026, 09:15",
  link: null,
  notificationsUrl: "http://localhost:3000/portal/notifications",
  settingsUrl: "http://localhost:3000/portal/settings/notifications",
} satisfies NotificationEmailProps;
