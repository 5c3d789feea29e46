import { createUserWithEmailAndPassword, sendEmailVerification, signInWithEmailAndPassword, signOut as firebaseSignOut, updateProfile, type User } from "firebase/auth";
import { firebaseAuth } from "./firebase";

export async function signIn(email: string, password: string): Promise<void> {
  await signInWithEmailAndPassword(await firebaseAuth(), email, password);
}

export async function signUp(displayName: string, email: string, password: string): Promise<void> {
  const { user } = await createUserWithEmailAndPassword(await firebaseAuth(), email, password);
  await updateProfile(user, { displayName });
}

export async function signOut(): Promise<void> {
  await firebaseSignOut(await firebaseAuth());
}

/** Asks Firebase Auth to email the link that verifies the account's address. */
export async function sendVerificationEmail(user: User): Promise<void> {
  await sendEmailVerification(user);
}

/**
 * Whether the account's address is verified now. The ID token is refreshed too: one issued before
 * the verification still says unverified, and the API believes only the token.
 */
export async function recheckEmailVerified(user: User): Promise<boolean> {
  await user.reload();
  await user.getIdToken(true);
  return user.emailVerified;
}
