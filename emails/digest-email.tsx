import { Body, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { NotificationKind } from "@/db/schema";
import {
  emailBodyStyle,
  emailContainerStyle,
  kindHeadings,
  MultilineText,
  PreferencesFooter,
} from "./notification-email";

export type DigestItem = {
  kind: NotificationKind;
  title: string;
  /** Plain text; line breaks are kept. */
  body: string;
  /** Already formatted in the school's time zone. */
  createdAt: string;
  /** Absolute URL of a page on this site, or null. */
  link: string | null;
};

export type DigestGroup = {
  /** The child these items are about; null for school-wide items. */
  studentName: string | null;
  items: DigestItem[];
};

export type DigestEmailProps = {
  schoolName: string;
  recipientName: string;
  /** The school-local day (YYYY-MM-DD) the digest was sent on. */
  digestDate: string;
  /** The formatted day, e.g. "27 January 2026". */
  digestDateLabel: string;
  groups: DigestGroup[];
  notificationsUrl: string;
  settingsUrl: string;
};

function countItems(groups: DigestGroup[]): number {
  return groups.reduce((total, group) => total + group.items.length, 0);
}

export default function DigestEmail({
  schoolName,
  recipientName,
  digestDateLabel,
  groups,
  notificationsUrl,
  settingsUrl,
}: DigestEmailProps) {
  const total = countItems(groups);
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${total} ${total === 1 ? "notification" : "notifications"} from ${schoolName}`}</Preview>
      <Body style={emailBodyStyle}>
        <Container style={emailContainerStyle}>
          <Heading as="h1" style={{ fontSize: "22px", color: "#18181b" }}>
            Your daily summary for {digestDateLabel}
          </Heading>
          <Text>Dear {recipientName},</Text>
          <Text>
            {schoolName} sent you {total} {total === 1 ? "notification" : "notifications"} since
            your last summary.
          </Text>
          {groups.map((group, groupIndex) => (
            <Section key={groupIndex} style={{ marginTop: "24px" }}>
              <Heading as="h2" style={{ fontSize: "18px", color: "#18181b" }}>
                {group.studentName ?? "For the whole school"}
              </Heading>
              {group.items.map((item, index) => (
                <Section key={index} style={{ borderTop: "1px solid #e4e4e7", paddingTop: "8px" }}>
                  <Text style={{ color: "#52525b", margin: "0" }}>
                    {kindHeadings[item.kind]} · {item.createdAt}
                  </Text>
                  <Text style={{ fontSize: "16px", fontWeight: "bold", color: "#18181b", margin: "4px 0" }}>
                    {item.title}
                  </Text>
                  <MultilineText text={item.body} />
                  {item.link ? (
                    <Text>
                      Open in the portal: <Link href={item.link}>{item.link}</Link>
                    </Text>
                  ) : null}
                </Section>
              ))}
            </Section>
          ))}
          <PreferencesFooter notificationsUrl={notificationsUrl} settingsUrl={settingsUrl} />
        </Container>
      </Body>
    </Html>
  );
}

DigestEmail.PreviewProps = {
  schoolName: "Example School",
  recipientName: "Linda Brown",
  digestDate: "2026-01-27",
  digestDateLabel: "27 January 2026",
  groups: [
    {
      studentName: null,
      items: [
        {
          kind: "announcement",
          title: "School closed on Monday",
          body: "The school is closed for staff training.",
          createdAt: "27 Jan 2026, 09:00",
          link: null,
        },
      ],
    },
    {
      studentName: "Tom Brown",
      items: [
        {
          kind: "absence",
          title: "Absent from Mathematics 7",
          body: "Tom was marked absent on 27 January 2026.",
          createdAt: "27 Jan 2026, 10:05",
          link: "http://localhost:3000/portal/students/3/attendance",
        },
      ],
    },
  ],
  notificationsUrl: "http://localhost:3000/portal/notifications",
  settingsUrl: "http://localhost:3000/portal/settings/notifications",
} satisfies DigestEmailProps;
