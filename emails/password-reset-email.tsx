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
import { formatExpiry } from "./invitation-email";

export type PasswordResetEmailProps = {
  schoolName: string;
  recipientName: string;
  login: string;
  setPasswordUrl: string;
  /** ISO timestamp after which the link no longer works. */
  expiresAt: string;
};

export default function PasswordResetEmail({
  schoolName,
  recipientName,
  login,
  setPasswordUrl,
  expiresAt,
}: PasswordResetEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Reset your ${schoolName} portal password`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px", color: "#18181b" }}>
            Reset your password
          </Heading>
          <Text>Dear {recipientName},</Text>
          <Text>
            Someone asked to reset the password of the {schoolName} portal account{" "}
            <strong>{login}</strong>. If it was you, choose a new password with the button
            below. Setting it logs you out on every device.
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
              Choose a new password
            </Button>
          </Section>
          <Text>If the button does not work, open this link: {setPasswordUrl}</Text>
          <Text>
            The link works once and expires on {formatExpiry(expiresAt)}. If you did not ask
            for a reset, ignore this email: your password stays the same.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

PasswordResetEmail.PreviewProps = {
  schoolName: "Example School",
  recipientName: "Linda Brown",
  login: "linda.brown@example.com",
  setPasswordUrl: "http://localhost:3000/set-password?token=preview",
  expiresAt: "2026-01-30T12:00:00.000Z",
} satisfies PasswordResetEmailProps;
