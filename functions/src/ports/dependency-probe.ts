/** Checks that one external dependency answers; resolves when it does, rejects otherwise. */
export interface DependencyProbe {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}
