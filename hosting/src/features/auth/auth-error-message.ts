import { FirebaseError } from "firebase/app";

// Firebase Auth's codes, said the way a person signing in can act on them.
const messages: Record<string, string> = {
  "auth/invalid-credential": "That email and password do not match an account.",
  "auth/wrong-password": "That email and password do not match an account.",
  "auth/user-not-found": "That email and password do not match an account.",
  "auth/invalid-email": "That email address is not valid.",
  "auth/email-already-in-use": "An account with this email exists already: sign in instead.",
  "auth/weak-password": "Choose a password of at least 6 characters.",
  "auth/too-many-requests": "Too many attempts: wait a moment and try again.",
  "auth/network-request-failed": "The sign-in service could not be reached.",
};

export function authErrorMessage(error: unknown): string {
  if (error instanceof FirebaseError) return messages[error.code] ?? `Sign-in failed (${error.code}).`;
  return error instanceof Error ? error.message : String(error);
}
