import type { NextAuthConfig } from "next-auth";
import type { UserRole } from "@/db/schema";

// Edge-safe part of the Auth.js setup, shared by middleware.ts and auth.ts.
// It must not import anything that reaches the database.

declare module "next-auth" {
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: UserRole };
    /** The user's session_version when this session began. */
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: UserRole;
    sv?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Links in emails are built from APP_URL, never from the Host header, so
  // trusting the host only affects Auth.js's own redirects back to this site.
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.role = token.role ?? "portal";
      session.sessionVersion = token.sv;
      return session;
    },
  },
} satisfies NextAuthConfig;
