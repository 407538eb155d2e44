import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Preview,
  Section,
  Text,
} from "@react-email/components";

export type InvitationEmailProps = {
  schoolName: string;
  recipientName: string;
  login: string;
  setPasswordUrl: string;
  /** ISO timestamp after which the link no longer works. */
  expiresAt: string;
  /** "parent" accounts see their children; "student" accounts see themselves. */
  audience: "parent" | "student";
};

/** Formats the expiry for the email body; mail clients show it as plain text. */
export function formatExpiry(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(new Date(iso));
}

export default function InvitationEmail({
  schoolName,
  recipientName,
  login,
  setPasswordUrl,
  expiresAt,
  audience,
}: InvitationEmailProps) {
  const purpose =
    audience === "parent"
      ? "follow your children's profile and courses"
      : "see your profile and courses";
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Your ${schoolName} portal account is ready`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px", color: "#18181b" }}>
            Welcome to the {schoolName} portal
          </Heading>
          <Text>Dear {recipientName},</Text>
          <Text>
            {schoolName} has created a portal account for you, so you can {purpose}{" "}
            online.
          </Text>
          <Text>
            Your login is <strong>{login}</strong>.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={setPasswordUrl}
              style={{
                backgroundColor: "#1d4ed8",
                color: "#ffffff",
                padding: "12px 20px",
                borderRadius: "6px",
              }}
            >
              Set your password
            </Button>
          </Section>
          <Text>
            If the button does not work, open this link: {setPasswordUrl}
          </Text>
          <Text>
            The link works once and expires on {formatExpiry(expiresAt)}. If it has
            expired, ask the school office to send a new invitation.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

InvitationEmail.PreviewProps = {
  schoolName: "Example School",
  recipientName: "Robert Smith",
  login: "robert.smith@example.com",
  setPasswordUrl: "http://localhost:3000/set-password?token=preview",
  expiresAt: "2026-01-30T12:00:00.000Z",
  audience: "parent",
} satisfies InvitationEmailProps;
