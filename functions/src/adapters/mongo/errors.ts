import {
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoWriteConcernError,
} from "mongodb";
import { AppError } from "../../domain/app-error.js";
import { reopenClosedClient } from "./mongo-client.js";

// Driver errors are classified here, once, so that no caller ever inspects a driver error:
// a duplicate key becomes the AppError the port documents, a transient failure becomes
// `unavailable` (retried by the platform), and anything else is a bug and is rethrown as is.

export const duplicateKeyCode = 11000;
const maxTimeExpiredCode = 50;
const transientLabels = [
  MongoErrorLabel.RetryableWriteError,
  MongoErrorLabel.TransientTransactionError,
  MongoErrorLabel.RetryableError,
  MongoErrorLabel.SystemOverloadedError,
];

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === duplicateKeyCode;
}

function isTransient(error: unknown): boolean {
  if (error instanceof MongoTopologyClosedError) {
    reopenClosedClient();
    return true;
  }
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoWriteConcernError
  ) {
    return true;
  }
  if (!(error instanceof MongoError)) return false;
  return error.code === maxTimeExpiredCode || transientLabels.some((label) => error.hasErrorLabel(label));
}

const alreadyExists = (cause: unknown) => new AppError("conflict", "a record with the same key already exists", undefined, { cause });

/** Runs one adapter operation and classifies what the driver throws; AppErrors pass through. */
export async function classified<T>(operation: () => Promise<T>, onDuplicateKey: (cause: unknown) => AppError = alreadyExists): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDuplicateKeyError(error)) throw onDuplicateKey(error);
    if (isTransient(error)) throw new AppError("unavailable", "the database is unavailable; try again", undefined, { cause: error });
    throw error;
  }
}
