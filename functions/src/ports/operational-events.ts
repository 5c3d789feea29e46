/** Something operators must know about, such as an invariant found broken; they subscribe and alert on it. */
export interface OperationalEvent {
  type: "reconciliation.break.v1";
  occurredAt: string;
  data: Readonly<Record<string, unknown>>;
}

export interface OperationalEvents {
  publish(event: OperationalEvent): Promise<void>;
}
