import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { authorizeCredentials } from "./credentials";

const SESSION_MAX_AGE_S = 14 * 24 * 60 * 60;

/** next-auth configuration: email + password sign-in, JWT sessions carrying the user id; the secret comes from NEXTAUTH_SECRET. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        try {
          // next-auth hands over the request's headers only; see lib/http/client-address for which one is trusted.
          return await authorizeCredentials({ email: credentials?.email, password: credentials?.password }, clientAddress(req?.headers));
        } catch (e) {
          // next-auth hands a thrown message to the sign-in form as `error`: only say what users may read.
          if (e instanceof AppError) throw new Error(e.message);
          console.error("Sign-in failed unexpectedly:", e);
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "", sessionVersion: token.sv ?? 0 } };
    },
  },
};
