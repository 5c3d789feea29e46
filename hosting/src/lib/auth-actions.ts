import { createUserWithEmailAndPassword, signInWithEmailAndPassword, signOut as firebaseSignOut, updateProfile } from "firebase/auth";
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
